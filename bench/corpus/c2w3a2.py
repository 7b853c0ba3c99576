"""C2W3A2, hyper-parameter tuning and batch normalisation, as learners write it."""

import numpy as np

from dlspec.nn.softmax import softmax

from . import correct, mistake

# --- sample_log_uniform and sample_beta ---------------------------------------------------------------------------


@correct("sample_log_uniform")
def log_uniform_power(low, high, n):
    r = np.random.uniform(low=np.log10(low), high=np.log10(high), size=(n,))
    return np.power(10.0, r)


@correct("sample_log_uniform")
def log_uniform_scaled_rand(low, high, n):
    a, b = np.log10(low), np.log10(high)
    r = a + (b - a) * np.random.rand(n)
    return 10**r


@correct("sample_log_uniform")
def log_uniform_natural_log(low, high, n):
    return np.exp(np.random.uniform(np.log(low), np.log(high), n))


@mistake("sample_log_uniform")
def log_uniform_forgot_the_offset(low, high, n):
    a, b = np.log10(low), np.log10(high)
    r = (b - a) * np.random.rand(n)
    return 10**r


@mistake("sample_log_uniform")
def log_uniform_value_itself(low, high, n):
    return np.random.uniform(low, high, n)


@mistake("sample_log_uniform")
def log_uniform_exponent_returned(low, high, n):
    return np.random.uniform(np.log10(low), np.log10(high), n)


@correct("sample_beta")
def beta_bounds_written_low_to_high(low, high, n):
    r = np.random.uniform(np.log10(1 - low), np.log10(1 - high), n)
    return 1 - 10**r


@correct("sample_beta")
def beta_through_log_uniform(low, high, n):
    a, b = np.log10(1 - high), np.log10(1 - low)
    return 1 - np.power(10, a + (b - a) * np.random.rand(n))


@mistake("sample_beta")
def beta_returns_one_minus(low, high, n):
    r = np.random.uniform(np.log10(1 - high), np.log10(1 - low), n)
    return 10**r


@mistake("sample_beta")
def beta_log_of_beta(low, high, n):
    r = np.random.uniform(np.log10(low), np.log10(high), n)
    return 10**r


# --- softmax ------------------------------------------------------------------------------------------------------


@correct("softmax")
def softmax_max_subtracted(Z):
    e = np.exp(Z - Z.max(axis=0))
    return e / e.sum(axis=0)


@correct("softmax")
def softmax_log_sum_exp(Z):
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    return np.exp(shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True)))


@mistake("softmax")
def softmax_no_shift(Z):
    e = np.exp(Z)
    return e / np.sum(e, axis=0, keepdims=True)


@mistake("softmax")
def softmax_sum_without_keepdims_on_rows(Z):
    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


@mistake("softmax")
def softmax_shift_by_row_max(Z):
    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


# --- softmax_cross_entropy ----------------------------------------------------------------------------------------


@correct("softmax_cross_entropy")
def ce_log_softmax(Z, Y):
    m = Z.shape[1]
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_A = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    cost = -(Y * log_A).sum() / m
    return float(cost), (np.exp(log_A) - Y) / m


@correct("softmax_cross_entropy")
def ce_picks_the_true_class(Z, Y):
    m = Z.shape[1]
    shifted = Z - np.max(Z, axis=0)
    log_sum = np.log(np.sum(np.exp(shifted), axis=0))
    true_class = np.argmax(Y, axis=0)
    cost = np.mean(log_sum - shifted[true_class, np.arange(m)])
    return float(cost), (softmax(Z) - Y) / m


