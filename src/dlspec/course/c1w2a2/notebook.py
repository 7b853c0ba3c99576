# %% [markdown]
# # Logistic regression with a neural-network mindset
#
# You will build an image classifier from scratch: a single neuron that looks at a 64×64 picture and says
# whether it shows a face. It is logistic regression, but written the way every network in this course is
# written: a forward pass that computes predictions and a cost, a backward pass that computes gradients, and a
# loop that follows the gradients downhill.
#
# The plan:
#
# 1. look at the data and reshape it into a matrix with one example per column;
# 2. write the building blocks: `sigmoid`, `initialize_with_zeros`, `propagate`, `optimize`, `predict`;
# 3. glue them into `model`, train it, and study the cost curve, the accuracy and the learning rate;
# 4. show it pictures it has never seen.
#
# After each graded function, run the `check(...)` cell below it. When you are stuck,
# `dlspec hint c1w2a2 <function>` in a terminal (or `!dlspec hint c1w2a2 <function>` in a cell) gives the next hint
# of a short ladder. Graded functions use NumPy only, without loops over examples.

# %%
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

from dlspec.data.faces import load_faces, sample_pictures
from dlspec.notebook import checker
from dlspec.viz.curves import plot_cost, plot_costs, show_images

check = checker("c1w2a2")

# %% [markdown]
# ## 1. The data
#
# 200 grey photographs, each brought to 64×64 pixels with 3 colour channels (so they have exactly the shape of
# colour pictures): half are faces, half are patches of other things. 150 are for training, 50 are held out to
# test the classifier on pictures it never trained on. Labels are 1 for a face, 0 for anything else.

# %%
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_faces()

m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
print(f"training examples: {m_train}, test examples: {m_test}, each picture {num_px} x {num_px} x 3")
print("train_set_x_orig", train_set_x_orig.shape, train_set_x_orig.dtype, "  train_set_y", train_set_y.shape)
print("test_set_x_orig ", test_set_x_orig.shape, "  test_set_y ", test_set_y.shape)

# %%
labels = [classes[y].decode() for y in train_set_y[0, :16]]
show_images(train_set_x_orig[:16], labels, ncols=8)
plt.show()

# %% [markdown]
# ## 2. From pictures to a matrix
#
# Our neuron takes a vector: each picture of shape $(64, 64, 3)$ becomes a column of $64 \cdot 64 \cdot 3 = 12288$
# numbers, and the $m$ pictures side by side form a matrix $X$ of shape $(12288, m)$, **one example per column**,
# the convention of the whole course.
#
# There is a trap. The array has shape $(m, 64, 64, 3)$, with the example index first. Reshaping it straight to
# $(12288, m)$ reads the numbers in memory order and cuts them into pieces of the wrong length: the columns then
# mix several pictures. Flatten each example into a row first, `(m, 12288)`, then transpose:

# %%
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
print("train_set_x_flatten", train_set_x_flatten.shape, "  test_set_x_flatten", test_set_x_flatten.shape)

wrong = train_set_x_orig.reshape(-1, m_train)  # right shape, wrong numbers
show_images(
    np.stack([train_set_x_flatten[:, 0].reshape(64, 64, 3), wrong[:, 0].reshape(64, 64, 3)]),
    ["reshape(m, -1).T", "reshape(-1, m)"],
    ncols=2,
    size=2.2,
)
plt.show()

# %% [markdown]
# Both matrices have shape $(12288, 150)$, but only the first holds the first picture in its first column. Shape
# checks alone would never have caught the second.
#
# Pixel values run from 0 to 255. Gradient descent behaves better when the inputs are of order 1, so we divide
# by 255. (For general data you would subtract the mean and divide by the standard deviation of each feature;
# for pixels, dividing by the maximum is the usual shortcut.)

# %%
train_set_x = train_set_x_flatten / 255.0
test_set_x = test_set_x_flatten / 255.0
print(f"train_set_x: min {train_set_x.min():.2f}, max {train_set_x.max():.2f}, dtype {train_set_x.dtype}")

