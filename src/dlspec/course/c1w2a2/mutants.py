"""Known mistakes in c1w2a2, each with the hint a learner who made it should read.

The sigmoid is the same exercise as in c1w2a1, so its known mistakes are that assignment's.
"""

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.course.c1w2a1.mutants import (  # noqa: F401  (collected by Assignment.mutants)
    sigmoid_math_exp,
    sigmoid_minus,
    sigmoid_precedence,
    sigmoid_sign_flip,
    sigmoid_tanh,
)
from dlspec.nn.activations import sigmoid
from dlspec.nn.logistic import initialize_with_zeros, optimize, predict, propagate

# --- initialize_with_zeros ---------------------------------------------------------------------------------------


@mutant("initialize_with_zeros", "b must be a plain Python float (0.0), not a NumPy array.")
def initialize_with_zeros_array_bias(dim):
    return np.zeros((dim, 1)), np.zeros((1, 1))


@mutant("initialize_with_zeros", "w must be a column of shape (dim, 1); np.zeros(dim) is a rank-1 array (dim,).")
def initialize_with_zeros_rank1(dim):
    return np.zeros(dim), 0.0


@mutant("initialize_with_zeros", "w is a column (dim, 1), one weight per feature, not a row (1, dim).")
def initialize_with_zeros_row(dim):
    return np.zeros((1, dim)), 0.0


@mutant("initialize_with_zeros", "Start from zeros: logistic regression needs no random values to break symmetry.")
def initialize_with_zeros_random(dim):
    return np.random.randn(dim, 1) * 0.01, 0.0


@mutant("initialize_with_zeros", "Return w first, then b.")
def initialize_with_zeros_swapped(dim):
    return 0.0, np.zeros((dim, 1))


@mutant("initialize_with_zeros", "w has exactly dim entries; the bias is kept apart in b, not folded into w.")
def initialize_with_zeros_bias_in_w(dim):
    return np.zeros((dim + 1, 1)), 0.0


# --- propagate ---------------------------------------------------------------------------------------------------


@mutant("propagate", "The cost and both gradients are averages over the m examples: divide by m.")
def propagate_no_mean(w, b, X, Y):
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return {"dw": X @ (A - Y).T, "db": float(np.sum(A - Y))}, float(cost)


@mutant("propagate", "np.log is the natural logarithm the cross-entropy uses; np.log10 scales the cost down.")
def propagate_log10(w, b, X, Y):
    grads, _ = propagate(w, b, X, Y)
    A = sigmoid(w.T @ X + b)
    return grads, float(-np.mean(Y * np.log10(A) + (1 - Y) * np.log10(1 - A)))