@mistake("softmax_cross_entropy")
def ce_naive_log(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    cost = -np.sum(Y * np.log(A)) / m
    return float(cost), (A - Y) / m


@mistake("softmax_cross_entropy")
def ce_gradient_not_averaged(Z, Y):
    m = Z.shape[1]
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_A = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return float(-(Y * log_A).sum() / m), np.exp(log_A) - Y


@mistake("softmax_cross_entropy")
def ce_mean_over_everything(Z, Y):
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_A = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return float(-np.mean(Y * log_A)), (np.exp(log_A) - Y) / Z.shape[1]


# --- batchnorm_forward --------------------------------------------------------------------------------------------


@correct("batchnorm_forward")
def bn_mean_methods(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mu = Z.mean(axis=1, keepdims=True)
        var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_hat = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@correct("batchnorm_forward")
def bn_two_branches(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "test":
        Z_hat = (Z - running_mean) / np.sqrt(running_var + eps)
        return gamma * Z_hat + beta, (Z, Z_hat, running_mean, running_var, gamma, eps), running_mean, running_var
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_hat = (Z - mu) / np.sqrt(var + eps)
    new_mean = momentum * running_mean + (1 - momentum) * mu
    new_var = momentum * running_var + (1 - momentum) * var
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), new_mean, new_var


@mistake("batchnorm_forward")
def bn_batch_statistics_at_test(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    if mode == "train":
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    Z_hat = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@mistake("batchnorm_forward")
def bn_no_eps(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_hat = (Z - mu) / np.sqrt(var)
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@mistake("batchnorm_forward")
def bn_standard_deviation_in_cache(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    std = np.sqrt(var + eps)
    Z_hat = (Z - mu) / std
    return gamma * Z_hat + beta, (Z, Z_hat, mu, std, gamma, eps), running_mean, running_var


@mistake("batchnorm_forward")
def bn_updates_running_mean_at_test(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        Z_hat = (Z - mu) / np.sqrt(var + eps)
    else:
        Z_hat = (Z - running_mean) / np.sqrt(running_var + eps)
        mu, var = running_mean, running_var
        running_mean = momentum * running_mean + (1 - momentum) * np.mean(Z, axis=1, keepdims=True)
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


# --- batchnorm_backward -------------------------------------------------------------------------------------------


@correct("batchnorm_backward")
def bnb_chain_rule_step_by_step(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dZ_hat = dout * gamma
    std = np.sqrt(var + eps)
    dvar = np.sum(dZ_hat * (Z - mu), axis=1, keepdims=True) * -0.5 * std**-3
    dmu = np.sum(-dZ_hat / std, axis=1, keepdims=True) + dvar * np.mean(-2 * (Z - mu), axis=1, keepdims=True)
    dZ = dZ_hat / std + dvar * 2 * (Z - mu) / m + dmu / m
    return dZ, dgamma, dbeta


@correct("batchnorm_backward")
def bnb_compact(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = dout.shape[1]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * Z_hat).sum(axis=1, keepdims=True)
    dZ_hat = gamma * dout
    dZ = (m * dZ_hat - dZ_hat.sum(axis=1, keepdims=True) - Z_hat * (dZ_hat * Z_hat).sum(axis=1, keepdims=True)) / (
        m * np.sqrt(var + eps))
    return dZ, dgamma, dbeta


@mistake("batchnorm_backward")
def bnb_dvar_sign(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dZ_hat = dout * gamma
    std = np.sqrt(var + eps)
    dvar = np.sum(dZ_hat * (Z - mu), axis=1, keepdims=True) * 0.5 * std**-3
    dmu = np.sum(-dZ_hat / std, axis=1, keepdims=True)
    dZ = dZ_hat / std + dvar * 2 * (Z - mu) / m + dmu / m
    return dZ, dgamma, dbeta


@mistake("batchnorm_backward")
def bnb_no_mean_term(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dZ_hat = dout * gamma
    std = np.sqrt(var + eps)
    dvar = np.sum(dZ_hat * (Z - mu), axis=1, keepdims=True) * -0.5 * std**-3
    dZ = dZ_hat / std + dvar * 2 * (Z - mu) / m
    return dZ, dgamma, dbeta


@mistake("batchnorm_backward")
def bnb_dgamma_without_sum(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = dout * Z_hat
    dZ_hat = dout * gamma
    inv_std = 1 / np.sqrt(var + eps)
    dZ = inv_std / m * (m * dZ_hat - np.sum(dZ_hat, axis=1, keepdims=True)
                        - Z_hat * np.sum(dZ_hat * Z_hat, axis=1, keepdims=True))
    return dZ, dgamma, dbeta
