"""C2W3A1, the introduction to PyTorch, as learners write it."""

import numpy as np
import torch
from torch import nn

from dlspec.nn.deep import L_model_backward, L_model_forward

from . import correct, mistake

# --- linear_function, sigmoid, one_hot_matrix ---------------------------------------------------------------------


@correct("linear_function")
def linear_from_numpy(X=None):
    X = torch.from_numpy(np.random.randn(3, 1)).float()
    W = torch.from_numpy(np.random.randn(4, 3)).float()
    b = torch.from_numpy(np.random.randn(4, 1)).float()
    return torch.matmul(W, X) + b


@correct("linear_function")
def linear_as_tensor(X=None):
    X, W, b = (torch.as_tensor(np.random.randn(*shape), dtype=torch.float32) for shape in [(3, 1), (4, 3), (4, 1)])
    return torch.add(torch.mm(W, X), b)


@mistake("linear_function")
def linear_keeps_float64(X=None):
    X = torch.tensor(np.random.randn(3, 1))
    W = torch.tensor(np.random.randn(4, 3))
    b = torch.tensor(np.random.randn(4, 1))
    return W @ X + b


@mistake("linear_function")
def linear_draws_w_first(X=None):
    W = torch.tensor(np.random.randn(4, 3), dtype=torch.float32)
    X = torch.tensor(np.random.randn(3, 1), dtype=torch.float32)
    b = torch.tensor(np.random.randn(4, 1), dtype=torch.float32)
    return W @ X + b


@correct("sigmoid")
def sigmoid_by_hand(z):
    z = torch.tensor(z, dtype=torch.float32) if not torch.is_tensor(z) else z.float()
    return 1 / (1 + torch.exp(-z))


@correct("sigmoid")
def sigmoid_module(z):
    return nn.Sigmoid()(torch.as_tensor(z, dtype=torch.float32))


@correct("sigmoid")
def sigmoid_tensor_without_dtype(z):  # torch promotes an integer tensor to float32 for sigmoid
    return torch.sigmoid(torch.tensor(z))


@mistake("sigmoid")
def sigmoid_of_a_number(z):
    return torch.sigmoid(z)


@correct("one_hot_matrix")
def one_hot_by_indexing(label, C=6):
    one_hot = torch.zeros(C)
    one_hot[int(label)] = 1.0
    return one_hot


@correct("one_hot_matrix")
def one_hot_eye_row(label, C=6):
    return torch.eye(C)[label]


@mistake("one_hot_matrix")
def one_hot_keeps_integers(label, C=6):
    return torch.nn.functional.one_hot(torch.as_tensor(label), C)


@mistake("one_hot_matrix")
def one_hot_as_a_column(label, C=6):
    one_hot = torch.zeros((C, 1))
    one_hot[int(label)] = 1.0
    return one_hot


# --- initialize_parameters ----------------------------------------------------------------------------------------


@correct("initialize_parameters")
def init_manual_glorot():
    torch.manual_seed(1)
    sizes = [784, 25, 12, 10]
    parameters = {}
    for l in range(1, 4):
        std = (2 / (sizes[l - 1] + sizes[l])) ** 0.5
        parameters[f"W{l}"] = (torch.randn(sizes[l], sizes[l - 1]) * std).requires_grad_()
        parameters[f"b{l}"] = torch.zeros(sizes[l], 1, requires_grad=True)
    return parameters


@correct("initialize_parameters")
def init_xavier_in_a_loop():
    torch.manual_seed(1)
    parameters = {}
    for name, shape in [("W1", (25, 784)), ("b1", (25, 1)), ("W2", (12, 25)), ("b2", (12, 1)), ("W3", (10, 12)),
                        ("b3", (10, 1))]:
        parameters[name] = nn.init.xavier_normal_(torch.empty(*shape, requires_grad=True))
    return parameters


@mistake("initialize_parameters")
def init_scaled_after_requires_grad():
    torch.manual_seed(1)
    sizes = [784, 25, 12, 10]
    parameters = {}
    for l in range(1, 4):
        std = (2 / (sizes[l - 1] + sizes[l])) ** 0.5
        parameters[f"W{l}"] = torch.randn(sizes[l], sizes[l - 1], requires_grad=True) * std
        parameters[f"b{l}"] = torch.zeros(sizes[l], 1, requires_grad=True)
    return parameters


@mistake("initialize_parameters")
def init_fan_in_only():
    torch.manual_seed(1)
    sizes = [784, 25, 12, 10]
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = (torch.randn(sizes[l], sizes[l - 1]) / sizes[l - 1] ** 0.5).requires_grad_()
        parameters[f"b{l}"] = torch.zeros(sizes[l], 1).requires_grad_()
    return parameters


# --- forward_propagation ------------------------------------------------------------------------------------------