@mutant("propagate", "The cross-entropy has a minus sign in front: the logs are negative, the cost is positive.")
def propagate_cost_sign(w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return grads, -cost


@mutant("propagate", "dw must have the shape of w, (n_x, 1): multiply X (n_x, m) by (A - Y) transposed (m, 1).")
def propagate_dw_transposed(w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return {"dw": grads["dw"].T, "db": grads["db"]}, cost


@mutant("propagate", "db must be a Python float; a sum with keepdims (or over an axis) leaves an array.")
def propagate_db_array(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    grads, cost = propagate(w, b, X, Y)
    return {"dw": grads["dw"], "db": np.sum(A - Y, axis=1, keepdims=True) / m}, cost


@mutant("propagate", "The activation is sigmoid(w^T X + b): don't forget the bias.")
def propagate_no_bias(w, b, X, Y):
    return propagate(w, 0.0, X, Y)


@mutant("propagate", "The gradients come from A - Y (prediction minus label), not Y - A.")
def propagate_gradient_sign(w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return {"dw": -grads["dw"], "db": -grads["db"]}, cost


@mutant("propagate", "The cost has two terms: y log(a) for the positives and (1 - y) log(1 - a) for the negatives.")
def propagate_half_cost(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    grads, _ = propagate(w, b, X, Y)
    return grads, float(-np.sum(Y * np.log(A)) / m)


# --- optimize ----------------------------------------------------------------------------------------------------


def _descend(w, b, X, Y, num_iterations, learning_rate, sign=-1.0, update_b=True, record=lambda i: i % 100 == 0):
    """Gradient descent with a knob for each mistake below."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w + sign * learning_rate * grads["dw"]
        if update_b:
            b = b + sign * learning_rate * grads["db"]
        if record(i):
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


@mutant("optimize", "Gradient descent steps against the gradient: subtract learning_rate times the gradient.")
def optimize_ascent(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    return _descend(w, b, X, Y, num_iterations, learning_rate, sign=1.0)


@mutant("optimize", "Use the learning_rate argument; a fixed number ignores what the caller asked for.")
def optimize_fixed_rate(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    return _descend(w, b, X, Y, num_iterations, 0.009)


@mutant("optimize", "Record the cost only every 100 iterations (0, 100, 200, ...), not at every step.")
def optimize_every_cost(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    return _descend(w, b, X, Y, num_iterations, learning_rate, record=lambda i: True)


@mutant("optimize", "Record the cost at iterations 0, 100, 200, ...: the first entry is the cost before any step.")
def optimize_costs_shifted(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    return _descend(w, b, X, Y, num_iterations, learning_rate, record=lambda i: (i + 1) % 100 == 0)


@mutant("optimize", "Run exactly num_iterations steps: check where your loop starts and stops.")
def optimize_one_step_short(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    return _descend(w, b, X, Y, num_iterations - 1, learning_rate)


@mutant("optimize", "Update the bias too: b moves by learning_rate times db at every step.")
def optimize_frozen_bias(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    return _descend(w, b, X, Y, num_iterations, learning_rate, update_b=False)


# --- predict -----------------------------------------------------------------------------------------------------


@mutant("predict", "The probability is sigmoid(w^T X + b): don't forget the bias.")
def predict_no_bias(w, b, X):
    return (sigmoid(w.T @ X) > 0.5).astype(float)


@mutant("predict", "Return labels (0 or 1), not probabilities: compare each probability with 0.5.")
def predict_probabilities(w, b, X):
    return sigmoid(w.T @ X + b)


@mutant("predict", "Compare the probability sigmoid(z) with 0.5, not z itself.")
def predict_threshold_on_z(w, b, X):
    return ((w.T @ X + b) > 0.5).astype(float)


@mutant("predict", "The result must have shape (1, m), not the rank-1 shape (m,).")
def predict_rank1(w, b, X):
    return (sigmoid(w.T @ X + b) > 0.5).astype(float).ravel()


@mutant("predict", "Predict 1 when the probability is above 0.5, and 0 otherwise; your labels are inverted.")
def predict_inverted(w, b, X):
    return (sigmoid(w.T @ X + b) < 0.5).astype(float)


@mutant("predict", "A probability of exactly 0.5 is label 0: predict 1 only when it is strictly above 0.5 (>).")
def predict_at_or_above_half(w, b, X):
    return (sigmoid(w.T @ X + b) >= 0.5).astype(float)


@mutant("predict", "w^T X gives (1, m); X^T w gives (m, 1), a column instead of a row.")
def predict_column(w, b, X):
    return (sigmoid(X.T @ w + b) > 0.5).astype(float)


# --- model -------------------------------------------------------------------------------------------------------


def _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, swap=False, trained=True):
    w0, b0 = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w0, b0, X_train, Y_train, num_iterations, learning_rate)
    w, b = (params["w"], params["b"]) if trained else (w0, b0)
    test, train = predict(w, b, X_test), predict(w, b, X_train)
    if swap:
        test, train = train, test
    return {
        "costs": costs,
        "Y_prediction_test": test,
        "Y_prediction_train": train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


@mutant("model", "Y_prediction_test holds the predictions on X_test, Y_prediction_train those on X_train.")
def model_swapped_predictions(
    X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False
):
    return _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, swap=True)


@mutant("model", "Pass num_iterations and learning_rate on to optimize; its own defaults are not the ones asked for.")
def model_optimize_defaults(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    d = _model(X_train, Y_train, X_test, Y_test, 100, 0.009)
    return d | {"learning_rate": learning_rate, "num_iterations": num_iterations}


@mutant("model", "Pass num_iterations on to optimize; otherwise it trains for its default 100 steps.")
def model_forgot_iterations(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    d = _model(X_train, Y_train, X_test, Y_test, 100, learning_rate)
    return d | {"num_iterations": num_iterations}


@mutant("model", "Predict with the trained parameters from optimize, not with the zeros you started from.")
def model_untrained(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    return _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, trained=False)


@mutant("model", "The dictionary needs all seven keys: costs, both predictions, w, b, learning_rate, num_iterations.")
def model_missing_keys(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    d = _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    del d["learning_rate"], d["num_iterations"]
    return d
