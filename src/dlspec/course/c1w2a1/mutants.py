"""Known mistakes in c1w2a1, each with the hint a learner who made it should read."""

import math

import numpy as np

from dlspec.checking.spec import mutant


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# --- basic_sigmoid -----------------------------------------------------------------------------------------------


@mutant("basic_sigmoid", "Your result is sigmoid(-x) = 1 - sigmoid(x): sigmoid is 1 / (1 + exp(-x)), growing with x.")
def basic_sigmoid_sign_flip(x):
    return 1 / (1 + math.exp(x))


@mutant("basic_sigmoid", "Check the brackets: the whole 1 + e^(-x) belongs in the denominator.")
def basic_sigmoid_precedence(x):
    return 1 / 1 + math.exp(-x)


@mutant("basic_sigmoid", "The denominator is 1 plus e^(-x), not 1 minus it.")
def basic_sigmoid_minus(x):
    return 1 / (1 - math.exp(-x))


@mutant("basic_sigmoid", "The denominator is 1 + e^(-x); without the 1 you get e^x, which is unbounded.")
def basic_sigmoid_no_one(x):
    return 1 / math.exp(-x)


@mutant("basic_sigmoid", "That is tanh, which ranges over (-1, 1); the sigmoid ranges over (0, 1).")
def basic_sigmoid_tanh(x):
    return math.tanh(x)


# --- sigmoid -----------------------------------------------------------------------------------------------------


@mutant("sigmoid", "math.exp works on one number only; use NumPy's exponential so arrays work elementwise.")
def sigmoid_math_exp(z):
    return 1 / (1 + math.exp(-z))


@mutant("sigmoid", "The exponent must be -z: sigmoid(0) is 0.5 and sigmoid grows with z.")
def sigmoid_sign_flip(z):
    return 1 / (1 + np.exp(z))


@mutant("sigmoid", "Check the brackets: the whole 1 + e^(-z) belongs in the denominator.")
def sigmoid_precedence(z):
    return 1 / 1 + np.exp(-z)


@mutant("sigmoid", "The denominator is 1 plus e^(-z), not 1 minus it.")
def sigmoid_minus(z):
    return 1 / (1 - np.exp(-z))


@mutant("sigmoid", "That is tanh, which ranges over (-1, 1); the sigmoid ranges over (0, 1).")
def sigmoid_tanh(z):
    return np.tanh(z)


# --- sigmoid_derivative ------------------------------------------------------------------------------------------


@mutant("sigmoid_derivative", "Apply the sigmoid first: the formula s(1 - s) uses s = sigmoid(x), not x itself.")
def sigmoid_derivative_of_x(x):
    return x * (1 - x)


@mutant("sigmoid_derivative", "The derivative is s(1 - s), with a minus: it peaks at 0.25 when x = 0.")
def sigmoid_derivative_plus(x):
    s = _sigmoid(x)
    return s * (1 + s)


@mutant("sigmoid_derivative", "You returned the sigmoid itself; the task asks for its slope, s(1 - s).")
def sigmoid_derivative_is_sigmoid(x):
    return _sigmoid(x)


@mutant("sigmoid_derivative", "Multiply s by (1 - s), not by itself.")
def sigmoid_derivative_squared(x):
    s = _sigmoid(x)
    return s * s


@mutant("sigmoid_derivative", "That is the slope of tanh (1 - s²); the sigmoid's slope is s(1 - s).")
def sigmoid_derivative_tanh_rule(x):
    s = _sigmoid(x)
    return 1 - s**2


# --- image2vector ------------------------------------------------------------------------------------------------


@mutant("image2vector", "The result must be a column of shape (n, 1), not a rank-1 array of shape (n,).")
def image2vector_rank1(image):
    return image.reshape(-1)


@mutant("image2vector", "You built a row (1, n); the course stores vectors as columns (n, 1).")
def image2vector_row(image):
    return image.reshape(1, -1)


@mutant("image2vector", "Don't hard-code the sizes: read length, height and depth from image.shape.")
def image2vector_hard_coded(image):
    return image.reshape(18, 1)


@mutant("image2vector", "Transposing reorders the pixels; reshape the image as it is (row-major order).")
def image2vector_transposed(image):
    return image.T.reshape(-1, 1)


