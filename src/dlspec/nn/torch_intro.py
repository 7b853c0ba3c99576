"""A first look at PyTorch (Course 2 week 3): tensors, autograd and a 3-layer classifier written by hand.

The original course taught this week in TensorFlow; here the same graded functions are written with PyTorch,
keeping the original's names, shapes and conventions: examples are columns, ``X`` is ``(n_x, m)``, layer ``l`` has
``W{l}`` of shape ``(n_l, n_{l-1})`` and ``b{l}`` of shape ``(n_l, 1)``. Tensors are float32 unless stated.

``numpy_vs_torch`` is the bridge: the Course 1 NumPy network and PyTorch's autograd, on the same weights, must agree.
"""

from __future__ import annotations

import numpy as np
import torch

from dlspec.nn.deep import L_model_backward, L_model_forward


def linear_function():
    """Compute Y = WX + b on random tensors.

    Draws, in this order, with np.random.randn: X of shape (3, 1), W of shape (4, 3), b of shape (4, 1); each is
    turned into a float32 torch tensor.

    Returns:
    Y -- float32 tensor of shape (4, 1), W @ X + b
    """
    X = torch.tensor(np.random.randn(3, 1), dtype=torch.float32)
    W = torch.tensor(np.random.randn(4, 3), dtype=torch.float32)
    b = torch.tensor(np.random.randn(4, 1), dtype=torch.float32)
    Y = W @ X + b
    return Y


def sigmoid(z):
    """The sigmoid of z, computed by PyTorch.

    Arguments:
    z -- a number or a tensor

    Returns:
    a -- float32 tensor of the same shape as z, 1 / (1 + exp(-z))
    """
    z = torch.as_tensor(z, dtype=torch.float32)
    a = torch.sigmoid(z)
    return a


def one_hot_matrix(label, C=6):
    """The one-hot encoding of a single class label.

    Arguments:
    label -- an integer (or 0-d integer tensor) between 0 and C - 1
    C -- number of classes

    Returns:
    one_hot -- float32 tensor of shape (C,): 1 at position label, 0 elsewhere
    """
    label = torch.as_tensor(label, dtype=torch.int64)
    one_hot = torch.nn.functional.one_hot(label, C).reshape(C).to(torch.float32)
    return one_hot


def initialize_parameters():
    """Initialise a 784 -> 25 -> 12 -> 10 network with Glorot (Xavier) normal values.

    Seeds PyTorch with torch.manual_seed(1), then fills every weight and bias, in the order W1, b1, W2, b2, W3, b3,
    with torch.nn.init.xavier_normal_ (standard deviation sqrt(2 / (fan_in + fan_out))).

    Returns:
    parameters -- dict of float32 tensors that require gradients: "W1" (25, 784), "b1" (25, 1), "W2" (12, 25),
                  "b2" (12, 1), "W3" (10, 12), "b3" (10, 1)
    """
    torch.manual_seed(1)
    shapes = {"W1": (25, 784), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (10, 12), "b3": (10, 1)}
    parameters = {}
    for name, shape in shapes.items():
        tensor = torch.empty(shape, dtype=torch.float32)
        torch.nn.init.xavier_normal_(tensor)
        parameters[name] = tensor.requires_grad_()
    return parameters


def forward_propagation(X, parameters):
    """Forward pass LINEAR -> RELU -> LINEAR -> RELU -> LINEAR.

    Arguments:
    X -- float32 tensor of shape (n_x, m), one example per column
    parameters -- dict with tensors "W1", "b1", "W2", "b2", "W3", "b3"

    Returns:
    Z3 -- tensor of shape (n_classes, m): the output of the last LINEAR unit (logits, no softmax)
    """
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = torch.relu(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = torch.relu(Z2)
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    return Z3


def compute_total_loss(logits, labels):
    """The softmax cross-entropy, summed (not averaged) over the examples.

    Arguments:
    logits -- tensor of shape (n_classes, m), the output of forward_propagation
    labels -- float tensor of shape (n_classes, m), one-hot labels, one example per column

    Returns:
    total_loss -- 0-d tensor: the sum over the m examples of -sum_k labels[k] * log(softmax(logits)[k])
    """
    total_loss = torch.nn.functional.cross_entropy(logits.T, labels.T, reduction="sum")
    return total_loss


def numpy_vs_torch(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    """How far a NumPy network's forward pass and gradients are from PyTorch's autograd on the same weights.

    Runs ``forward`` and ``backward`` (by default Course 1's L_model_forward and L_model_backward: RELU hidden
    layers, SIGMOID output, mean cross-entropy cost) in NumPy, then the same network and cost in float64 PyTorch
    with cost.backward().

    Arguments:
    parameters_np -- dict of NumPy arrays "W1", "b1", ..., "WL", "bL"
    X -- NumPy array of shape (n_x, m)
    Y -- NumPy array of 0/1 labels, shape (1, m)
    forward -- forward(X, parameters) -> (AL, caches)
    backward -- backward(AL, Y, caches) -> grads with "dW1", "db1", ..., "dWL", "dbL"

    Returns:
    difference -- Python float: the largest absolute difference between the two AL outputs and between every
                  dW{l}, db{l} from NumPy and the gradient PyTorch stored for W{l}, b{l}
    """
    AL, caches = forward(X, parameters_np)
    grads = backward(AL, Y, caches)
    L = len(parameters_np) // 2
    params = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in parameters_np.items()}
    A = torch.tensor(X, dtype=torch.float64)
    for l in range(1, L):
        A = torch.relu(params["W" + str(l)] @ A + params["b" + str(l)])
    AL_torch = torch.sigmoid(params["W" + str(L)] @ A + params["b" + str(L)])
    Y_torch = torch.tensor(Y, dtype=torch.float64)
    cost = -torch.mean(Y_torch * torch.log(AL_torch) + (1 - Y_torch) * torch.log(1 - AL_torch))
    cost.backward()
    differences = [np.max(np.abs(AL - AL_torch.detach().numpy()))]
    for l in range(1, L + 1):
        differences.append(np.max(np.abs(grads["dW" + str(l)] - params["W" + str(l)].grad.numpy())))
        differences.append(np.max(np.abs(grads["db" + str(l)] - params["b" + str(l)].grad.numpy())))
    difference = float(max(differences))
    return difference
