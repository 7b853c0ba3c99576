"""Sampling hyper-parameters for random search on a log scale (Course 2 week 3).

A learning rate between 1e-4 and 1 should be tried as often between 1e-4 and 1e-3 as between 0.1 and 1, so the
exponent is drawn uniformly, not the value. Adam's beta near 1 is the same problem seen through ``1 - beta``.
Both draw from NumPy's global state so that a caller who seeds it gets repeatable samples.
"""

from __future__ import annotations

import numpy as np


def sample_log_uniform(low, high, n):
    """Draw n values spread uniformly on a log scale between low and high.

    Arguments:
    low -- smallest allowed value, > 0
    high -- largest allowed value, > low
    n -- how many values to draw

    Returns:
    values -- numpy array of shape (n,), each 10**r with r uniform between log10(low) and log10(high)
    """
    r = np.random.uniform(np.log10(low), np.log10(high), size=n)
    values = 10 ** r
    return values


def sample_beta(low, high, n):
    """Draw n averaging coefficients beta in [low, high] (e.g. 0.9 .. 0.999), log-uniform in 1 - beta.

    Arguments:
    low -- smallest beta, in [0, 1)
    high -- largest beta, in (low, 1)
    n -- how many values to draw

    Returns:
    betas -- numpy array of shape (n,), each 1 - 10**r with r uniform between log10(1 - high) and log10(1 - low)
    """
    r = np.random.uniform(np.log10(1 - high), np.log10(1 - low), size=n)
    betas = 1 - 10 ** r
    return betas
