"""Known mistakes in C2W1A2, each with the hint a learner who made it should read.

The backward mistakes sit in one or two lines of an otherwise correct pass, so those mutants share the passes of
``_l2_backward`` and ``_dropout_backward`` and differ only in the supplied term or mask step.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import mutant
from dlspec.nn.activations import relu, sigmoid
from dlspec.nn.deep import compute_cost
from dlspec.nn.regularization import backward_propagation


def _weights(parameters):
    return parameters["W1"], parameters["W2"], parameters["W3"]


def _l2_backward(X, Y, cache, penalty):
    """The plain backward pass with ``penalty(l, W)`` added to each dW{l}, the way the reference adds lambd/m * W."""
    grads = backward_propagation(X, Y, cache)
    weights = {1: cache[2], 2: cache[6], 3: cache[10]}
    for l, W in weights.items():
        grads[f"dW{l}"] = grads[f"dW{l}"] + penalty(l, W)
    return grads


def _dropout_backward(X, Y, cache, keep_prob, thin=None, relu_mask=lambda A: A > 0, layers=(1, 2), masks=(1, 2)):
    """A dropout backward pass whose masking step ``thin(dA, D, keep_prob)`` and relu derivative are supplied;
    ``layers`` are thinned at all, ``masks`` those whose mask is applied (the others are only rescaled)."""
    thin = thin or (lambda dA, D, kp: dA * D / kp)
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3
    dA2 = thin(dA2, D2 if 2 in masks else 1, keep_prob) if 2 in layers else dA2
    dZ2 = dA2 * relu_mask(A2)
    dA1 = W2.T @ dZ2
    dA1 = thin(dA1, D1 if 1 in masks else 1, keep_prob) if 1 in layers else dA1
    dZ1 = dA1 * relu_mask(A1)
    return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.sum(axis=1, keepdims=True) / m, "dA2": dA2, "dZ2": dZ2,
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m, "dA1": dA1, "dZ1": dZ1,
            "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}


def _dropout_forward(X, parameters, keep_prob, mask, scale=lambda A, D, kp: A * D / kp, cache_before=False,
                     drop_output=False):
    """A dropout forward pass with the mask drawing ``mask(shape, kp)`` and the rescaling ``scale`` supplied."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = mask(Z1.shape, keep_prob)
    A1_kept = scale(relu(Z1), D1, keep_prob)
    Z2 = W2 @ A1_kept + b2
    D2 = mask(Z2.shape, keep_prob)
    A2_kept = scale(relu(Z2), D2, keep_prob)
    Z3 = W3 @ A2_kept + b3
    A3 = sigmoid(Z3)
    if drop_output:
        A3 = scale(A3, mask(A3.shape, keep_prob), keep_prob)
    A1, A2 = (relu(Z1), relu(Z2)) if cache_before else (A1_kept, A2_kept)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def _rand_mask(shape, kp):
    return (np.random.rand(*shape) < kp).astype(int)


# --- compute_cost_with_regularization -------------------------------------------------------------------------


def _cost(A3, Y, penalty):
    return float(compute_cost(A3, Y) + penalty)


@mutant("compute_cost_with_regularization", "The penalty is divided by the number of examples m as well as by 2.")
def cost_missing_m(A3, Y, parameters, lambd):
    return _cost(A3, Y, lambd / 2 * sum(np.sum(np.square(W)) for W in _weights(parameters)))


@mutant("compute_cost_with_regularization", "Look at the constant in front of the penalty: lambda / (2 m), the 2 too.")
def cost_missing_half(A3, Y, parameters, lambd):
    return _cost(A3, Y, lambd / Y.shape[1] * sum(np.sum(np.square(W)) for W in _weights(parameters)))


@mutant("compute_cost_with_regularization", "Every weight matrix is penalised: W1, W2 and W3.")
def cost_missing_W3(A3, Y, parameters, lambd):
    W1, W2, _ = _weights(parameters)
    return _cost(A3, Y, lambd / (2 * Y.shape[1]) * (np.sum(np.square(W1)) + np.sum(np.square(W2))))


@mutant("compute_cost_with_regularization", "Mind the brackets: lambd / 2 * m multiplies by m; divide by (2 * m).")
def cost_precedence(A3, Y, parameters, lambd):
    return _cost(A3, Y, lambd / 2 * Y.shape[1] * sum(np.sum(np.square(W)) for W in _weights(parameters)))


@mutant("compute_cost_with_regularization", "Only the weights are penalised, not the biases.")
def cost_with_biases(A3, Y, parameters, lambd):
    return _cost(A3, Y, lambd / (2 * Y.shape[1]) * sum(np.sum(np.square(v)) for v in parameters.values()))


