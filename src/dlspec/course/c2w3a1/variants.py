"""Correct solutions of C2W3A1 written differently from the reference: each must pass every case."""

from __future__ import annotations

import math

import numpy as np
import torch

from dlspec.checking.spec import variant
from dlspec.nn.deep import L_model_backward, L_model_forward

# --- linear_function --------------------------------------------------------------------------------------------


@variant("linear_function")
def linear_from_numpy_addmm():
    X, W, b = (torch.from_numpy(np.random.randn(*s)).float() for s in [(3, 1), (4, 3), (4, 1)])
    return torch.addmm(b, W, X)


@variant("linear_function")
def linear_numpy_then_tensor():
    X = np.random.randn(3, 1)
    W = np.random.randn(4, 3)
    b = np.random.randn(4, 1)
    return torch.tensor(np.dot(W, X) + b, dtype=torch.float32)


# --- sigmoid ----------------------------------------------------------------------------------------------------


@variant("sigmoid")
def sigmoid_by_formula(z):
    z = torch.as_tensor(z, dtype=torch.float32)
    return 1 / (1 + torch.exp(-z))


@variant("sigmoid")
def sigmoid_expit(z):
    return torch.special.expit(torch.tensor(z, dtype=torch.float32) if not torch.is_tensor(z) else z.float())


# --- one_hot_matrix ---------------------------------------------------------------------------------------------


@variant("one_hot_matrix")
def one_hot_by_indexing(label, C=6):
    one_hot = torch.zeros(C)
    one_hot[int(label)] = 1.0
    return one_hot


@variant("one_hot_matrix")
def one_hot_by_comparison(label, C=6):
    return (torch.arange(C) == label).to(torch.float32)


# --- initialize_parameters --------------------------------------------------------------------------------------

SIZES = [784, 25, 12, 10]


@variant("initialize_parameters")
def init_by_hand():
    torch.manual_seed(1)
    parameters = {}
    for l in range(1, len(SIZES)):
        n, n_prev = SIZES[l], SIZES[l - 1]
        parameters[f"W{l}"] = (torch.randn(n, n_prev) * math.sqrt(2 / (n + n_prev))).requires_grad_()
        parameters[f"b{l}"] = torch.zeros(n, 1, requires_grad=True)
    return parameters


@variant("initialize_parameters")
def init_xavier_uniform():
    # uniform on [-a, a] with a = sqrt(6 / (fan_in + fan_out)) has the same spread as Glorot normal
    torch.manual_seed(0)
    parameters = {}
    for l in range(1, len(SIZES)):
        W = torch.empty(SIZES[l], SIZES[l - 1])
        parameters[f"W{l}"] = torch.nn.Parameter(torch.nn.init.xavier_uniform_(W))
        parameters[f"b{l}"] = torch.nn.Parameter(torch.nn.init.xavier_uniform_(torch.empty(SIZES[l], 1)))
    return parameters


@variant("initialize_parameters")
def init_scaled_normal_zero_biases():
    torch.manual_seed(1)
    sizes = [784, 25, 12, 10]
    out = {}
    for l in range(1, 4):
        std = math.sqrt(2 / (sizes[l - 1] + sizes[l]))
        out[f"W{l}"] = (torch.randn(sizes[l], sizes[l - 1]) * std).requires_grad_()  # scaled, then a leaf
        out[f"b{l}"] = torch.zeros(sizes[l], 1, requires_grad=True)
    return out


# --- forward_propagation ----------------------------------------------------------------------------------------


@variant("forward_propagation")
def forward_addmm_clamp(X, parameters):
    A = X
    for l in (1, 2):
        A = torch.addmm(parameters[f"b{l}"], parameters[f"W{l}"], A).clamp(min=0)
    return torch.addmm(parameters["b3"], parameters["W3"], A)


@variant("forward_propagation")
def forward_row_major(X, parameters):
    # examples as rows, the way torch.nn.Linear sees them, then back to columns
    A = X.T
    for l in (1, 2):
        A = torch.nn.functional.relu(torch.nn.functional.linear(A, parameters[f"W{l}"], parameters[f"b{l}"].T))
    return torch.nn.functional.linear(A, parameters["W3"], parameters["b3"].T).T


# --- compute_total_loss -----------------------------------------------------------------------------------------


@variant("compute_total_loss")
def loss_log_softmax(logits, labels):
    return -(labels * torch.log_softmax(logits, dim=0)).sum()


@variant("compute_total_loss")
def loss_logsumexp(logits, labels):
    # -log softmax(z)_y = logsumexp(z) - z_y, one example per column
    return (torch.logsumexp(logits, dim=0) - (labels * logits).sum(dim=0)).sum()


@variant("compute_total_loss")
def loss_class_indices(logits, labels):
    return torch.nn.CrossEntropyLoss(reduction="sum")(logits.T, labels.argmax(dim=0))


# --- numpy_vs_torch ---------------------------------------------------------------------------------------------


@variant("numpy_vs_torch")
def bridge_autograd_grad(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    AL, caches = forward(X, parameters_np)
    grads = backward(AL, Y, caches)
    names = list(parameters_np)
    tensors = [torch.tensor(parameters_np[k], dtype=torch.float64, requires_grad=True) for k in names]
    params = dict(zip(names, tensors, strict=True))
    L = len(names) // 2
    A = torch.from_numpy(X)
    for l in range(1, L + 1):
        Z = torch.matmul(params[f"W{l}"], A) + params[f"b{l}"]
        A = torch.sigmoid(Z) if l == L else torch.relu(Z)
    cost = torch.nn.functional.binary_cross_entropy(A, torch.from_numpy(Y))
    gradients = torch.autograd.grad(cost, tensors)
    worst = np.abs(AL - A.detach().numpy()).max()
    for k, g in zip(names, gradients, strict=True):
        worst = max(worst, np.abs(grads["d" + k] - g.numpy()).max())
    return float(worst)


@variant("numpy_vs_torch")
def bridge_logits_loss(parameters_np, X, Y, forward=None, backward=None):
    AL, caches = (forward or L_model_forward)(X, parameters_np)
    grads = (backward or L_model_backward)(AL, Y, caches)
    params = {k: torch.tensor(v, requires_grad=True) for k, v in parameters_np.items()}
    L = len(params) // 2
    A = torch.tensor(X)
    for l in range(1, L):
        A = torch.relu(params[f"W{l}"] @ A + params[f"b{l}"])
    ZL = params[f"W{L}"] @ A + params[f"b{L}"]
    torch.nn.functional.binary_cross_entropy_with_logits(ZL, torch.tensor(Y)).backward()
    differences = [np.max(np.abs(AL - torch.sigmoid(ZL).detach().numpy()))]
    differences += [np.max(np.abs(grads["d" + k] - p.grad.numpy())) for k, p in params.items()]
    return float(max(differences))


@variant("numpy_vs_torch")
def bridge_binary_cross_entropy(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    AL, caches = forward(X, parameters_np)
    grads = backward(AL, Y, caches)
    L = len(parameters_np) // 2
    params = {k: torch.tensor(v, requires_grad=True) for k, v in parameters_np.items()}  # float64, as NumPy's
    A = torch.from_numpy(X)
    for l in range(1, L):
        A = torch.relu(params[f"W{l}"] @ A + params[f"b{l}"])
    AL_torch = torch.sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])
    torch.nn.functional.binary_cross_entropy(AL_torch, torch.from_numpy(Y)).backward()
    worst = np.abs(AL - AL_torch.detach().numpy()).max()
    for key, p in params.items():
        worst = max(worst, np.abs(grads["d" + key] - p.grad.numpy()).max())
    return float(worst)