# %% [markdown]
# ## 3. One neuron, the maths
#
# For one example $x$ (a column of $n_x = 12288$ numbers), the neuron computes
#
# $$z = w^T x + b, \qquad \hat{y} = a = \sigma(z) = \frac{1}{1 + e^{-z}},$$
#
# the probability that $x$ is a face. How wrong it is on that example is measured by the cross-entropy loss
#
# $$\mathcal{L}(a, y) = -\,y \log a \;-\; (1 - y) \log (1 - a),$$
#
# which is near 0 when $a$ is close to the label $y$ and grows without bound as $a$ approaches the wrong end.
# The cost is the average loss over the $m$ training examples:
#
# $$J(w, b) = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\bigl(a^{(i)}, y^{(i)}\bigr).$$
#
# All $m$ examples go through at once: with $X$ of shape $(n_x, m)$ and $w$ of shape $(n_x, 1)$,
# $A = \sigma(w^T X + b)$ is a row $(1, m)$. The chain rule through $\sigma$ and $\mathcal{L}$ gives the
# remarkably simple $\partial \mathcal{L} / \partial z = a - y$, and from it the gradients of the cost:
#
# $$\frac{\partial J}{\partial w} = \frac{1}{m} X (A - Y)^T \quad (n_x, 1), \qquad
#   \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} \bigl(a^{(i)} - y^{(i)}\bigr).$$
#
# Gradient descent then repeats $w \leftarrow w - \alpha \, \partial J / \partial w$ and
# $b \leftarrow b - \alpha \, \partial J / \partial b$, with $\alpha$ the learning rate.
#
# ## 4. The building blocks
#
# **Exercise:** `sigmoid(z)` for a number or an array of any shape, with NumPy.

# %%
# GRADED: sigmoid

# %%
check(sigmoid)

# %% [markdown]
# **Exercise:** `initialize_with_zeros(dim)` returns `w`, zeros of shape `(dim, 1)`, and `b = 0.0` as a Python
# float. (Zeros are fine for a single neuron; you will see in week 3 why a network with hidden units needs random
# weights.)

# %%
# GRADED: initialize_with_zeros

# %%
check(initialize_with_zeros)

# %% [markdown]
# **Exercise:** `propagate(w, b, X, Y)`: the forward pass ($A$ and the cost $J$) and the backward pass
# ($\partial J/\partial w$ as `dw`, $\partial J/\partial b$ as `db`) from the formulas of section 3. Return
# `grads = {"dw": dw, "db": db}` and `cost`. `dw` has the shape of `w`; `cost` and `db` are plain Python floats
# (`float(...)` turns a NumPy scalar into one).

# %%
# GRADED: propagate

# %%
check(propagate)

# %% [markdown]
# Are those gradients right? Calculus says the gradient is the slope: nudge one weight by a tiny $\varepsilon$
# each way and the cost changes by about $2\varepsilon$ times the gradient. Comparing the two is called
# *gradient checking*; Course 2 makes a tool of it.

# %%
rng = np.random.default_rng(0)
w_try, b_try = rng.normal(size=(5, 1)), 0.3
X_try, Y_try = rng.normal(size=(5, 8)), rng.integers(0, 2, size=(1, 8))
grads, cost = propagate(w_try, b_try, X_try, Y_try)
eps = 1e-6


def cost_at(w):
    return propagate(w, b_try, X_try, Y_try)[1]


numeric = np.zeros_like(w_try)
for j in range(w_try.shape[0]):
    step = np.zeros_like(w_try)
    step[j] = eps
    numeric[j] = (cost_at(w_try + step) - cost_at(w_try - step)) / (2 * eps)
print("dw from propagate:", grads["dw"].ravel())
print("dw from nudging:  ", numeric.ravel())
print("largest difference:", np.abs(grads["dw"] - numeric).max())

# %% [markdown]
# **Exercise:** `optimize(w, b, X, Y, num_iterations, learning_rate, print_cost)` runs gradient descent:
# `num_iterations` times, call `propagate` and update `w` and `b`. Record the cost of iterations 0, 100, 200, ...
# (the cost computed at that iteration, before its update) in a list `costs`. Return
# `params = {"w": w, "b": b}`, the `grads` of the last iteration, and `costs`.

# %%
# GRADED: optimize

# %%
check(optimize)

# %% [markdown]
# **Exercise:** `predict(w, b, X)` labels every column of `X`: 1.0 where $\sigma(w^T X + b) > 0.5$, else 0.0,
# as an array of shape `(1, m)`.

# %%
# GRADED: predict

# %%
check(predict)

# %% [markdown]
# ## 5. The model
#
# **Exercise:** `model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, print_cost)` puts it all
# together: start from zeros, optimise on the training set, predict on both sets, and return a dictionary with
# the keys `costs`, `Y_prediction_test`, `Y_prediction_train`, `w`, `b`, `learning_rate` and `num_iterations`.
# When `print_cost` is true, also print the train and test accuracy.

# %%
# GRADED: model

# %%
check(model)

# %% [markdown]
# Now train it on the pictures (about a second) and watch the cost fall. The accuracy of a prediction row is
# $100 - 100 \cdot \text{mean}\lvert \hat{Y} - Y \rvert$ percent. Below the curve: the first test pictures with
# the model's verdict, in red where it is wrong.

# %%
d = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=2000, learning_rate=0.005, print_cost=True)
plot_cost(d["costs"], title=f"learning rate {d['learning_rate']}")
plt.show()

verdicts = d["Y_prediction_test"][0, :16].astype(int)
show_images(
    test_set_x_orig[:16],
    [classes[v].decode() for v in verdicts],
    colors=["black" if v == y else "red" for v, y in zip(verdicts, test_set_y[0, :16], strict=True)],
)
plt.show()

