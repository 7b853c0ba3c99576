"""Correct solutions of C2W3A2 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import variant


@variant("sample_log_uniform")
def log_uniform_natural_log(low, high, n):
    # A log-uniform distribution is the same in every base.
    return np.exp(np.random.uniform(np.log(low), np.log(high), size=n))


@variant("sample_log_uniform")
def log_uniform_generator(low, high, n):
    rng = np.random.default_rng(np.random.randint(2**31))
    a, b = np.log10(low), np.log10(high)
    return np.power(10.0, a + (b - a) * rng.random(n))


@variant("sample_beta")
def beta_positive_exponent(low, high, n):
    # r in [1, 3] for beta in [0.9, 0.999]: 1 - beta = 10**-r.
    r = np.random.uniform(-np.log10(1 - low), -np.log10(1 - high), size=n)
    return 1 - 10.0 ** -r


@variant("sample_beta")
def beta_through_log_uniform(low, high, n):
    one_minus = np.exp(np.random.uniform(np.log(1 - high), np.log(1 - low), size=n))
    return 1 - one_minus


@variant("softmax")
def softmax_log_sum_exp(Z):
    shifted = Z - Z.max(axis=0)
    return np.exp(shifted - np.log(np.exp(shifted).sum(axis=0)))


@variant("softmax")
def softmax_column_loop(Z):
    A = np.empty_like(Z, dtype=float)
    for j in range(Z.shape[1]):
        e = np.exp(Z[:, j] - Z[:, j].max())
        A[:, j] = e / e.sum()
    return A


@variant("softmax_cross_entropy")
def ce_true_class_scores(Z, Y):
    m = Z.shape[1]
    top = Z.max(axis=0)
    log_norm = top + np.log(np.exp(Z - top).sum(axis=0))
    true_scores = (Y * Z).sum(axis=0)
    A = np.exp(Z - log_norm)
    return float(np.mean(log_norm - true_scores)), (A - Y) / m


@variant("softmax_cross_entropy")
def ce_einsum(Z, Y):
    m = Z.shape[1]
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    log_A = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    cost = -np.einsum("cm,cm->", Y, log_A) / m
    return float(cost), (np.exp(log_A) - Y) / m


@variant("batchnorm_forward")
def bn_explicit_sums(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        m = Z.shape[1]
        mu = Z.sum(axis=1, keepdims=True) / m
        var = ((Z - mu) ** 2).sum(axis=1, keepdims=True) / m
        running_mean = running_mean + (1 - momentum) * (mu - running_mean)
        running_var = running_var + (1 - momentum) * (var - running_var)
    else:
        mu, var = running_mean, running_var
    inv_std = (var + eps) ** -0.5
    Z_hat = (Z - mu) * inv_std
    return Z_hat * gamma + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@variant("batchnorm_forward")
def bn_where_mode(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    training = mode == "train"
    batch_mu, batch_var = Z.mean(axis=1)[:, None], Z.var(axis=1)[:, None]
    mu = batch_mu if training else running_mean
    var = batch_var if training else running_var
    if training:
        running_mean = np.add(momentum * running_mean, (1 - momentum) * batch_mu)
        running_var = np.add(momentum * running_var, (1 - momentum) * batch_var)
    Z_hat = np.divide(Z - mu, np.sqrt(var + eps))
    return np.multiply(gamma, Z_hat) + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@variant("batchnorm_backward")
def bnb_staged(dout, cache):
    # Step by step through the graph: Z_hat from Z, mu and var; var from Z and mu; mu from Z.
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dZ_hat = dout * gamma
    dvar = np.sum(dZ_hat * (Z - mu), axis=1, keepdims=True) * -0.5 * (var + eps) ** -1.5
    dmu = -np.sum(dZ_hat, axis=1, keepdims=True) / np.sqrt(var + eps) - 2 * dvar * np.mean(Z - mu, axis=1,
                                                                                           keepdims=True)
    dZ = dZ_hat / np.sqrt(var + eps) + dvar * 2 * (Z - mu) / m + dmu / m
    return dZ, np.sum(dout * Z_hat, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)


@variant("batchnorm_backward")
def bnb_projection(dout, cache):
    # dZ is dZ_hat with its mean and its component along Z_hat removed, scaled by 1 / std.
    Z, Z_hat, mu, var, gamma, eps = cache
    g = dout * gamma
    centred = g - g.mean(axis=1, keepdims=True)
    dZ = (centred - Z_hat * (g * Z_hat).mean(axis=1, keepdims=True)) / np.sqrt(var + eps)
    return dZ, (dout * Z_hat).sum(axis=1)[:, None], dout.sum(axis=1)[:, None]