@correct("forward_propagation")
def forward_functional(X, parameters):
    A = X
    for l in (1, 2):
        A = nn.functional.relu(torch.matmul(parameters[f"W{l}"], A) + parameters[f"b{l}"])
    return torch.matmul(parameters["W3"], A) + parameters["b3"]


@correct("forward_propagation")
def forward_clamp(X, parameters):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ["W1", "b1", "W2", "b2", "W3", "b3"])
    A1 = torch.clamp(W1 @ X + b1, min=0)
    A2 = torch.clamp(W2 @ A1 + b2, min=0)
    return W3 @ A2 + b3


@mistake("forward_propagation")
def forward_x_first(X, parameters):
    A1 = torch.relu(X.T @ parameters["W1"].T + parameters["b1"].T)
    A2 = torch.relu(A1 @ parameters["W2"].T + parameters["b2"].T)
    return A2 @ parameters["W3"].T + parameters["b3"].T


@mistake("forward_propagation")
def forward_relu_on_the_logits(X, parameters):
    A = X
    for l in (1, 2, 3):
        A = torch.relu(parameters[f"W{l}"] @ A + parameters[f"b{l}"])
    return A


# --- compute_total_loss -------------------------------------------------------------------------------------------


@correct("compute_total_loss")
def loss_log_softmax(logits, labels):
    return -(labels * torch.log_softmax(logits, dim=0)).sum()


@correct("compute_total_loss")
def loss_class_indices(logits, labels):
    return nn.CrossEntropyLoss(reduction="sum")(logits.T, labels.argmax(dim=0))


@mistake("compute_total_loss")
def loss_softmax_over_examples(logits, labels):
    return -(labels * torch.log_softmax(logits, dim=1)).sum()


@mistake("compute_total_loss")
def loss_default_reduction(logits, labels):
    return nn.functional.cross_entropy(logits.T, labels.T)


@mistake("compute_total_loss")
def loss_through_numpy(logits, labels):
    logits_np, labels_np = logits.detach().numpy(), labels.numpy()
    shifted = logits_np - logits_np.max(axis=0)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=0))
    return torch.tensor(-(labels_np * log_probs).sum())


# --- numpy_vs_torch -----------------------------------------------------------------------------------------------


@correct("numpy_vs_torch")
def bridge_binary_cross_entropy(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    AL, caches = forward(X, parameters_np)
    grads = backward(AL, Y, caches)
    L = len(parameters_np) // 2
    params = {k: torch.tensor(v, requires_grad=True) for k, v in parameters_np.items()}
    A = torch.from_numpy(X)
    for l in range(1, L):
        A = torch.relu(params[f"W{l}"] @ A + params[f"b{l}"])
    AL_t = torch.sigmoid(params[f"W{L}"] @ A + params[f"b{L}"])
    nn.functional.binary_cross_entropy(AL_t, torch.from_numpy(Y)).backward()
    worst = np.abs(AL - AL_t.detach().numpy()).max()
    for l in range(1, L + 1):
        for p in ("W", "b"):
            worst = max(worst, np.abs(grads[f"d{p}{l}"] - params[f"{p}{l}"].grad.numpy()).max())
    return float(worst)


@mistake("numpy_vs_torch")
def bridge_mean_of_differences(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
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
    differences = [np.mean(np.abs(AL - AL_torch.detach().numpy()))]
    for l in range(1, L + 1):
        differences.append(np.mean(np.abs(grads["dW" + str(l)] - params["W" + str(l)].grad.numpy())))
        differences.append(np.mean(np.abs(grads["db" + str(l)] - params["b" + str(l)].grad.numpy())))
    return float(max(differences))


@mistake("numpy_vs_torch")
def bridge_float32(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    AL, caches = forward(X, parameters_np)
    grads = backward(AL, Y, caches)
    L = len(parameters_np) // 2
    params = {k: torch.tensor(v, dtype=torch.float32, requires_grad=True) for k, v in parameters_np.items()}
    A = torch.tensor(X, dtype=torch.float32)
    for l in range(1, L):
        A = torch.relu(params["W" + str(l)] @ A + params["b" + str(l)])
    AL_torch = torch.sigmoid(params["W" + str(L)] @ A + params["b" + str(L)])
    Y_torch = torch.tensor(Y, dtype=torch.float32)
    cost = -torch.mean(Y_torch * torch.log(AL_torch) + (1 - Y_torch) * torch.log(1 - AL_torch))
    cost.backward()
    differences = [np.max(np.abs(AL - AL_torch.detach().numpy()))]
    for l in range(1, L + 1):
        differences.append(np.max(np.abs(grads["dW" + str(l)] - params["W" + str(l)].grad.numpy())))
        differences.append(np.max(np.abs(grads["db" + str(l)] - params["b" + str(l)].grad.numpy())))
    return float(max(differences))