# %% [markdown]
# The cost keeps decreasing, ever more slowly: more iterations would push the training accuracy further, but
# the test accuracy is what tells you whether the neuron learned something that carries over to new pictures.
# When the training accuracy is much higher than the test accuracy, the model is *overfitting*; Course 2 is
# about what to do then.
#
# ## 6. The learning rate
#
# The learning rate $\alpha$ sets the size of each step. Too small and training crawls; too large and the cost
# can oscillate or even grow. Three rates, the same number of steps:

# %%
runs = {
    f"α = {rate}": model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=1000, learning_rate=rate)
    for rate in (0.01, 0.001, 0.0001)
}
for label, run in runs.items():
    train_acc = 100 - np.mean(np.abs(run["Y_prediction_train"] - train_set_y)) * 100
    test_acc = 100 - np.mean(np.abs(run["Y_prediction_test"] - test_set_y)) * 100
    print(f"{label:12s} final cost {run['costs'][-1]:.4f}   train {train_acc:5.1f} %   test {test_acc:5.1f} %")
plot_costs({label: run["costs"] for label, run in runs.items()}, title="Cost for three learning rates")
plt.show()

# %% [markdown]
# There is no universally right rate: try a few spaced by factors of about 3 or 10, and keep the one that
# brings the cost down fastest without instability. A lower cost is not always better either, if it comes with
# overfitting.
#
# ## 7. Pictures it has never seen
#
# Time to try the classifier on photographs from elsewhere: an astronaut's portrait and a cup of coffee, both
# bundled with scikit-image. Each picture goes through the same steps as the training data: convert to grey
# (the training pictures are grey), resize to 64×64, flatten to a column, divide by 255. We also crop the
# astronaut's face, since the training faces are tight crops.
#
# The held-out test set has done its job of measuring the model, so here we train on all 200 pictures: more
# data for the final model. Try your own pictures too: any RGB array works.


# %%
def to_column(picture, box=None):
    """A photograph as the (12288, 1) column the model expects (grey, 64x64, scaled to [0, 1])."""
    image = Image.fromarray(picture)
    if box is not None:
        image = image.crop(box)  # (left, top, right, bottom)
    image = image.convert("L").convert("RGB").resize((num_px, num_px), Image.BICUBIC)
    return np.asarray(image).reshape(-1, 1) / 255.0


photos = sample_pictures()
inputs = {
    "astronaut": to_column(photos["astronaut"]),
    "astronaut's face": to_column(photos["astronaut"], box=(185, 60, 295, 170)),
    "coffee": to_column(photos["coffee"]),
}

# %%
X_all = np.hstack([train_set_x, test_set_x])
Y_all = np.hstack([train_set_y, test_set_y])
final = model(X_all, Y_all, X_all, Y_all, num_iterations=1000, learning_rate=0.005)
probabilities = {name: sigmoid(final["w"].T @ x + final["b"]).item() for name, x in inputs.items()}
show_images(
    np.stack([x.reshape(num_px, num_px, 3) for x in inputs.values()]),
    [f"{name}\nP(face) = {p:.2f}" for name, p in probabilities.items()],
    ncols=3,
    size=2.2,
)
plt.show()

# The weights as a picture: red pixels push towards "face" when bright, blue ones away from it.
weights = final["w"].reshape(num_px, num_px, 3)[:, :, 0]
fig, ax = plt.subplots(figsize=(3, 3))
ax.imshow(weights, cmap="RdBu_r", vmin=-np.abs(weights).max(), vmax=np.abs(weights).max())
ax.set_title("weights (one channel)")
ax.axis("off")
plt.show()

# %% [markdown]
# Judge the verdicts for yourself. A single neuron on raw pixels has no notion of eyes or a mouth: it computes
# one weighted sum of 12288 brightness values, and the picture of its weights above shows which pixels it
# cares about. The data decide what it can learn: if the non-face pictures differ from the faces mainly in
# overall brightness or texture, so will the classifier. Compare the average brightness of the two classes:

# %%
for label, name in enumerate(classes):
    print(f"{name.decode():9s} mean pixel value {X_all[:, Y_all[0] == label].mean():.3f}")

# %% [markdown]
# That is the honest lesson of this first model: it learned whatever separates *these* 200 pictures, which need
# not be what makes a face a face. More data, and networks with hidden layers that build features out of
# features (weeks 3 and 4), are the way forward.
#
# ## What you built
#
# * data as a matrix with one example per column, flattened correctly and scaled;
# * the forward pass, the cross-entropy cost and its gradients, checked by nudging;
# * gradient descent, predictions, and a model that glues them together;
# * a feeling for the learning rate, and for what a single neuron can and cannot learn.
