# %% [markdown]
# # Deep neural network for image classification: application
#
# Last assignment you built every piece of a deep network: initialisation, the forward pass with its caches, the
# cross-entropy cost, the backward pass and the update. Here you put the pieces to work on pictures. You will
# train two classifiers that answer one question about a 64×64 image, *is this a face?*, and compare them:
#
# * a **2-layer** network, LINEAR → RELU → LINEAR → SIGMOID;
# * an **L-layer** network, [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID, here with four layers.
#
# Each graded function is short: it wires the blocks together into a training loop. The lesson is in what
# happens around it: preparing images for a network, why a deeper network needs a different initialisation,
# reading a cost curve, judging a model on pictures it has never seen, and its failures.
#
# Run the `check(...)` cell after each graded function; `check.hint(name)` gives the next hint of a ladder.

# %%
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

from dlspec.data.faces import load_faces, sample_pictures

# Several of these are called only by the graded functions you write below.
from dlspec.nn.deep import (  # noqa: F401
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    update_parameters,
)
from dlspec.nn.deep_app import initialize_parameters_deep_scaled, predict
from dlspec.notebook import checker
from dlspec.viz.images import mislabelled_images, show_images

check = checker("c1w4a2")

# %% [markdown]
# The blocks above are the reference versions of what you wrote in the previous assignment (`dlspec.nn.deep` is
# the library you built), plus two small helpers: `initialize_parameters_deep_scaled`, explained in section 4,
# and `predict(X, parameters)`, which runs the forward pass and returns 1 where the network's output exceeds 0.5.
#
# ## 1. The pictures
#
# The data set holds 200 grey photographs, 64×64 pixels stored as RGB (the three channels are equal): 100 tight
# crops of faces from *Labeled Faces in the Wild* and 100 patches of other scenes, all shipped with scikit-image.
# It plays the part that cats played in the original course, with the same shapes: each image is
# `(64, 64, 3)`, so 12 288 numbers. 150 pictures are for training and 50, half of them faces, for testing.

# %%
train_x_orig, train_y, test_x_orig, test_y, classes = load_faces()

print("train_x_orig", train_x_orig.shape, train_x_orig.dtype, " train_y", train_y.shape)
print("test_x_orig ", test_x_orig.shape, test_x_orig.dtype, " test_y ", test_y.shape)
print("classes", classes, " faces in train:", int(train_y.sum()), " in test:", int(test_y.sum()))

# %%
first = train_x_orig[:12]
grid = show_images(first, [classes[y].decode() for y in train_y[0, :12]])
plt.show()

# %% [markdown]
# ## 2. From pictures to columns
#
# A dense network reads one vector per example, and the course's convention stacks examples as **columns**. So
# each `(64, 64, 3)` picture is flattened into 12 288 numbers, and the `m` pictures form a matrix of shape
# `(12288, m)`. `reshape(m, -1)` flattens each picture into a row (NumPy works out the 12 288), and `.T` turns the
# rows into columns.
#
# Pixels are then divided by 255 so that every input lies in $[0, 1]$. With inputs in the hundreds, the first
# layer's pre-activations $W^{[1]}x$ would start hundreds of times larger, and the sigmoid at the end would
# saturate before learning anything.

# %%
train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255
test_x = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255

print("train_x", train_x.shape, " min", train_x.min(), " max", train_x.max())
print("test_x ", test_x.shape)

