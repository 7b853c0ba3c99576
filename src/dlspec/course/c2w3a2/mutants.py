"""Known mistakes in C2W3A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.softmax import softmax

# --- sample_log_uniform ---------------------------------------------------------------------------------------


@mutant("sample_log_uniform", "Draw the exponent uniformly, not the value: a uniform draw of the value rarely "
                              "lands in the lowest decades.")
def log_uniform_linear(low, high, n):
    return np.random.uniform(low, high, size=n)


@mutant("sample_log_uniform", "The exponent's bounds are the logarithms of low and high, not low and high.")
def log_uniform_raw_bounds(low, high, n):
    return 10 ** np.random.uniform(low, high, size=n)


@mutant("sample_log_uniform", "Return the values 10**r, not the exponents r.")
def log_uniform_exponents(low, high, n):
    return np.random.uniform(np.log10(low), np.log10(high), size=n)


@mutant("sample_log_uniform", "Natural log and base 10 are mixed: take the logarithm in the same base you raise.")
def log_uniform_mixed_bases(low, high, n):
    return 10 ** np.random.uniform(np.log(low), np.log(high), size=n)


@mutant("sample_log_uniform", "Evenly spaced values are a grid: random search draws each value at random.")
def log_uniform_grid(low, high, n):
    return np.logspace(np.log10(low), np.log10(high), n)


@mutant("sample_log_uniform", "The result should be a 1-D array of n values, shape (n,).")
def log_uniform_column(low, high, n):
    return 10 ** np.random.uniform(np.log10(low), np.log10(high), size=(n, 1))


# --- sample_beta ----------------------------------------------------------------------------------------------


@mutant("sample_beta", "10**r samples 1 - beta; beta itself is 1 minus that.")
def beta_forgot_one_minus(low, high, n):
    return 10 ** np.random.uniform(np.log10(1 - high), np.log10(1 - low), size=n)


@mutant("sample_beta", "Sample 1 - beta on a log scale, not beta: the bounds of r come from 1 - high and 1 - low.")
def beta_log_of_beta(low, high, n):
    return 1 - 10 ** np.random.uniform(np.log10(low), np.log10(high), size=n)


@mutant("sample_beta", "A uniform draw of beta spends most samples far from 1, where beta matters least.")
def beta_linear(low, high, n):
    return np.random.uniform(low, high, size=n)


@mutant("sample_beta", "Natural log and base 10 are mixed: take the logarithm in the same base you raise.")
def beta_mixed_bases(low, high, n):
    return 1 - 10 ** np.random.uniform(np.log(1 - high), np.log(1 - low), size=n)


@mutant("sample_beta", "Evenly spaced values are a grid: random search draws each value at random.")
def beta_grid(low, high, n):
    return 1 - np.logspace(np.log10(1 - high), np.log10(1 - low), n)


# --- softmax --------------------------------------------------------------------------------------------------


@mutant("softmax", "Each column is one example: sum over the classes, axis=0, so every column adds up to 1.")
def softmax_rows(Z):
    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


@mutant("softmax", "Subtract each column's own maximum before exp, or large scores overflow to inf and give nan.")
def softmax_unshifted(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(Z)
        return e / np.sum(e, axis=0, keepdims=True)


@mutant("softmax", "Subtract the maximum of each column, not of the whole array: a column far below it underflows "
                   "to 0 / 0.")
def softmax_global_max(Z):
    e = np.exp(Z - np.max(Z))
    with np.errstate(invalid="ignore"):
        return e / np.sum(e, axis=0, keepdims=True)


@mutant("softmax", "Divide by each column's sum, not by the sum of the whole array.")
def softmax_total_sum(Z):
    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return e / np.sum(e)


@mutant("softmax", "Softmax couples the classes through the column sum; a sigmoid treats each score alone.")
def softmax_sigmoid(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z))


@mutant("softmax", "Shifted by each column's maximum, sum over the classes too, axis=0: each column must add up to 1.")
def softmax_sum_over_rows(Z):
    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


@mutant("softmax", "Subtract each column's own maximum (axis=0): one number per example keeps the ratios of its "
                   "scores; a maximum per class changes them.")
def softmax_shift_per_class(Z):
    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


# --- softmax_cross_entropy ------------------------------------------------------------------------------------


@mutant("softmax_cross_entropy", "The cost is the mean over the m examples: divide the sum by m.")
def ce_cost_not_averaged(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    return float(-np.sum(Y * np.log(np.clip(A, 1e-300, None)))), (A - Y) / m


@mutant("softmax_cross_entropy", "The gradient is (A - Y) / m: the cost is a mean, so each example's gradient "
                                 "carries a 1/m.")
def ce_gradient_not_averaged(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    return float(-np.sum(Y * np.log(np.clip(A, 1e-300, None))) / m), A - Y


@mutant("softmax_cross_entropy", "Check the sign of dZ: raising the score of the true class lowers the cost.")
def ce_gradient_sign(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    return float(-np.sum(Y * np.log(np.clip(A, 1e-300, None))) / m), (Y - A) / m


@mutant("softmax_cross_entropy", "log(softmax(Z)) is -inf when a probability underflows to 0: compute the log from "
                                 "the shifted scores instead (log-sum-exp).")
def ce_naive_log(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.sum(Y * np.log(A)) / m), (A - Y) / m


@mutant("softmax_cross_entropy", "log(A + a tiny number) still loses the cost when a probability underflows: compute "
                                 "the log from the shifted scores instead (log-sum-exp).")
def ce_clipped_log(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    return float(-np.sum(Y * np.log(A + 1e-12)) / m), (A - Y) / m


@mutant("softmax_cross_entropy", "np.mean over the (C, m) array divides by C * m: sum over the classes, then divide "
                                 "by m.")
def ce_mean_over_all(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    log_A = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    return float(-np.mean(Y * log_A)), (A - Y) / m


@mutant("softmax_cross_entropy", "With C classes only the true class's term counts: -sum Y log A, not the two-class "
                                 "formula with (1 - Y) log(1 - A).")
def ce_binary_formula(Z, Y):
    m = Z.shape[1]
    A = np.clip(softmax(Z), 1e-300, 1 - 1e-16)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m), (A - Y) / m


@mutant("softmax_cross_entropy", "The cost should be a Python float (float(...)), not an array.")
def ce_array_cost(Z, Y):
    m = Z.shape[1]
    A = softmax(Z)
    per_example = -np.sum(Y * np.log(np.clip(A, 1e-300, None)), axis=0, keepdims=True)
    return np.sum(per_example, axis=1) / m, (A - Y) / m


# --- batchnorm_forward ----------------------------------------------------------------------------------------


def _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, *, ddof=0, swap_momentum=False,
        eps_outside=False, always_batch=False, update_in_test=False, running_ddof=None):
    """The correct forward pass with one switchable mistake."""
    mu, var = np.mean(Z, axis=1, keepdims=True), np.var(Z, axis=1, keepdims=True, ddof=ddof)
    averaged = var if running_ddof is None else np.var(Z, axis=1, keepdims=True, ddof=running_ddof)
    keep = 1 - momentum if swap_momentum else momentum
    new_mean, new_var = keep * running_mean + (1 - keep) * mu, keep * running_var + (1 - keep) * averaged
    if mode != "train" and not always_batch:
        mu, var = running_mean, running_var
    if mode == "train" or update_in_test:
        running_mean, running_var = new_mean, new_var
    Z_hat = (Z - mu) / (np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps))
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@mutant("batchnorm_forward", "Normalise with the plain (biased) variance, np.var's default: divide by m, not m - 1.")
def bn_unbiased_variance(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    return _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, ddof=1)


@mutant("batchnorm_forward", "Average the same biased variance you normalise with (PyTorch's BatchNorm keeps the "
                             "unbiased one; this lesson does not).")
def bn_unbiased_running_var(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    return _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, running_ddof=1)


@mutant("batchnorm_forward", "momentum weighs the old running value: new = momentum * old + (1 - momentum) * batch.")
def bn_momentum_swapped(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    return _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, swap_momentum=True)


@mutant("batchnorm_forward", "eps goes inside the square root: sqrt(var + eps).")
def bn_eps_outside(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    return _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, eps_outside=True)


@mutant("batchnorm_forward", "In test mode normalise with the running averages, not with the batch's statistics.")
def bn_batch_stats_in_test(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    return _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, always_batch=True)


@mutant("batchnorm_forward", "Test mode must leave the running averages unchanged: only training updates them.")
def bn_updates_in_test(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    return _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, update_in_test=True)


@mutant("batchnorm_forward", "Each unit (row) is normalised over the examples of the batch: statistics over axis=1.")
def bn_wrong_axis(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    mu, var = np.mean(Z, axis=0, keepdims=True), np.var(Z, axis=0, keepdims=True)
    if mode == "train":
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_hat = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_hat + beta, (Z, Z_hat, mu, var, gamma, eps), running_mean, running_var


@mutant("batchnorm_forward", "gamma scales and beta shifts: out = gamma * Z_hat + beta.")
def bn_gamma_beta_swapped(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    out, cache, running_mean, running_var = _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps)
    Z_hat = cache[1]
    return beta * Z_hat + gamma, cache, running_mean, running_var


@mutant("batchnorm_forward", "Add eps to the variance before the square root, sqrt(var + eps): it keeps a unit whose "
                             "values are all alike from dividing by 0.")
def bn_no_eps(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    out, cache, running_mean, running_var = _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, 0.0)
    return out, (*cache[:5], eps), running_mean, running_var


@mutant("batchnorm_forward", "The cache keeps the variance var, as the backward pass expects, not the standard "
                             "deviation.")
def bn_caches_the_deviation(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    out, cache, running_mean, running_var = _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps)
    return out, (*cache[:3], np.sqrt(cache[3] + eps), *cache[4:]), running_mean, running_var


@mutant("batchnorm_forward", "Test mode must leave running_mean unchanged: only training updates the averages.")
def bn_updates_mean_in_test(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    out, cache, new_mean, new_var = _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps)
    if mode != "train":
        new_mean = _bn(Z, gamma, beta, running_mean, running_var, mode, momentum, eps, update_in_test=True)[2]
    return out, cache, new_mean, new_var


# --- batchnorm_backward ---------------------------------------------------------------------------------------


@mutant("batchnorm_backward", "The mean and the variance depend on Z too: dZ has two more terms than dZ_hat / std.")
def bnb_ignores_statistics(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    return dout * gamma / np.sqrt(var + eps), np.sum(dout * Z_hat, axis=1, keepdims=True), \
        np.sum(dout, axis=1, keepdims=True)


@mutant("batchnorm_backward", "dgamma sums dout times Z_hat; dbeta sums dout alone.")
def bnb_dgamma_dbeta_swapped(dout, cache):
    dZ, dgamma, dbeta = _bnb(dout, cache)
    return dZ, dbeta, dgamma


@mutant("batchnorm_backward", "out = gamma * Z_hat + beta, so the gradient reaching Z_hat is dout times gamma.")
def bnb_forgot_gamma(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    return _bnb(dout, (Z, Z_hat, mu, var, np.ones_like(gamma), eps))[0], *_bnb(dout, cache)[1:]


@mutant("batchnorm_backward", "gamma and beta are per unit: sum their gradients over the examples, axis=1, "
                              "keepdims=True.")
def bnb_wrong_axis(dout, cache):
    dZ, _, _ = _bnb(dout, cache)
    Z_hat = cache[1]
    return dZ, np.sum(dout * Z_hat, axis=0, keepdims=True), np.sum(dout, axis=0, keepdims=True)


@mutant("batchnorm_backward", "The mean and the variance average over m examples: a 1/m belongs in dZ.")
def bnb_missing_one_over_m(dout, cache):
    dZ, dgamma, dbeta = _bnb(dout, cache)
    return dZ * cache[0].shape[1], dgamma, dbeta


@mutant("batchnorm_backward", "The variance term uses the normalised values Z_hat, not the raw Z.")
def bnb_raw_Z(dout, cache):
    Z, Z_hat, mu, var, gamma, eps = cache
    return _bnb(dout, (Z, Z, mu, var, gamma, eps))[0], *_bnb(dout, cache)[1:]


def _bnb_chain(dout, cache, dvar_sign=-1.0, mean_term=True):
    """The backward pass step by step (dvar, then dmu), as learners derive it; ``dvar_sign`` -1 and ``mean_term``
    give the right answer."""
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dZ_hat = dout * gamma
    std = np.sqrt(var + eps)
    dvar = np.sum(dZ_hat * (Z - mu), axis=1, keepdims=True) * dvar_sign * 0.5 * std**-3
    dmu = np.sum(-dZ_hat / std, axis=1, keepdims=True) if mean_term else 0
    dZ = dZ_hat / std + dvar * 2 * (Z - mu) / m + dmu / m
    return dZ, np.sum(dout * Z_hat, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)


@mutant("batchnorm_backward", "Check the sign of dvar: var + eps is raised to the power -1/2, so its derivative "
                              "carries -1/2 (var + eps)**-1.5.")
def bnb_dvar_sign(dout, cache):
    return _bnb_chain(dout, cache, dvar_sign=1.0)


@mutant("batchnorm_backward", "Every example moved the mean: dZ needs the term dmu / m, with dmu the sum of "
                              "-dZ_hat / sqrt(var + eps).")
def bnb_no_mean_term(dout, cache):
    return _bnb_chain(dout, cache, mean_term=False)


@mutant("batchnorm_backward", "gamma is one number per unit: dgamma sums dout * Z_hat over the examples, axis=1, "
                              "keepdims=True.")
def bnb_dgamma_not_summed(dout, cache):
    dZ, _, dbeta = _bnb(dout, cache)
    return dZ, dout * cache[1], dbeta


def _bnb(dout, cache):
    """The correct backward pass, for mutants that change only one of its outputs or inputs."""
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    g = dout * gamma
    dZ = (m * g - np.sum(g, axis=1, keepdims=True) - Z_hat * np.sum(g * Z_hat, axis=1, keepdims=True)) / (
        m * np.sqrt(var + eps))
    return dZ, np.sum(dout * Z_hat, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
