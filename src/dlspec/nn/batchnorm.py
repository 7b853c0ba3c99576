"""Batch normalisation of a layer's pre-activations, examples as columns (Course 2 week 3).

For ``Z`` of shape ``(n, m)`` each of the n units is normalised over the m examples of the mini-batch, then
scaled by ``gamma`` and shifted by ``beta`` (both ``(n, 1)``). During training the batch's own mean and variance
are used and exponential running averages are kept; at inference those running averages replace the batch
statistics, so one example is normalised the same way whatever batch it arrives in.
"""

from __future__ import annotations

import numpy as np


def batchnorm_forward(Z, gamma, beta, running_mean, running_var, mode="train", momentum=0.9, eps=1e-5):
    """Batch-norm forward pass.

    Arguments:
    Z -- pre-activations, numpy array of shape (n, m)
    gamma -- scale, shape (n, 1)
    beta -- shift, shape (n, 1)
    running_mean -- running average of the unit means, shape (n, 1)
    running_var -- running average of the unit variances, shape (n, 1)
    mode -- "train": normalise with the batch's mean and (biased) variance over the m examples and update the
            running averages; "test": normalise with running_mean and running_var, which stay unchanged
    momentum -- weight of the old running value: new = momentum * old + (1 - momentum) * batch statistic
    eps -- added to the variance before the square root

    Returns:
    out -- gamma * Z_hat + beta, shape (n, m), where Z_hat = (Z - mu) / sqrt(var + eps)
    cache -- tuple (Z, Z_hat, mu, var, gamma, eps) with mu, var of shape (n, 1): the statistics used
    running_mean -- updated (train) or unchanged (test) running mean, shape (n, 1)
    running_var -- updated (train) or unchanged (test) running variance, shape (n, 1)
    """
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu = running_mean
        var = running_var
    Z_hat = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_hat + beta
    cache = (Z, Z_hat, mu, var, gamma, eps)
    return out, cache, running_mean, running_var


def batchnorm_backward(dout, cache):
    """Batch-norm backward pass for a forward pass made in "train" mode.

    Arguments:
    dout -- gradient of the cost with respect to out, shape (n, m)
    cache -- the tuple (Z, Z_hat, mu, var, gamma, eps) returned by batchnorm_forward

    Returns:
    dZ -- gradient with respect to Z, shape (n, m); mu and var depend on Z too
    dgamma -- gradient with respect to gamma, shape (n, 1)
    dbeta -- gradient with respect to beta, shape (n, 1)
    """
    Z, Z_hat, mu, var, gamma, eps = cache
    m = Z.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_hat, axis=1, keepdims=True)
    dZ_hat = dout * gamma
    inv_std = 1 / np.sqrt(var + eps)
    dZ = inv_std / m * (m * dZ_hat - np.sum(dZ_hat, axis=1, keepdims=True)
                        - Z_hat * np.sum(dZ_hat * Z_hat, axis=1, keepdims=True))
    return dZ, dgamma, dbeta