@mutant("compute_cost_with_regularization", "Square each weight first, then add them up: not the square of the sum.")
def cost_square_of_sum(A3, Y, parameters, lambd):
    return _cost(A3, Y, lambd / (2 * Y.shape[1]) * sum(np.square(np.sum(W)) for W in _weights(parameters)))


@mutant("compute_cost_with_regularization", "The penalty uses the squared norm; np.linalg.norm alone is not squared.")
def cost_norm_not_squared(A3, Y, parameters, lambd):
    return _cost(A3, Y, lambd / (2 * Y.shape[1]) * sum(np.linalg.norm(W) for W in _weights(parameters)))


@mutant("compute_cost_with_regularization", "Return a Python float, e.g. with float(...), not a NumPy array.")
def cost_as_array(A3, Y, parameters, lambd):
    penalty = lambd / (2 * Y.shape[1]) * sum(np.sum(np.square(W)) for W in _weights(parameters))
    return np.array([[compute_cost(A3, Y) + penalty]])


@mutant("compute_cost_with_regularization", "Square each weight and add the squares, np.sum(np.square(W)): the sum of "
                                            "W @ W.T also adds products of different weights.")
def cost_sum_of_products(A3, Y, parameters, lambd):
    penalty = sum(np.sum(np.dot(W, W.T)) for W in _weights(parameters))
    return _cost(A3, Y, lambd / (2 * Y.shape[1]) * penalty)


@mutant("compute_cost_with_regularization", "lambd multiplies the penalty: lambd / (2 * m), not 1 / (2 * m * lambd).")
def cost_divides_by_lambda(A3, Y, parameters, lambd):
    return _cost(A3, Y, 1 / (2 * Y.shape[1] * lambd) * sum(np.sum(np.square(W)) for W in _weights(parameters)))


# --- backward_propagation_with_regularization -----------------------------------------------------------------


@mutant("backward_propagation_with_regularization", "Each dW gets lambda / m times its W: divide by m.")
def l2_missing_m(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: lambd * W)


@mutant("backward_propagation_with_regularization",
        "The derivative of (lambda / 2m) W^2 is (lambda / m) W: the 2 cancels.")
def l2_extra_half(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: lambd / (2 * X.shape[1]) * W)


@mutant("backward_propagation_with_regularization", "The penalty adds to the gradient: it pulls the weights to zero.")
def l2_sign_flipped(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: -lambd / X.shape[1] * W)


@mutant("backward_propagation_with_regularization", "All three weight gradients need the L2 term, dW1 and dW2 too.")
def l2_last_layer_only(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: lambd / X.shape[1] * W if l == 3 else 0)


@mutant("backward_propagation_with_regularization", "dW3 needs its L2 term as well as dW1 and dW2.")
def l2_hidden_layers_only(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: lambd / X.shape[1] * W if l < 3 else 0)


@mutant("backward_propagation_with_regularization", "The biases are not penalised, so db has no L2 term.")
def l2_on_biases(X, Y, cache, lambd):
    grads = _l2_backward(X, Y, cache, lambda l, W: lambd / X.shape[1] * W)
    for l, b in ((1, cache[3]), (2, cache[7]), (3, cache[11])):
        grads[f"db{l}"] = grads[f"db{l}"] + lambd / X.shape[1] * b
    return grads


@mutant("backward_propagation_with_regularization", "The penalty term uses W itself, not W squared.")
def l2_squared(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: lambd / X.shape[1] * W**2)


@mutant("backward_propagation_with_regularization", "dW2 needs its L2 term as well as dW1 and dW3.")
def l2_forgets_dW2(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: 0 if l == 2 else lambd / X.shape[1] * W)


@mutant("backward_propagation_with_regularization", "The L2 term is lambd / m times W: divide by m, don't multiply.")
def l2_times_m(X, Y, cache, lambd):
    return _l2_backward(X, Y, cache, lambda l, W: lambd * X.shape[1] * W)


# --- forward_propagation_with_dropout -------------------------------------------------------------------------


@mutant("forward_propagation_with_dropout", "After dropping units, divide by keep_prob so the expected value is kept.")
def dropout_no_rescale(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, keep_prob, _rand_mask, scale=lambda A, D, kp: A * D)


@mutant("forward_propagation_with_dropout", "Inverted dropout divides by keep_prob, it does not multiply.")
def dropout_times_keep_prob(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, keep_prob, _rand_mask, scale=lambda A, D, kp: A * D * kp)


