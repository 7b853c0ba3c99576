# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Introduction to PyTorch
#
# For two courses you have written every forward pass, every derivative and every update by hand, in NumPy.
# Frameworks exist so that you do not have to: you describe the forward computation, and the framework records it
# and works out the gradients for you (**automatic differentiation**). This lesson uses **PyTorch**.
#
# A framework is only a convenience if you trust it. So the lesson ends with a **bridge**: the NumPy network you
# built in Course 1 and PyTorch's autograd, on the very same weights, must agree to the last few digits. After
# that, `loss.backward()` is no longer magic: it is the `L_model_backward` you already wrote.
#
# The plan, and the seven functions you will write:
#
# 1. **tensors**: `linear_function`, `sigmoid`, `one_hot_matrix`;
# 2. **a network by hand, trained by PyTorch**: `initialize_parameters`, `forward_propagation`,
#    `compute_total_loss`, then a training loop with `DataLoader` and the Adam optimiser on photographs of clothes;
# 3. the same network as an `nn.Module`, the way PyTorch code is usually written;
# 4. **the bridge**: `numpy_vs_torch`.
#
# **How checking works.** After each function a cell `check(function_name)` runs it on the example shown and on
# hidden inputs of other shapes. Results are compared by value, and a NumPy array where a tensor was due is named
# as such. Stuck? `dlspec hint c2w3a1 <function>` gives a ladder of hints.

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dlspec.data.fashion import CLASSES, load_fashion
from dlspec.earlier import own_functions
from dlspec.nn.deep import L_model_backward, L_model_forward, initialize_parameters_deep  # noqa: F401 (defaults)
from dlspec.notebook import checker
from dlspec.viz.confusion import plot_confusion_matrix

check = checker("c2w3a1")
torch.set_num_threads(2)
np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## 1. Tensors
#
# A `torch.Tensor` is PyTorch's ndarray: an n-dimensional array with a `dtype` and a `shape`, the same broadcasting
# rules, and `@` for matrix products. Two differences matter here. Its default float type is **float32** (NumPy's
# is float64), and a tensor can be asked to **record** the operations applied to it, so that gradients can be
# computed later. Converting is cheap: `torch.tensor(array)` copies a NumPy array, `tensor.numpy()` goes back.

# %%
a = np.arange(6.0).reshape(2, 3)
t = torch.tensor(a, dtype=torch.float32)
print(t, t.dtype, t.shape)
print("t @ t.T =", t @ t.T)
print("back to NumPy:", (t * 2).numpy())

# %% [markdown]
# ### `linear_function`
#
# Compute $Y = WX + b$ with tensors. Draw $X$ of shape (3, 1), then $W$ (4, 3), then $b$ (4, 1) with
# `np.random.randn`, in that order, and make each a float32 tensor. The result has shape (4, 1).

# %%
# GRADED: linear_function

# %%
check(linear_function)

# %%
np.random.seed(1)
print(linear_function())

# %% [markdown]
# ### `sigmoid`
#
# $\sigma(z) = \dfrac{1}{1 + e^{-z}}$. PyTorch has it as `torch.sigmoid`; your function accepts a number or a
# tensor and returns a float32 tensor of the same shape.

# %%
# GRADED: sigmoid

# %%
check(sigmoid)

# %%
print("sigmoid(-1) =", sigmoid(-1), " sigmoid(0) =", sigmoid(0), " sigmoid(12) =", sigmoid(12))

# %% [markdown]
# ### `one_hot_matrix`
#
# Multi-class labels are integers $0 \dots C-1$; the loss wants them **one-hot**: a vector of length $C$ that is
# 1 at the label's index and 0 elsewhere. Return a float32 tensor of shape $(C,)$.

# %%
# GRADED: one_hot_matrix

# %%
check(one_hot_matrix)

# %%
print("label 3 of 10 classes:", one_hot_matrix(torch.tensor(3), 10))

# %% [markdown]
# ## 2. A network by hand, trained by PyTorch
#
# ### The data: Fashion-MNIST
#
# Fashion-MNIST is a set of 70,000 real photographs of clothes from Zalando's catalogue, each a 28×28 grey image
# (784 pixels, values 0–255) in one of ten classes: T-shirt, trouser, pullover, dress, coat, sandal, shirt,
# sneaker, bag, ankle boot. It is harder than handwritten digits: a shirt and a T-shirt, or a pullover and a coat,
# can look alike at this size. To keep training to a few seconds, dlspec ships a balanced 6,000 of the 60,000
# training images and 1,000 of the 10,000 test images (600 and 100 of each class). Pixels are scaled to $[0, 1]$
# and, as in the whole specialization, the examples are **columns**: $X$ is $(784, m)$ and the one-hot labels
# $(10, m)$.

# %%
train_images, train_labels, test_images, test_labels = load_fashion()
X_train = torch.tensor(train_images.reshape(len(train_labels), -1).T / 255.0, dtype=torch.float32)
X_test = torch.tensor(test_images.reshape(len(test_labels), -1).T / 255.0, dtype=torch.float32)
y_train, y_test = torch.tensor(train_labels), torch.tensor(test_labels)
Y_train = torch.stack([one_hot_matrix(label, 10) for label in y_train], dim=1)
print("X_train", tuple(X_train.shape), " Y_train", tuple(Y_train.shape), " X_test", tuple(X_test.shape))

