"""C2W3A2, second round."""

import numpy as np

from .. import correct, mistake


@mistake("sample_log_uniform")
def log_uniform_one_draw(low, high, n):
    r = np.random.uniform(np.log10(low), np.log10(high))
    return np.full(n, 10**r)


@mistake("sample_beta")
def beta_bounds_from_beta(low, high, n):
    r = np.random.uniform(np.log10(low), np.log10(high), n)
    return 1 - 10**r


@mistake("softmax")
def softmax_unshifted_total(Z):
    return np.exp(Z) / np.sum(np.exp(Z))


@correct("softmax")
def softmax_per_column_loop(Z):
    A = np.empty_like(Z, dtype=float)
    for j in range(Z.shape[1]):
        e = np.exp(Z[:, j] - Z[:, j].max())
        A[:, j] = e / e.sum()
    return A


@mistake("softmax_cross_entropy")
def ce_cost_per_example(Z, Y):
    m = Z.shape[1]
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_A = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    cost = -np.sum(Y * log_A, axis=0) / m
    return cost, (np.exp(log_A) - Y) / m


@mistake("batchnorm_forward")
def bn_eps_added_after(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_hat = (Z - mu) / np.sqrt(var) + eps
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@mistake("batchnorm_forward")
def bn_caches_the_running_statistics(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9,
                                     eps=1e-5):
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_hat = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_hat + beta, (Z, Z_hat, running_mean, running_var, gamma, eps), running_mean, running_var


@mistake("batchnorm_backward")
def bnb_dbeta_over_units(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dZ_hat = dout * gamma
    dZ = (m * dZ_hat - np.sum(dZ_hat, axis=1, keepdims=True)
          - Z_hat * np.sum(dZ_hat * Z_hat, axis=1, keepdims=True)) / (m * np.sqrt(var + eps))
    return dZ, dgamma, dbeta


@mistake("batchnorm_backward")
def bnb_std_without_eps(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dZ_hat = dout * gamma
    dZ = (m * dZ_hat - np.sum(dZ_hat, axis=1, keepdims=True)
          - Z_hat * np.sum(dZ_hat * Z_hat, axis=1, keepdims=True)) / (m * np.sqrt(var))
    return dZ, np.sum(dout * Z_hat, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