@mutant("forward_propagation_with_dropout", "A unit is kept when its random number is below keep_prob, not above.")
def dropout_mask_reversed(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, keep_prob, lambda s, kp: (np.random.rand(*s) > kp).astype(int))


@mutant("forward_propagation_with_dropout", "Draw the mask from a uniform distribution on [0, 1): np.random.rand.")
def dropout_normal_draw(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, keep_prob, lambda s, kp: (np.random.randn(*s) < kp).astype(int))


@mutant("forward_propagation_with_dropout", "Dropout applies to the hidden layers only: leave the output A3 alone.")
def dropout_on_output(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, keep_prob, _rand_mask, drop_output=True)


@mutant("forward_propagation_with_dropout",
        "Cache A1 and A2 after dropout and rescaling: the backward pass needs the values the next layer saw.")
def dropout_cache_before(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, keep_prob, _rand_mask, cache_before=True)


# --- backward_propagation_with_dropout ------------------------------------------------------------------------


@mutant("backward_propagation_with_dropout", "After masking dA, divide it by keep_prob as the forward pass did.")
def dropout_back_no_rescale(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, keep_prob, thin=lambda dA, D, kp: dA * D)


@mutant("backward_propagation_with_dropout", "Units dropped on the way forward get no gradient: apply the cached D2 to "
                                             "dA2 and D1 to dA1, then divide by keep_prob.")
def dropout_back_ignores_masks(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, keep_prob, layers=())


@mutant("backward_propagation_with_dropout", "Return dA2 and dA1 as they are after the mask and the division by "
                                             "keep_prob (your dZ may be right).")
def dropout_back_masks_dZ(X, Y, cache, keep_prob):
    grads = _dropout_backward(X, Y, cache, keep_prob)
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    grads["dA2"] = W3.T @ grads["dZ3"]
    grads["dA1"] = W2.T @ grads["dZ2"]
    return grads


@mutant("backward_propagation_with_dropout", "Divide by keep_prob; do not multiply.")
def dropout_back_times_keep_prob(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, keep_prob, thin=lambda dA, D, kp: dA * D * kp)


@mutant("backward_propagation_with_dropout", "Both hidden layers were thinned: apply D1 to dA1 as well as D2 to dA2.")
def dropout_back_layer_two_only(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, keep_prob, layers=(2,))


@mutant("backward_propagation_with_dropout", "dA1 was rescaled but not masked: multiply it by D1 first, so the units "
        "dropped on the way forward get no gradient.")
def dropout_back_first_mask_missing(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, keep_prob, masks=(2,))


@mutant("backward_propagation_with_dropout", "Each dA uses the mask of its own layer: D2 for dA2, D1 for dA1.")
def dropout_back_masks_swapped(X, Y, cache, keep_prob):
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    swapped = (Z1, D2, A1, W1, b1, Z2, D1, A2, W2, b2, Z3, A3, W3, b3)
    return _dropout_backward(X, Y, swapped, keep_prob)


@mutant("backward_propagation_with_dropout", "The ReLU derivative is 1 where A > 0 and 0 elsewhere, 0 included.")
def dropout_back_relu_geq(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, keep_prob, relu_mask=lambda A: A >= 0)


@mutant("backward_propagation_with_dropout", "Every dW and db is averaged over the m examples: divide by m.")
def dropout_back_missing_m(X, Y, cache, keep_prob):
    grads = _dropout_backward(X, Y, cache, keep_prob)
    m = X.shape[1]
    return {k: v * m if k[:2] in ("dW", "db") else v for k, v in grads.items()}


@mutant("backward_propagation_with_dropout", "Divide dA1 by keep_prob too: both hidden layers were rescaled.")
def dropout_back_rescales_layer_two_only(X, Y, cache, keep_prob):
    # cache[6] is D2: only dA2 is divided
    return _dropout_backward(X, Y, cache, keep_prob, thin=lambda dA, D, kp: dA * D / (kp if D is cache[6] else 1))


@mutant("backward_propagation_with_dropout", "Use the masks D1 and D2 from the cache: the backward pass must silence "
                                             "the units that the forward pass dropped, not new random ones.")
def dropout_back_new_masks(X, Y, cache, keep_prob):
    D2 = np.random.rand(*cache[6].shape) < keep_prob  # drawn as the backward pass meets them: layer 2 first
    D1 = np.random.rand(*cache[1].shape) < keep_prob
    return _dropout_backward(X, Y, (cache[0], D1, *cache[2:6], D2, *cache[7:]), keep_prob)
