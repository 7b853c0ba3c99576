"""Error analysis and mismatched training and dev data (Course 3 week 2).

Error analysis counts what the mistakes have in common, which bounds what fixing each kind could gain. When the
training data differ from the data the system will meet, a training-dev set (training distribution, never
trained on) separates variance from data mismatch, and images made to look like the target data can close part
of the mismatch: here blurred and low-contrast versions of clean ones. Images are ``(m, H, W)`` arrays, the
examples on axis 0.
"""

from __future__ import annotations

import numpy as np


def error_table(tags, categories):
    """The share of the misclassified examples that falls in each category.

    An example may carry several tags (a blurry photo of a mislabelled shirt) or none, so the shares need not add
    up to 1.

    Arguments:
    tags -- list with one entry per misclassified example: the list of category names that example shows
    categories -- list of the category names to count

    Returns:
    shares -- dict mapping each category to the fraction of the misclassified examples tagged with it (a float)
    """
    n_errors = len(tags)
    shares = {}
    for category in categories:
        count = sum(1 for example_tags in tags if category in example_tags)
        shares[category] = count / n_errors
    return shares


def ceilings(dev_error, shares):
    """The lowest dev error each fix could reach: fixing every mistake of one category and nothing else.

    Arguments:
    dev_error -- float, the dev error now
    shares -- dict mapping each category to its share of the misclassified examples (error_table's result)

    Returns:
    best -- dict mapping each category to the dev error left if all of that category's mistakes were fixed
    """
    best = {category: dev_error * (1 - share) for category, share in shares.items()}
    return best


def cleaning_effect(y_pred, y_given, y_true):
    """What wrong dev labels do to the measured dev error.

    Arguments:
    y_pred -- numpy array of shape (m,), the model's predictions on the dev set
    y_given -- numpy array of shape (m,), the dev labels as collected (some of them wrong)
    y_true -- numpy array of shape (m,), the dev labels after every one was checked and corrected

    Returns:
    effect -- dict with three floats:
        "dev error": the error measured against y_given,
        "share of errors from labels": of the examples counted as errors, the fraction whose given label was wrong,
        "clean dev error": the error measured against y_true
    """
    errors = y_pred != y_given
    wrong_label = y_given != y_true
    effect = {
        "dev error": float(np.mean(errors)),
        "share of errors from labels": float(np.sum(errors & wrong_label) / np.sum(errors)),
        "clean dev error": float(np.mean(y_pred != y_true)),
    }
    return effect


def train_dev_split(X, y, n_train_dev, seed):
    """Set aside n_train_dev examples of the training set, drawn at random, as a training-dev set.

    Arguments:
    X -- numpy array of shape (m, ...), the training examples along axis 0
    y -- numpy array of shape (m,), their labels
    n_train_dev -- how many examples to set aside
    seed -- seed of the random draw (np.random.default_rng(seed))

    Returns:
    (X_train, y_train, X_train_dev, y_train_dev) -- the m - n_train_dev examples left to train on with their labels,
    then the n_train_dev set aside with theirs; no example is in both
    """
    order = np.random.default_rng(seed).permutation(len(y))
    held, kept = order[:n_train_dev], order[n_train_dev:]
    return X[kept], y[kept], X[held], y[held]


def blur(images, sigma):
    """Gaussian blur of each image, the same in both directions.

    The kernel is exp(-x**2 / (2 * sigma**2)) for x = -r..r with r = int(3 * sigma + 0.5), divided by its sum so
    that the brightness is kept. Pixels beyond the border repeat the nearest edge pixel. The blur runs along the
    rows, then along the columns, of every image separately.

    Arguments:
    images -- numpy array of shape (m, H, W)
    sigma -- float > 0, the standard deviation of the Gaussian, in pixels

    Returns:
    blurred -- float numpy array of shape (m, H, W)
    """
    r = int(3 * sigma + 0.5)
    x = np.arange(-r, r + 1)
    kernel = np.exp(-x**2 / (2 * sigma**2))
    kernel = kernel / kernel.sum()
    m, H, W = images.shape
    padded = np.pad(images.astype(float), ((0, 0), (0, 0), (r, r)), mode="edge")
    rows = sum(kernel[k] * padded[:, :, k:k + W] for k in range(2 * r + 1))
    padded = np.pad(rows, ((0, 0), (r, r), (0, 0)), mode="edge")
    blurred = sum(kernel[k] * padded[:, k:k + H, :] for k in range(2 * r + 1))
    return blurred


def lower_contrast(images, factor):
    """Pull every pixel of each image towards that image's own mean brightness.

    Arguments:
    images -- numpy array of shape (m, H, W)
    factor -- float in [0, 1]: 1 leaves the images as they are, 0 makes each one flat grey at its mean

    Returns:
    faded -- float numpy array of shape (m, H, W), mean + factor * (image - mean), image by image
    """
    mean = images.mean(axis=(1, 2), keepdims=True)
    faded = mean + factor * (images - mean)
    return faded