@mutant("image2vector", "All three dimensions go into the rows: the shape is (length * height * depth, 1).")
def image2vector_two_dims(image):
    return image.reshape(image.shape[0], -1)


# --- normalize_rows ----------------------------------------------------------------------------------------------


@mutant("normalize_rows", "Take each row's norm (across the columns, axis=1), not each column's.")
def normalize_rows_axis0(x):
    return x / np.linalg.norm(x, axis=0, keepdims=True)


@mutant("normalize_rows", "Keep the norms as a column (keepdims=True) so that each row is divided by its own norm.")
def normalize_rows_no_keepdims(x):
    return x / np.linalg.norm(x, axis=1)


@mutant("normalize_rows", "Each row needs its own norm; you divided everything by the norm of the whole matrix.")
def normalize_rows_global(x):
    return x / np.linalg.norm(x)


@mutant("normalize_rows", "The Euclidean norm is the square root of the sum of squares; take the square root.")
def normalize_rows_no_sqrt(x):
    return x / np.sum(x**2, axis=1, keepdims=True)


@mutant("normalize_rows", "That is the L1 norm (sum of absolute values); use the Euclidean (L2) norm.")
def normalize_rows_l1(x):
    return x / np.sum(np.abs(x), axis=1, keepdims=True)


# --- softmax -----------------------------------------------------------------------------------------------------


@mutant("softmax", "Sum over each row (axis=1): every row, not every column, must add up to 1.")
def softmax_axis0(x):
    e = np.exp(x)
    return e / np.sum(e, axis=0, keepdims=True)


@mutant("softmax", "Keep the row sums as a column (keepdims=True) so each row is divided by its own sum.")
def softmax_no_keepdims(x):
    e = np.exp(x)
    return e / np.sum(e, axis=1)


@mutant("softmax", "Each row is normalised on its own; you divided by the sum over the whole matrix.")
def softmax_global_sum(x):
    e = np.exp(x)
    return e / np.sum(e)


@mutant("softmax", "Exponentiate the numerator too: softmax is exp(x) divided by the row sum of exp(x).")
def softmax_numerator_not_exp(x):
    return x / np.sum(np.exp(x), axis=1, keepdims=True)


@mutant("softmax", "Softmax couples the entries of a row; an elementwise sigmoid does not make rows sum to 1.")
def softmax_sigmoid(x):
    return _sigmoid(x)


# --- L1 ----------------------------------------------------------------------------------------------------------


@mutant("L1", "Take the absolute value of each difference before adding, or errors of opposite signs cancel.")
def L1_no_abs(yhat, y):
    return np.sum(y - yhat)


@mutant("L1", "The L1 loss here is a sum, not a mean: don't divide by the number of examples.")
def L1_mean(yhat, y):
    return np.mean(np.abs(y - yhat))


@mutant("L1", "Add up the absolute differences to get one number; you returned the whole vector.")
def L1_no_sum(yhat, y):
    return np.abs(y - yhat)


@mutant("L1", "Take the absolute value of each difference, then sum; not the absolute value of the sum.")
def L1_abs_of_sum(yhat, y):
    return np.abs(np.sum(y - yhat))


@mutant("L1", "That squares the differences, which is the L2 loss; L1 uses absolute values.")
def L1_squared(yhat, y):
    return np.sum((y - yhat) ** 2)


# --- L2 ----------------------------------------------------------------------------------------------------------


@mutant("L2", "The L2 loss is the sum of squares itself; don't take its square root.")
def L2_sqrt(yhat, y):
    return np.sqrt(np.sum((y - yhat) ** 2))


@mutant("L2", "The L2 loss here is a sum, not a mean: don't divide by the number of examples.")
def L2_mean(yhat, y):
    return np.mean((y - yhat) ** 2)


@mutant("L2", "Square each difference, then add them up; not the square of the sum.")
def L2_square_of_sum(yhat, y):
    return np.sum(y - yhat) ** 2


@mutant("L2", "Add up the squared differences to get one number; you returned the whole vector.")
def L2_no_sum(yhat, y):
    return (y - yhat) ** 2


@mutant("L2", "That is the L1 loss; L2 squares the differences instead of taking absolute values.")
def L2_abs(yhat, y):
    return np.sum(np.abs(y - yhat))


@mutant("L2", "The dot product must be of the difference with itself, not of y with yhat.")
def L2_dot_y_yhat(yhat, y):
    return np.dot(y, yhat)