# %% [markdown]
# ## 3. A two-layer network
#
# $$x \;\xrightarrow{\;W^{[1]}x + b^{[1]}\;}\; \text{ReLU} \;\xrightarrow{\;W^{[2]}a^{[1]} + b^{[2]}\;}\;
#   \sigma \;\rightarrow\; \hat y = P(\text{face} \mid x)$$
#
# With `layers_dims = (n_x, n_h, n_y) = (12288, 7, 1)`: $W^{[1]}$ is `(7, 12288)`, $b^{[1]}$ `(7, 1)`,
# $W^{[2]}$ `(1, 7)`, $b^{[2]}$ `(1, 1)`; for `m` examples $A^{[1]}$ is `(7, m)` and $A^{[2]}$ is `(1, m)`.
#
# Training is batch gradient descent on the cross-entropy cost
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Bigl( y^{(i)} \log a^{[2](i)} + (1 - y^{(i)}) \log\bigl(1 - a^{[2](i)}\bigr)
#   \Bigr),$$
#
# one step per iteration: forward pass, cost, backward pass, update. The backward pass starts from
# $dA^{[2]} = \partial J / \partial A^{[2]}$ (per example, without the $1/m$, which `linear_backward` applies);
# work it out from $J$ or look at how `L_model_backward` began it.
#
# **Exercise:** write `two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost)` with the
# blocks imported above (the two-layer forms: `initialize_parameters`, `linear_activation_forward`,
# `linear_activation_backward`, `compute_cost`, `update_parameters`). Two rules make runs comparable, with each
# other and with the original course:
#
# * call `np.random.seed(1)` just before initialising;
# * `costs` records the cost at iterations 0, 100, 200, ... only; with `print_cost`, also print it then (and at
#   the last iteration, so you see where training ended).

# %%
# GRADED: two_layer_model

# %%
check(two_layer_model)

# %% [markdown]
# Now train it on the 150 training pictures. The original trained for 2 500 iterations; 1 000 are enough here and
# keep the run to seconds. Watch the cost fall.

# %%
n_x, n_h, n_y = 12288, 7, 1
parameters_2, costs_2 = two_layer_model(train_x, train_y, (n_x, n_h, n_y), num_iterations=1000, print_cost=True)


# %%
def plot_costs(curves: dict, learning_rate: float = 0.0075) -> None:
    """Cost against iteration for each named list of costs (one entry per 100 iterations)."""
    for label, costs in curves.items():
        plt.plot(np.arange(len(costs)) * 100, costs, marker="o", label=label)
    plt.xlabel("iteration")
    plt.ylabel("cost")
    plt.title(f"cross-entropy cost, learning rate {learning_rate}")
    plt.legend()
    plt.show()


plot_costs({"2-layer": costs_2})


# %% [markdown]
# A cost that falls steadily, fast at first and then slower, is what batch gradient descent on a smooth cost
# looks like with a sensible learning rate. Too large a rate makes it jump up and down; too small, it creeps.
#
# The cost is measured on the data the network trains on, so it says nothing yet about new pictures. Accuracy on
# both sets does:


# %%
def accuracy(X: np.ndarray, Y: np.ndarray, parameters: dict) -> float:
    """Share of the columns of X whose predicted label equals Y."""
    return float(np.mean(predict(X, parameters) == Y))


print(f"2-layer  train accuracy {accuracy(train_x, train_y, parameters_2):.1%}")
print(f"2-layer  test accuracy  {accuracy(test_x, test_y, parameters_2):.1%}")

# %% [markdown]
# ## 4. Going deeper, and why the weights must grow up
#
# The second model has four layers, `layers_dims = [12288, 20, 7, 5, 1]`. Before training it, look at what the
# initialisation of last week does to it. `initialize_parameters_deep` draws weights as `randn * 0.01`. A unit
# with $n$ inputs sums $n$ products, so the spread of its pre-activation is roughly
# $\sqrt{n} \times 0.01 \times$ (the spread of its inputs). For the first layer $\sqrt{12288} \times 0.01 \approx 1.1$;
# for the next, $\sqrt{20} \times 0.01 \approx 0.045$: each layer then *shrinks* the signal twenty-fold or more,
# the output sits at 0.5 for every picture, and the gradients reaching the first layer are vanishingly small.
#
# Dividing each $W^{[l]}$ by $\sqrt{n^{[l-1]}}$ instead keeps the spread near 1 at every depth. This is what
# `initialize_parameters_deep_scaled` does (the original course's application notebook did the same, inside a
# helper that kept the old name). In Course 2 you will meet its relative for ReLU networks, He initialisation,
# which uses $\sqrt{2 / n^{[l-1]}}$.
#
# See for yourself: one forward and one backward pass with each initialisation.

# %%
layers_dims = [12288, 20, 7, 5, 1]

for name, initialize in [
    ("randn * 0.01", initialize_parameters_deep),
    ("randn / sqrt(n)", initialize_parameters_deep_scaled),
]:
    np.random.seed(1)
    params = initialize(layers_dims)
    AL, caches = L_model_forward(train_x, params)
    grads = L_model_backward(AL, train_y, caches)
    spreads = [float(np.std(cache[0][0])) for cache in caches[1:]] + [float(np.std(AL))]
    print(f"{name:>16}: spread of each layer's output " + ", ".join(f"{s:.1e}" for s in spreads))
    print(f"{'':>16}  mean |dW1| {np.abs(grads['dW1']).mean():.1e}, cost {compute_cost(AL, train_y):.6f}")

# %% [markdown]
# With `* 0.01` the signal has all but vanished by the output, every prediction is 0.5 (cost $\log 2 \approx
# 0.693$) and the first layer's gradients are tens of thousands of times smaller than with the scaled weights. At a
# learning rate of 0.0075 such a network stays at 0.693 for thousands of iterations. (Once your `L_layer_model`
# passes, try it: swap the initialiser, train for 500 iterations and look at the costs.)
#
# ## 5. An L-layer network
#
# **Exercise:** write `L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost)`. It is the same
# training loop, but the whole forward pass is `L_model_forward`, the whole backward pass `L_model_backward`, and
# it works for any number of layers. Same rules: `np.random.seed(1)` just before initialising, with
# `initialize_parameters_deep_scaled`; `costs` at iterations 0, 100, 200, ...

# %%
# GRADED: L_layer_model

# %%
check(L_layer_model)

# %%
parameters_L, costs_L = L_layer_model(train_x, train_y, layers_dims, num_iterations=1000, print_cost=True)

# %%
plot_costs({"2-layer": costs_2, "4-layer": costs_L})

print(f"{'':8} {'train':>8} {'test':>8}")
for label, params in [("2-layer", parameters_2), ("4-layer", parameters_L)]:
    print(f"{label:8} {accuracy(train_x, train_y, params):8.1%} {accuracy(test_x, test_y, params):8.1%}")

# %% [markdown]
# ## 6. Comparing the two
#
# On the original cat pictures, the deeper network won clearly (about 80% test accuracy against 72%). On these
# faces both models do very well, and you should be careful about reading much into the gap between them:
#
# * **The test set is small.** With 50 pictures, one mistake moves the accuracy by 2 points. A difference of one
#   or two pictures is within the luck of which pictures were held out.
# * **The task is easier than cats.** Every face is a tight, centred, upright crop: eyes, nose and mouth fall on
#   nearly the same pixels in every picture, which suits a network that looks at fixed pixel positions. Cats came
#   in every pose, size and place in the frame.
#   And the non-faces are mostly plain, dark or evenly lit patches (look at the grid in section 1), so "is there
#   textured, mid-grey detail?" already separates most of the pictures.
# * **Both models fit the training set almost perfectly.** Training accuracy near 100% tells you the model
#   *can* separate the pictures it saw, nothing more. The test set is the only honest judge here.
#
# Read the two cost curves too. The 4-layer model's cost drops faster in the first hundred iterations, then more
# slowly, and at this learning rate ends above the 2-layer model's. A lower training cost is not the goal; the
# test accuracy is. The 4-layer model also has about three times the parameters (246 000 against 86 000, almost
# all in the first layer's 12 288 × 20 weights). Depth pays off when the task needs features built from
# features; Course 4 shows networks designed for pictures, which share weights across positions instead of
# learning one weight per pixel.
#
# ## 7. The pictures it gets wrong
#
# Looking at the mistakes is the quickest way to learn what a model has really learned.

# %%
wrong = mislabelled_images(test_x_orig, test_y, predict(test_x, parameters_L), classes)
plt.show()

# %% [markdown]
# If the gallery is short (or empty), that is the small, easy test set again. The next section finds the model's
# limits another way: by showing it pictures unlike any it was trained on.
#
# ## 8. Your own pictures
#
# A photograph has to look like the training data before the network can read it: grey (the training pictures
# are), square, 64×64, flattened into a column and scaled to $[0, 1]$. `to_input` does that, after cropping to a
# box if you give one. scikit-image ships two photographs: an astronaut (a face, but with shoulders, a flag and a
# background) and a cup of coffee (not a face).


# %%
def to_input(picture: np.ndarray, box: tuple | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A photograph as the network's input: grey, optionally cropped to box = (left, top, right, bottom),
    resized to 64x64, three equal channels. Returns the (64, 64, 3) image and its (12288, 1) column in [0, 1]."""
    image = Image.fromarray(picture).convert("L")
    if box is not None:
        image = image.crop(box)
    small = np.asarray(image.resize((64, 64), Image.BICUBIC))
    rgb = np.repeat(small[..., None], 3, axis=-1)
    return rgb, rgb.reshape(-1, 1) / 255


pictures = sample_pictures()
tries = {
    "astronaut, whole": to_input(pictures["astronaut"]),
    "astronaut, face only": to_input(pictures["astronaut"], box=(180, 60, 290, 180)),
    "coffee": to_input(pictures["coffee"]),
}
titles = []
for name, (_, column) in tries.items():
    p_face = float(L_model_forward(column, parameters_L)[0][0, 0])
    titles.append(f"{name}\nP(face) = {p_face:.2f}")
own = show_images(np.stack([image for image, _ in tries.values()]), titles, size=2.6)
plt.show()

# %% [markdown]
# Look at the three probabilities before reading on. The tight crop of the astronaut's face resembles the
# training faces, and the network should be confident about it. The whole photograph and the coffee cup are
# nothing like either class it was shown, yet it must answer "face" or "not a face", and nothing stops it
# answering with confidence. Remember what the non-faces looked like: plain patches. A network that learned
# "textured detail means face" calls almost any photograph a face. A classifier knows only the world of its
# training set; when the pictures it meets in use differ from that world (framing, lighting, colour, subject),
# its test accuracy no longer describes it. Course 3 calls this a mismatch between the training and the real
# distribution, and treats it at length.
#
# To try a photograph of your own, put it next to this notebook and run
# `to_input(np.asarray(Image.open("my_photo.jpg").convert("RGB")))`, cropping to the face with `box=` for a fair
# test.
#
# ## What you did
#
# * flattened and scaled images into the `(n_x, m)` matrix a dense network reads;
# * assembled last week's blocks into two complete training loops;
# * saw why a deep network needs its initial weights scaled to each layer's fan-in;
# * compared models on held-out data, and learned to distrust small gaps on small test sets;
# * met the limit of any classifier: pictures unlike its training data.
