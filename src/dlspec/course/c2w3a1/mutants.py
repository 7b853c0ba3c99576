"""Known mistakes in C2W3A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np
import torch

from dlspec.checking.spec import mutant
from dlspec.course.c2w3a1.checks import SHAPES
from dlspec.nn.deep import L_model_backward, L_model_forward

# --- linear_function --------------------------------------------------------------------------------------------


def _draw_xwb():
    X = torch.tensor(np.random.randn(3, 1), dtype=torch.float32)
    W = torch.tensor(np.random.randn(4, 3), dtype=torch.float32)
    b = torch.tensor(np.random.randn(4, 1), dtype=torch.float32)
    return X, W, b


@mutant("linear_function", "Draw the three arrays in the order the docstring gives: X first, then W, then b.")
def linear_wrong_order():
    W = torch.tensor(np.random.randn(4, 3), dtype=torch.float32)
    X = torch.tensor(np.random.randn(3, 1), dtype=torch.float32)
    b = torch.tensor(np.random.randn(4, 1), dtype=torch.float32)
    return W @ X + b


@mutant("linear_function", "The bias b is part of the result: Y = WX + b.")
def linear_no_bias():
    X, W, b = _draw_xwb()
    return W @ X


@mutant("linear_function", "Check the sign in front of b.")
def linear_minus_bias():
    X, W, b = _draw_xwb()
    return W @ X - b


@mutant("linear_function", "Keep the computation in PyTorch: the result should be a tensor, not a NumPy array.")
def linear_numpy():
    X = np.random.randn(3, 1)
    W = np.random.randn(4, 3)
    b = np.random.randn(4, 1)
    return (W @ X + b).astype(np.float32)


@mutant("linear_function", "Y should be a column of shape (4, 1): multiply W by X, not the transposes.")
def linear_row():
    X, W, b = _draw_xwb()
    return X.T @ W.T + b.T


@mutant("linear_function", "torch.tensor keeps NumPy's float64: pass dtype=torch.float32, or call .float().")
def linear_float64():
    X, W, b = (torch.tensor(np.random.randn(*shape)) for shape in [(3, 1), (4, 3), (4, 1)])
    return W @ X + b


# --- sigmoid ----------------------------------------------------------------------------------------------------


@mutant("sigmoid", "Return the tensor itself: not a NumPy array, and not a Python number from .item().")
def sigmoid_numpy(z):
    return (1 / (1 + np.exp(-np.asarray(z, dtype=np.float64)))).astype(np.float32)


@mutant("sigmoid", "The sigmoid squashes to (0, 1) with exp of minus z; check the sign in the exponent.")
def sigmoid_sign(z):
    return 1 / (1 + torch.exp(torch.as_tensor(z, dtype=torch.float32)))


@mutant("sigmoid", "z may be a plain number: make it a float32 tensor first, with torch.as_tensor(z, dtype=...).")
def sigmoid_no_tensor(z):
    return torch.sigmoid(z)


@mutant("sigmoid", "That is tanh, whose range is (-1, 1); the sigmoid's range is (0, 1).")
def sigmoid_tanh(z):
    return torch.tanh(torch.as_tensor(z, dtype=torch.float32))


@mutant("sigmoid", "That is ReLU; the sigmoid is 1 / (1 + exp(-z)).")
def sigmoid_relu(z):
    return torch.relu(torch.as_tensor(z, dtype=torch.float32))


@mutant("sigmoid", "Softmax normalises across entries; the sigmoid acts on each entry on its own.")
def sigmoid_softmax(z):
    return torch.softmax(torch.as_tensor(z, dtype=torch.float32), dim=-1)


# --- one_hot_matrix ---------------------------------------------------------------------------------------------


@mutant("one_hot_matrix", "The result should be one-dimensional, shape (C,): reshape it.")
def one_hot_2d(label, C=6):
    return torch.nn.functional.one_hot(torch.as_tensor(label), C).reshape(1, C).float()


@mutant("one_hot_matrix", "Classes are numbered from 0: class `label` sits at index `label`.")
def one_hot_off_by_one(label, C=6):
    return torch.nn.functional.one_hot(torch.as_tensor(label) + 1, C).reshape(C).float()


@mutant("one_hot_matrix", "label may be a plain int: turn it into a tensor first, with torch.as_tensor(label).")
def one_hot_no_tensor(label, C=6):
    return torch.nn.functional.one_hot(label, C).reshape(C).float()


@mutant("one_hot_matrix", "Use the number of classes C you are given, not a fixed 6.")
def one_hot_fixed_six(label, C=6):
    return torch.nn.functional.one_hot(torch.as_tensor(label), 6).reshape(6).float()


@mutant("one_hot_matrix", "Return a torch tensor, not a NumPy array.")
def one_hot_numpy(label, C=6):
    return np.eye(C, dtype=np.float32)[int(label)]


@mutant("one_hot_matrix", "Only the label's position is 1; every other entry is 0.")
def one_hot_inverted(label, C=6):
    return 1 - torch.nn.functional.one_hot(torch.as_tensor(label), C).reshape(C).float()


@mutant("one_hot_matrix", "one_hot gives integers; the loss needs floats: finish with .to(torch.float32).")
def one_hot_integers(label, C=6):
    return torch.nn.functional.one_hot(torch.as_tensor(label), C).reshape(C)


@mutant("one_hot_matrix", "The result is one-dimensional, shape (C,), not a column (C, 1).")
def one_hot_column(label, C=6):
    return torch.nn.functional.one_hot(torch.as_tensor(label), C).reshape(C, 1).float()


# --- initialize_parameters --------------------------------------------------------------------------------------



def _glorot(shapes: dict) -> dict:
    torch.manual_seed(1)
    return {k: torch.nn.init.xavier_normal_(torch.empty(s)).requires_grad_() for k, s in shapes.items()}


@mutant("initialize_parameters", "W1 maps 784 inputs to 25 units: its shape is (25, 784).")
def init_w1_transposed():
    return _glorot({**SHAPES, "W1": (784, 25)})


@mutant("initialize_parameters", "That is He's sqrt(2 / fan_in); Glorot divides by fan_in + fan_out.")
def init_he():
    torch.manual_seed(1)
    return {k: (torch.randn(s) * (2 / s[1]) ** 0.5).requires_grad_() for k, s in SHAPES.items()}


@mutant("initialize_parameters", "Tensors you want to train must have requires_grad=True.")
def init_no_grad():
    return {k: v.detach() for k, v in _glorot(SHAPES).items()}


@mutant("initialize_parameters", "Glorot scales the normal draws by sqrt(2 / (fan_in + fan_out)).")
def init_unscaled():
    torch.manual_seed(1)
    return {k: torch.randn(s, requires_grad=True) for k, s in SHAPES.items()}


@mutant("initialize_parameters", "All-zero weights keep every unit of a layer identical; draw them at random.")
def init_zeros():
    return {k: torch.zeros(s, requires_grad=True) for k, s in SHAPES.items()}


@mutant("initialize_parameters", "The network works in float32, PyTorch's default; do not convert to double.")
def init_float64():
    return {k: v.detach().double().requires_grad_() for k, v in _glorot(SHAPES).items()}


# --- forward_propagation ----------------------------------------------------------------------------------------


def _linear(parameters, l, A):
    return parameters["W" + str(l)] @ A + parameters["b" + str(l)]


@mutant("forward_propagation", "The last LINEAR unit returns logits: no ReLU after it.")
def forward_relu_output(X, parameters):
    A2 = torch.relu(_linear(parameters, 2, torch.relu(_linear(parameters, 1, X))))
    return torch.relu(_linear(parameters, 3, A2))


@mutant("forward_propagation", "The last LINEAR unit returns logits: no sigmoid or softmax after it.")
def forward_sigmoid_output(X, parameters):
    A2 = torch.relu(_linear(parameters, 2, torch.relu(_linear(parameters, 1, X))))
    return torch.sigmoid(_linear(parameters, 3, A2))


@mutant("forward_propagation", "Apply a ReLU after the second LINEAR unit too.")
def forward_missing_relu(X, parameters):
    return _linear(parameters, 3, _linear(parameters, 2, torch.relu(_linear(parameters, 1, X))))


@mutant("forward_propagation", "Each LINEAR unit adds its bias, the last one included.")
def forward_no_b3(X, parameters):
    A2 = torch.relu(_linear(parameters, 2, torch.relu(_linear(parameters, 1, X))))
    return parameters["W3"] @ A2


@mutant("forward_propagation", "Return the logits Z3; the softmax belongs to the loss.")
def forward_softmax(X, parameters):
    A2 = torch.relu(_linear(parameters, 2, torch.relu(_linear(parameters, 1, X))))
    return torch.softmax(_linear(parameters, 3, A2), dim=0)


@mutant("forward_propagation", "The hidden layers use ReLU, not the sigmoid.")
def forward_sigmoid_hidden(X, parameters):
    A2 = torch.sigmoid(_linear(parameters, 2, torch.sigmoid(_linear(parameters, 1, X))))
    return _linear(parameters, 3, A2)


@mutant("forward_propagation", "Examples are columns here: W1 @ X gives (n_1, m); X.T @ W1.T gives its transpose.")
def forward_examples_as_rows(X, parameters):
    A = X.T
    for l in (1, 2, 3):
        Z = A @ parameters["W" + str(l)].T + parameters["b" + str(l)].T
        A = torch.relu(Z) if l < 3 else Z
    return A


# --- compute_total_loss -----------------------------------------------------------------------------------------


@mutant("compute_total_loss", "The total loss is summed over the examples, not averaged.")
def loss_mean(logits, labels):
    return torch.nn.functional.cross_entropy(logits.T, labels.T)


@mutant("compute_total_loss", "Softmax over the classes, the rows here (dim 0); cross_entropy wants them as columns.")
def loss_no_transpose(logits, labels):
    return torch.nn.functional.cross_entropy(logits, labels, reduction="sum")


@mutant("compute_total_loss", "The cross-entropy applies the softmax itself; pass the raw logits.")
def loss_double_softmax(logits, labels):
    return torch.nn.functional.cross_entropy(torch.softmax(logits, dim=0).T, labels.T, reduction="sum")


@mutant("compute_total_loss", "Return the loss as a tensor so autograd can go back through it; .item() drops that.")
def loss_item(logits, labels):
    return torch.nn.functional.cross_entropy(logits.T, labels.T, reduction="sum").item()


@mutant("compute_total_loss", "A cross-entropy is positive: check the sign.")
def loss_negative(logits, labels):
    return (labels * torch.log_softmax(logits, dim=0)).sum()


@mutant("compute_total_loss", "Stay in PyTorch: a loss computed in NumPy and wrapped in torch.tensor(...) has no "
                              "path back to the logits, so backward() cannot train anything.")
def loss_through_numpy(logits, labels):
    return torch.tensor(torch.nn.functional.cross_entropy(logits.T, labels.T, reduction="sum").item())


# --- numpy_vs_torch ---------------------------------------------------------------------------------------------


def _bridge(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward, hidden=torch.relu,
            output=torch.sigmoid, dtype=torch.float64, reduce=torch.mean, bias=True, gradients="Wb", measure=np.abs,
            summary=np.max):
    AL, caches = forward(X, parameters_np)
    grads = backward(AL, Y, caches)
    L = len(parameters_np) // 2
    params = {k: torch.tensor(v, dtype=dtype, requires_grad=True) for k, v in parameters_np.items()}
    A = torch.tensor(X, dtype=dtype)

    def linear(l, A):
        return params["W" + str(l)] @ A + (params["b" + str(l)] if bias else 0)

    for l in range(1, L):
        A = hidden(linear(l, A))
    AL_torch = output(linear(L, A))
    Y_torch = torch.tensor(Y, dtype=dtype)
    cost = -reduce(Y_torch * torch.log(AL_torch) + (1 - Y_torch) * torch.log(1 - AL_torch))
    cost.backward()
    differences = [summary(measure(AL - AL_torch.detach().numpy()))]
    for l in range(1, L + 1):
        for p in gradients:
            grad = params[p + str(l)].grad
            grad = np.zeros_like(grads["d" + p + str(l)]) if grad is None else grad.numpy()
            differences.append(summary(measure(grads["d" + p + str(l)] - grad)))
    return float(max(differences))


@mutant("numpy_vs_torch", "The Course 1 cost is the mean over the examples; a sum scales every gradient by m.")
def bridge_sum(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, reduce=torch.sum)


@mutant("numpy_vs_torch", "The output layer of the Course 1 network is a sigmoid, not a ReLU.")
def bridge_relu_output(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, output=lambda z: torch.clamp(torch.relu(z), 1e-6, 1 - 1e-6))


@mutant("numpy_vs_torch", "Add each layer's bias in the PyTorch forward pass as well.")
def bridge_no_bias(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, bias=False)


@mutant("numpy_vs_torch", "The hidden layers of the Course 1 network use ReLU.")
def bridge_tanh(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, hidden=torch.tanh)


@mutant("numpy_vs_torch", "Compare in float64: float32 rounding alone is far bigger than the agreement you should see.")
def bridge_float32(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, dtype=torch.float32)


@mutant("numpy_vs_torch", "A db 0.25 off leaves your result near 0: compare every dW and db with PyTorch's .grad.")
def bridge_no_db(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, gradients="W")


@mutant("numpy_vs_torch", "Take the absolute value of each difference: 0.5 too small is as wrong as 0.5 too big.")
def bridge_signed(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, measure=lambda d: d)


@mutant("numpy_vs_torch", "Call the forward and backward you are given: the Course 1 functions are only the defaults.")
def bridge_ignores_arguments(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y)


@mutant("numpy_vs_torch", "Measure the gradients too: run backward in NumPy and cost.backward() in PyTorch.")
def bridge_forward_only(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, gradients="")


@mutant("numpy_vs_torch", "Return the largest absolute difference, np.max: a mean hides one wrong entry among many "
                          "right ones.")
def bridge_mean_difference(parameters_np, X, Y, forward=L_model_forward, backward=L_model_backward):
    return _bridge(parameters_np, X, Y, forward, backward, summary=np.mean)