fig, axes = plt.subplots(2, 10, figsize=(12, 3))
for k, column in enumerate(axes.T):
    for ax, index in zip(column, np.flatnonzero(train_labels == k)[:2], strict=True):
        ax.imshow(train_images[index], cmap="gray_r")
        ax.axis("off")
    column[0].set_title(CLASSES[k], fontsize=9)
plt.show()

# %% [markdown]
# ### `initialize_parameters`
#
# The network is LINEAR → ReLU → LINEAR → ReLU → LINEAR with 784 → 25 → 12 → 10 units. Initialise every weight and
# bias with **Glorot (Xavier) normal** values, standard deviation $\sqrt{2 / (n_\text{in} + n_\text{out})}$,
# using `torch.nn.init.xavier_normal_` after `torch.manual_seed(1)`, in the order W1, b1, W2, b2, W3, b3.
# Each tensor must be float32 and **require gradients**, so that autograd tracks it.
#
# | name | shape |
# |---|---|
# | W1, b1 | (25, 784), (25, 1) |
# | W2, b2 | (12, 25), (12, 1) |
# | W3, b3 | (10, 12), (10, 1) |

# %%
# GRADED: initialize_parameters

# %%
check(initialize_parameters)

# %% [markdown]
# ### Autograd in four lines
#
# A tensor created with `requires_grad=True` records every operation applied to it. Calling `.backward()` on a
# scalar result walks that record backwards, applying the chain rule, and leaves $\partial(\text{result}) /
# \partial x$ in `x.grad`. For $y = x^2 + 3x$ at $x = 2$ the derivative is $2x + 3 = 7$:

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x**2 + 3 * x
y.backward()
print("y =", y.item(), " dy/dx =", x.grad.item())

# %% [markdown]
# ### `forward_propagation`
#
# $$Z^{[1]} = W^{[1]}X + b^{[1]},\; A^{[1]} = \text{ReLU}(Z^{[1]}),\; Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]},\;
# A^{[2]} = \text{ReLU}(Z^{[2]}),\; Z^{[3]} = W^{[3]}A^{[2]} + b^{[3]}$$
#
# Return $Z^{[3]}$, shape $(10, m)$: the **logits**, with no softmax. The softmax lives inside the loss, where it
# can be computed in a numerically stable way. No cache and no backward function: autograd keeps what it needs.

# %%
# GRADED: forward_propagation

# %%
check(forward_propagation)

# %% [markdown]
# ### `compute_total_loss`
#
# The softmax cross-entropy of example $i$ is $-\sum_k y_k^{(i)} \log \operatorname{softmax}(z^{(i)})_k$. Return
# the **sum** over the batch (a 0-d tensor): the training loop adds the batch sums and divides by $m$ once per
# epoch, so the reported cost does not depend on how the last batch happens to be sized.
# `torch.nn.functional.cross_entropy` expects one example per **row**.

# %%
# GRADED: compute_total_loss

# %%
check(compute_total_loss)

# %% [markdown]
# ### Training: `DataLoader` and Adam
#
# A `TensorDataset` pairs inputs with labels (one example per row, so we transpose), and a `DataLoader` serves
# shuffled mini-batches of it. The optimiser `torch.optim.Adam` holds the parameters; each step is always the same
# three moves: **zero** the old gradients, **backward** from the loss, **step**.

# %%
def accuracy(logits, y):
    return (logits.argmax(dim=0) == y).float().mean().item()


def train(parameters, epochs=15, learning_rate=0.005, batch_size=128):
    torch.manual_seed(2)
    loader = DataLoader(TensorDataset(X_train.T, Y_train.T), batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.Adam(parameters.values(), lr=learning_rate)
    costs = []
    for _ in range(epochs):
        epoch_total = 0.0
        for X_batch, Y_batch in loader:
            optimizer.zero_grad()
            loss = compute_total_loss(forward_propagation(X_batch.T, parameters), Y_batch.T)
            loss.backward()
            optimizer.step()
            epoch_total += loss.item()
        costs.append(epoch_total / X_train.shape[1])
    return costs


parameters = initialize_parameters()
costs = train(parameters)
with torch.no_grad():
    print(f"train accuracy {accuracy(forward_propagation(X_train, parameters), y_train):.3f}, "
          f"test accuracy {accuracy(forward_propagation(X_test, parameters), y_test):.3f}")

plt.plot(costs)
plt.xlabel("epoch")
plt.ylabel("mean cross-entropy")
plt.title("Your network, trained with Adam")
plt.show()

# %% [markdown]
# Where does it go wrong? Row $i$, column $j$ of the **confusion matrix** counts the test images of class $i$ that
# the network called $j$; a perfect classifier has numbers only on the diagonal. Look for the classes that trade
# places.

# %%
with torch.no_grad():
    predicted = forward_propagation(X_test, parameters).argmax(dim=0).numpy()
plot_confusion_matrix(test_labels, predicted, CLASSES, title="Fashion-MNIST test set")
plt.show()

# %% [markdown]
# ## 3. The same network as an `nn.Module`
#
# Real PyTorch code rarely keeps parameters in a dict. An `nn.Module` owns its layers; `nn.Linear` holds a weight
# and a bias and computes $xW^\top + b$ on examples stored as **rows** (PyTorch's convention, the transpose of
# ours), and `model.parameters()` hands them all to the optimiser. `nn.CrossEntropyLoss` is the loss you wrote,
# averaged instead of summed.

# %%
class ClothesNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(784, 25), nn.ReLU(), nn.Linear(25, 12), nn.ReLU(), nn.Linear(12, 10))

    def forward(self, x):
        return self.layers(x)


