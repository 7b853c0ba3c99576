"""Known mistakes in C3W2A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant

# --- error_table ---------------------------------------------------------------------------------------------


@mutant("error_table", "Return shares, not counts: divide each count by the number of misclassified examples.")
def table_counts(tags, categories):
    return {c: sum(c in t for t in tags) for c in categories}


@mutant("error_table", "Divide by the number of misclassified examples, not by the number of tags: an example "
                       "with two tags counts in both categories, so the shares need not add up to 1.")
def table_per_tag(tags, categories):
    total = sum(len(t) for t in tags)
    return {c: sum(c in t for t in tags) / total for c in categories}


@mutant("error_table", "Every category gets a row, also one with no examples: a share of 0.0 is a finding too.")
def table_drops_empty(tags, categories):
    shares = {c: sum(c in t for t in tags) / len(tags) for c in categories}
    return {c: s for c, s in shares.items() if s > 0}


@mutant("error_table", "Count every tag of an example, not only its first: a blurry, mislabelled photo belongs "
                       "to both categories.")
def table_first_tag(tags, categories):
    return {c: sum(bool(t) and t[0] == c for t in tags) / len(tags) for c in categories}


@mutant("error_table", "Shares are fractions in [0, 1], not percentages.")
def table_percent(tags, categories):
    return {c: 100 * sum(c in t for t in tags) / len(tags) for c in categories}


# --- ceilings ------------------------------------------------------------------------------------------------


@mutant("ceilings", "A share is a fraction of the mistakes, not of the dev set: fixing 40% of a 10% error gains "
                    "4 points, so multiply by dev_error.")
def ceilings_subtract_share(dev_error, shares):
    return {c: dev_error - s for c, s in shares.items()}


@mutant("ceilings", "Return the dev error that would be left, not the amount it would drop by.")
def ceilings_gain(dev_error, shares):
    return {c: dev_error * s for c, s in shares.items()}


@mutant("ceilings", "Fixing a category removes its share of the errors: what is left is dev_error times "
                    "(1 - share), still an error rate.")
def ceilings_no_dev_error(dev_error, shares):
    return {c: 1 - s for c, s in shares.items()}


@mutant("ceilings", "Each ceiling fixes one category alone, and its share is already a fraction of the errors: "
                    "do not rescale the shares to add up to 1.")
def ceilings_normalised(dev_error, shares):
    total = sum(shares.values())
    return {c: dev_error * (1 - s / total) for c, s in shares.items()}


@mutant("ceilings", "Return the error left, not the accuracy: dev_error times (1 - share).")
def ceilings_accuracy(dev_error, shares):
    return {c: 1 - dev_error * (1 - s) for c, s in shares.items()}


# --- cleaning_effect -----------------------------------------------------------------------------------------


def _effect(dev_error, share, clean):
    return {"dev error": dev_error, "share of errors from labels": share, "clean dev error": clean}


@mutant("cleaning_effect", "The share is taken among the examples counted as errors: divide by the number of "
                           "errors, not by the size of the dev set.")
def cleaning_share_of_dev(y_pred, y_given, y_true):
    errors, wrong = y_pred != y_given, y_given != y_true
    return _effect(float(np.mean(errors)), float(np.mean(errors & wrong)), float(np.mean(y_pred != y_true)))


@mutant("cleaning_effect", "The share answers 'of the errors, how many are label errors?', so divide by the "
                           "errors, not by the mislabelled examples.")
def cleaning_share_of_wrong(y_pred, y_given, y_true):
    errors, wrong = y_pred != y_given, y_given != y_true
    return _effect(float(np.mean(errors)), float(np.sum(errors & wrong) / np.sum(wrong)),
                   float(np.mean(y_pred != y_true)))


@mutant("cleaning_effect", "Count a mislabelled example only when it was counted as an error: where the model got "
                           "it right under the wrong label, that label caused no error.")
def cleaning_all_wrong_labels(y_pred, y_given, y_true):
    errors, wrong = y_pred != y_given, y_given != y_true
    return _effect(float(np.mean(errors)), float(np.sum(wrong) / np.sum(errors)), float(np.mean(y_pred != y_true)))


@mutant("cleaning_effect", "Corrected labels apply to every dev example, also those the model got 'right' by "
                           "agreeing with a wrong label: compare y_pred with y_true everywhere, not only where it "
                           "erred.")
def cleaning_only_errors_fixed(y_pred, y_given, y_true):
    errors, wrong = y_pred != y_given, y_given != y_true
    fixed = np.where(errors, y_true, y_given)
    return _effect(float(np.mean(errors)), float(np.sum(errors & wrong) / np.sum(errors)),
                   float(np.mean(y_pred != fixed)))


@mutant("cleaning_effect", "The clean dev error is measured against the corrected labels y_true.")
def cleaning_against_given(y_pred, y_given, y_true):
    errors, wrong = y_pred != y_given, y_given != y_true
    return _effect(float(np.mean(errors)), float(np.sum(errors & wrong) / np.sum(errors)), float(np.mean(errors)))


@mutant("cleaning_effect", "Error rates are fractions of the dev set: take the mean, not the count.")
def cleaning_counts(y_pred, y_given, y_true):
    errors, wrong = y_pred != y_given, y_given != y_true
    return _effect(int(np.sum(errors)), float(np.sum(errors & wrong) / np.sum(errors)), int(np.sum(y_pred != y_true)))


# --- train_dev_split -----------------------------------------------------------------------------------------


@mutant("train_dev_split", "Draw the train-dev examples at random (a permutation from the seeded generator): the "
                           "first ones may not be typical of the training set.")
def split_first(X, y, n_train_dev, seed):
    return X[n_train_dev:], y[n_train_dev:], X[:n_train_dev], y[:n_train_dev]


@mutant("train_dev_split", "Use one permutation for both X and y, so each example keeps its label.")
def split_separate_shuffles(X, y, n_train_dev, seed):
    rng = np.random.default_rng(seed)
    px, py = rng.permutation(len(y)), rng.permutation(len(y))
    return X[px[n_train_dev:]], y[py[n_train_dev:]], X[px[:n_train_dev]], y[py[:n_train_dev]]


@mutant("train_dev_split", "Remove the train-dev examples from the training set: a model scored on examples it "
                           "trained on shows no variance.")
def split_overlap(X, y, n_train_dev, seed):
    held = np.random.default_rng(seed).permutation(len(y))[:n_train_dev]
    return X, y, X[held], y[held]


@mutant("train_dev_split", "Return X_train, y_train, X_train_dev, y_train_dev in that order.")
def split_order(X, y, n_train_dev, seed):
    order = np.random.default_rng(seed).permutation(len(y))
    held, kept = order[:n_train_dev], order[n_train_dev:]
    return X[kept], X[held], y[kept], y[held]


@mutant("train_dev_split", "n_train_dev is the size of the set set aside; the training set keeps the rest.")
def split_sizes_swapped(X, y, n_train_dev, seed):
    order = np.random.default_rng(seed).permutation(len(y))
    kept, held = order[:n_train_dev], order[n_train_dev:]
    return X[kept], y[kept], X[held], y[held]


# --- blur ----------------------------------------------------------------------------------------------------


def _kernel(sigma, r):
    x = np.arange(-r, r + 1)
    return np.exp(-x**2 / (2 * sigma**2))


def _separable(images, kernel, mode="edge", axes=(2, 1)):
    r = len(kernel) // 2
    out = images.astype(float)
    for axis in axes:
        width = [(0, 0)] * 3
        width[axis] = (r, r)
        padded = np.pad(out, width, mode=mode)
        n = out.shape[axis]
        out = sum(kernel[k] * np.take(padded, np.arange(k, k + n), axis=axis) for k in range(len(kernel)))
    return out


@mutant("blur", "Divide the kernel by its sum: otherwise a blurred image comes out brighter than the original.")
def blur_unnormalised(images, sigma):
    return _separable(images, _kernel(sigma, int(3 * sigma + 0.5)))


@mutant("blur", "Pad by repeating the edge pixel (np.pad mode='edge'); zeros darken the border.")
def blur_zero_pad(images, sigma):
    k = _kernel(sigma, int(3 * sigma + 0.5))
    return _separable(images, k / k.sum(), mode="constant")


@mutant("blur", "Pad by repeating the edge pixel (np.pad mode='edge'); mode='reflect' mirrors the pixels next "
                "to it instead.")
def blur_reflect(images, sigma):
    k = _kernel(sigma, int(3 * sigma + 0.5))
    return _separable(images, k / k.sum(), mode="reflect")


@mutant("blur", "Blur along both the rows and the columns.")
def blur_one_direction(images, sigma):
    k = _kernel(sigma, int(3 * sigma + 0.5))
    return _separable(images, k / k.sum(), axes=(2,))


@mutant("blur", "The kernel reaches r = int(3 * sigma + 0.5) pixels either side; a shorter one cuts the Gaussian's "
                "tails off.")
def blur_short_kernel(images, sigma):
    r = max(1, int(sigma))
    k = _kernel(sigma, r)
    return _separable(images, k / k.sum())


@mutant("blur", "sigma is the standard deviation: the exponent divides by 2 * sigma**2, not 2 * sigma.")
def blur_variance(images, sigma):
    r = int(3 * sigma + 0.5)
    k = _kernel(np.sqrt(sigma), r)
    return _separable(images, k / k.sum())


@mutant("blur", "Blur each image on its own: axis 0 holds different examples, which must not bleed into each "
                "other.")
def blur_across_images(images, sigma):
    from scipy.ndimage import gaussian_filter  # here, not at the top: scipy.ndimage takes a second to import

    return gaussian_filter(images.astype(float), sigma, mode="nearest", truncate=3.0)


# --- lower_contrast ------------------------------------------------------------------------------------------


@mutant("lower_contrast", "Use each image's own mean (axis=(1, 2), keepdims=True), not one mean of all images.")
def contrast_global_mean(images, factor):
    mean = images.mean()
    return mean + factor * (images - mean)


@mutant("lower_contrast", "Scaling the pixels darkens the image too; pull them towards the mean instead: "
                          "mean + factor * (image - mean).")
def contrast_scale(images, factor):
    return factor * images


@mutant("lower_contrast", "images.mean(axis=0) averages the same pixel over all images; the mean brightness of "
                          "one image is over its own pixels, axis=(1, 2).")
def contrast_pixel_mean(images, factor):
    mean = images.mean(axis=0, keepdims=True)
    return mean + factor * (images - mean)


@mutant("lower_contrast", "factor = 1 keeps the image and 0 makes it flat: multiply the deviation by factor, not "
                          "by 1 - factor.")
def contrast_inverted(images, factor):
    mean = images.mean(axis=(1, 2), keepdims=True)
    return mean + (1 - factor) * (images - mean)


@mutant("lower_contrast", "Add the mean back: factor * (image - mean) is centred on 0.")
def contrast_centred(images, factor):
    return factor * (images - images.mean(axis=(1, 2), keepdims=True))


@mutant("lower_contrast", "The mean of an image is over all its pixels, axis=(1, 2), not one row at a time.")
def contrast_row_mean(images, factor):
    mean = images.mean(axis=2, keepdims=True)
    return mean + factor * (images - mean)