torch.manual_seed(3)
model = ClothesNet()
optimizer = torch.optim.Adam(model.parameters(), lr=0.005)
loss_fn = nn.CrossEntropyLoss()
loader = DataLoader(TensorDataset(X_train.T, y_train), batch_size=128, shuffle=True)
module_costs = []
for _ in range(15):
    total = 0.0
    for x_batch, y_batch in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x_batch), y_batch)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y_batch)
    module_costs.append(total / len(y_train))

with torch.no_grad():
    print(f"nn.Module test accuracy {accuracy(model(X_test.T).T, y_test):.3f}")
plt.plot(costs, label="dict of tensors (yours)")
plt.plot(module_costs, label="nn.Module")
plt.xlabel("epoch")
plt.ylabel("mean cross-entropy")
plt.legend()
plt.show()

# %% [markdown]
# ## 4. The bridge: your Course 1 network against PyTorch
#
# `L_model_forward` and `L_model_backward` are the functions you wrote in Course 1 (this lesson imports them from
# `dlspec.nn.deep`, the engine you rebuilt). Write `numpy_vs_torch(parameters_np, X, Y, forward, backward)`, where
# `forward` and `backward` default to those two, so that any pair with the same contract can be put on trial:
#
# 1. run `forward` and `backward` on the NumPy weights to get $A^{[L]}$ and the gradients `grads["dW1"]`,
#    `grads["db1"]`, ...;
# 2. make **float64** tensors with `requires_grad=True` from the same weights, redo the forward pass (ReLU hidden
#    layers, sigmoid output) and the Course 1 cost
#    $J = -\frac{1}{m}\sum_i \big(y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\big)$, and call `backward()`;
# 3. return the largest absolute difference, over $A^{[L]}$ and every $dW^{[l]}$, $db^{[l]}$ against the matching
#    `.grad`, as a Python float.
#
# On a correct pair the two should agree to about $10^{-15}$ in float64: the same arithmetic, done in a slightly
# different order. A checker that cannot fail checks nothing, so the grader also hands your function a `backward`
# with a planted bug and expects you to measure it.

# %%
# GRADED: numpy_vs_torch

# %%
check(numpy_vs_torch)

# %% [markdown]
# On the clothes, as a binary task (is it a bag?), with a freshly initialised 784 → 20 → 7 → 1 network. First the
# engine's Course 1 functions, then a copy of `L_model_backward` with a classic slip (the last layer's `db`
# summed over the examples but not divided by $m$), which the bridge should expose at once:

# %%
np.random.seed(1)
weights = initialize_parameters_deep([784, 20, 7, 1])
X_np = train_images[:200].reshape(200, -1).T / 255.0
Y_np = (train_labels[:200] == CLASSES.index("Bag")).astype(float).reshape(1, -1)


def backward_without_one_over_m(AL, Y, caches):
    grads = L_model_backward(AL, Y, caches)
    grads["db3"] = grads["db3"] * Y.shape[1]
    return grads


print(f"engine's backprop:        {numpy_vs_torch(weights, X_np, Y_np):.2e}")
print(f"backprop without the 1/m: {numpy_vs_torch(weights, X_np, Y_np, backward=backward_without_one_over_m):.2e}")

# %% [markdown]
# Now put **your own** Course 1 code on trial: the `L_model_forward` and `L_model_backward` of your latest C1W4A1
# attempt that passed every function (dlspec keeps the source of every attempt you submit). Until you have such an
# attempt, the reference stands in and the first line says so.

# %%
(your_forward, your_backward), origin = own_functions("c1w4a1", "L_model_forward", "L_model_backward")
print(origin)
print(f"your backprop against autograd: {numpy_vs_torch(weights, X_np, Y_np, your_forward, your_backward):.2e}")

# %% [markdown]
# ## What to remember
#
# - A tensor is an ndarray that can record its history; float32 is PyTorch's default.
# - You write only the forward pass; `loss.backward()` computes the gradients, and they are the ones your own
#   backward pass computed in Course 1.
# - A training step is always: zero the gradients, forward, loss, backward, step.
# - `nn.Module`, `nn.Linear` and `DataLoader` package the same ideas; PyTorch stores examples as rows.
