# %% [markdown]
# # Car detection with YOLO
#
# A classifier says *what* is in a picture. A detector says what and *where*, for every object at once: a list of
# boxes, each with a class and a score. YOLO ("you only look once") does it in one pass of a convolutional network.
# It lays an $S \times S$ grid over the image, and every cell makes $B$ guesses, one per **anchor box** (a typical
# shape: tall for a pedestrian, wide for a car). Each guess is a vector of $5 + C$ numbers:
#
# * $p_c$, how sure the network is that an object's midpoint lies in this cell (the **box confidence**);
# * $b_x, b_y, b_w, b_h$, the box: its midpoint and its size;
# * $C$ class probabilities, $P(\text{class} \mid \text{object})$.
#
# The original assignment's network (YOLOv2 trained on COCO) used a 19 × 19 grid, 5 anchors and 80 classes, so one
# image gave 19 × 19 × 5 = 1805 guesses of 85 numbers. Almost all of them are noise, and every real object is
# claimed by several neighbouring cells and anchors at once. This assignment is about the step that turns that
# heap into a short list worth drawing:
#
# 1. `yolo_filter_boxes`: drop the guesses whose best class score is too low;
# 2. `iou`: measure how much two boxes overlap;
# 3. `yolo_non_max_suppression`: among boxes that overlap a lot, keep only the most confident;
# 4. `yolo_eval`: the whole chain, from the network's raw output to boxes in pixels.
#
# **NumPy, not TensorFlow.** The original handed these steps to TensorFlow (`tf.boolean_mask`,
# `tf.image.non_max_suppression`). Nothing here needs gradients or a GPU: it is indexing, a few comparisons and a
# loop, so plain NumPy arrays keep every step in view, and you write non-max suppression yourself rather than call
# a library. The shapes and argument orders are the original's, so your code reads like theirs.
#
# After each function, `check(function_name)` runs it on the example shown and on hidden inputs: other grid sizes
# and thresholds, boxes that touch, identical boxes, tied scores. Stuck? `dlspec hint c4w3a1 <function>` in a
# terminal gives a ladder of hints, one at a time.

# %%
import matplotlib.pyplot as plt
import numpy as np

from dlspec.nn.yolo import scale_boxes, yolo_boxes_to_corners
from dlspec.notebook import checker

check = checker("c4w3a1")
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Filtering by class score
#
# A guess's score for class $c$ is the chance that there is an object *and* that it is of class $c$:
#
# $$\text{score}_c = p_c \times P(c \mid \text{object}).$$
#
# Each guess keeps only its best class, with that class's score; a guess whose best score is below `threshold` is
# dropped. The inputs come as grids, with one axis per cell row, cell column and anchor:
#
# * `boxes` (S, S, B, 4), the boxes' corners;
# * `box_confidence` (S, S, B, 1), $p_c$;
# * `box_class_probs` (S, S, B, C).
#
# Return three arrays for the guesses kept, in the grid's order: `scores` (n,), `boxes` (n, 4) and `classes`
# (n,), the class indices. A score exactly equal to the threshold is kept (`>=`).
#
# ### Exercise 1: `yolo_filter_boxes`
#
# Multiply to get the scores (broadcasting takes care of the last axis), take the best class and its score with
# `np.argmax` and `np.max` over the last axis, and index the three arrays with a boolean mask. A boolean mask of
# shape (S, S, B) picks whole boxes out of `boxes`, whose shape is (S, S, B, 4), and leaves (n, 4).

# %%
# GRADED: yolo_filter_boxes

# %%
check(yolo_filter_boxes)

# %% [markdown]
# The check's example draws its numbers from a normal distribution as the original did (so its "confidences" are
# not even between 0 and 1). How many of the 1805 guesses survive depends strongly on the threshold:

# %%
rng = np.random.RandomState(1)
example = [rng.normal(1, 4, size=(19, 19, 5, k)) for k in (4, 1, 80)]
for threshold in (0.5, 5, 20):
    scores, kept, classes = yolo_filter_boxes(*example, threshold)
    print(f"threshold {threshold:>4}: {len(scores):4d} boxes kept, best score {scores.max():.1f}, "
          f"first classes {classes[:5]}")

# %% [markdown]
# ## 2. Intersection over union
#
# To tell a duplicate from a neighbour, we need to know how much two boxes overlap, relative to their size:
#
# $$\text{IoU}(A, B) = \frac{\text{area}(A \cap B)}{\text{area}(A \cup B)}
#   = \frac{\text{area}(A \cap B)}{\text{area}(A) + \text{area}(B) - \text{area}(A \cap B)}.$$
#
# It is 1 for identical boxes and 0 for boxes that do not overlap, including boxes that only touch. Here a box is
# given by its corners `(x1, y1, x2, y2)`, top-left and bottom-right, with `x1 < x2` and `y1 < y2` (the image's
# y axis points down). The intersection of two boxes is again a box: its top-left corner is the larger of the two
# top-left corners, coordinate by coordinate, and its bottom-right the smaller of the two bottom-right corners. When
# the boxes do not overlap, that "box" has a negative width or height: clamp each at zero with `max(·, 0)`.
#
# ### Exercise 2: `iou`
#
# Return the IoU of `box1` and `box2` as a float.

# %%
# GRADED: iou

# %%
check(iou)

# %% [markdown]
# The clamp matters most for boxes apart on both axes: the unclamped width and height are then both negative, and
# their product is a positive "intersection" for two boxes that share nothing. Your function on a few pairs:

# %%
pairs = [
    ("overlapping", (2, 1, 4, 3), (1, 2, 3, 4)),
    ("apart diagonally", (1, 1, 2, 2), (2.5, 2.5, 4, 4)),
    ("touching at an edge", (1, 1, 3, 3), (3, 1, 4, 3)),
    ("one inside the other", (0.5, 0.5, 4, 4), (1.5, 1.5, 3, 3)),
]
fig, axes = plt.subplots(1, len(pairs), figsize=(13, 3.2))
for ax, (name, b1, b2) in zip(axes, pairs, strict=True):
    for box, colour in ((b1, "tab:blue"), (b2, "tab:orange")):
        ax.add_patch(plt.Rectangle(box[:2], box[2] - box[0], box[3] - box[1], fill=False, lw=2, color=colour))
    ax.set(xlim=(0, 4.5), ylim=(4.5, 0), aspect="equal", title=f"{name}\nIoU = {iou(b1, b2):.3f}")
plt.tight_layout()
plt.show()

# %% [markdown]
# IoU is symmetric in the two axes: swap x and y in both boxes and nothing changes. That is why your `iou`, written
# for `(x1, y1, x2, y2)`, also works on the `(y1, x1, y2, x2)` corners that YOLO's helpers below produce, as long as
# both boxes use the same order.
#
# ## 3. Non-max suppression
#
# After filtering, each object usually still carries several boxes, from neighbouring cells and anchors that all
# saw it. **Non-max suppression** (NMS) keeps the best of each group:
#
# 1. visit the boxes from the highest score to the lowest;
# 2. keep a box unless its IoU with a box already kept is **above** `iou_threshold` (it would be a duplicate of a
#    better box); an IoU exactly at the threshold does not suppress;
# 3. stop when `max_boxes` boxes are kept, or when no box is left.
#
# Return the kept boxes' `scores`, `boxes` and `classes`, best first.
#
# **One list for all classes.** The lectures describe NMS run separately for each class, so that a pedestrian's
# box cannot suppress the car behind it. The original assignment called `tf.image.non_max_suppression` once on all
# boxes, whatever their class, and so does this one: a box suppresses any box it overlaps too much. (Section 5 shows
# where that matters.)
#
# ### Exercise 3: `yolo_non_max_suppression`
#
# Write the loop yourself with your `iou`; `np.argsort(-scores)` gives the indices from the best score down. When
# two boxes have the same score, either may go first.

# %%
# GRADED: yolo_non_max_suppression

# %%
check(yolo_non_max_suppression)

# %% [markdown]
# ## 4. The whole chain: `yolo_eval`
#
# The network does not output corners: for each guess it gives a midpoint `box_xy` and a size `box_wh`, both as
# fractions of the image. Two helpers, given, bring them to what your functions expect:
#
# * `yolo_boxes_to_corners(box_xy, box_wh)` gives corners `(y1, x1, y2, x2)`, the order TensorFlow's image
#   functions use (and the original kept);
# * `scale_boxes(boxes, image_shape)` multiplies those fractions by the image's `(height, width)` to get pixels.
#
# ### Exercise 4: `yolo_eval`
#
# `yolo_outputs` is the tuple `(box_xy, box_wh, box_confidence, box_class_probs)`, shaped (S, S, B, 2),
# (S, S, B, 2), (S, S, B, 1) and (S, S, B, C). Convert to corners, filter with `score_threshold`, scale to
# `image_shape`, and run non-max suppression with `max_boxes` and `iou_threshold`. Return what NMS returns.

# %%
# GRADED: yolo_eval

# %%
check(yolo_eval)

# %% [markdown]
# ## 5. Your functions on a trained detector
#
# To see the chain at work we need a network's output. The original ran a YOLOv2 trained on COCO photographs;
# here a small detector of the same design was trained on the road scenes of `dlspec.data.roads` (drawn by seeded
# code: sky, buildings, a road in perspective, and cars, buses, trucks and pedestrians hiding one another). Its
# weights ship with dlspec; `python -m dlspec.data.train_detector` is the script that trained them.
#
# * It looks at a 96 × 128 image and answers on a grid of 12 × 16 cells, 8 pixels on a side, with $B = 5$ anchors
#   per cell and $C = 4$ classes: 12 × 16 × 5 = 960 guesses of 9 numbers.
# * Its anchors are not made up: they are the five cluster centres of k-means run on the widths and heights of the
#   training boxes, with $1 - \text{IoU}$ as the distance (as YOLOv2 chose its own). Tall thin ones for people,
#   squarer ones for cars seen from behind, big ones for near buses and trucks.
# * For each anchor the network outputs raw numbers $(t_x, t_y, t_w, t_h, t_o)$ and four class scores. `yolo_head`
#   decodes them as YOLOv2 does: for the cell in column $c_x$ and row $c_y$, with an anchor of size
#   $(p_w, p_h)$ cells,
#
# $$b_x = \frac{c_x + \sigma(t_x)}{16}, \quad b_y = \frac{c_y + \sigma(t_y)}{12}, \quad
#   b_w = \frac{p_w e^{t_w}}{16}, \quad b_h = \frac{p_h e^{t_h}}{12}, \quad p_c = \sigma(t_o),$$
#
#   and a softmax over the class scores. The sigmoid keeps a midpoint inside its own cell; the exponential keeps a
#   size positive. Out come exactly the four arrays your `yolo_eval` takes, as fractions of the image.
#
# The scenes below are from the test set: the detector never saw them while it learnt.

# %%
from dlspec.data import roads
from dlspec.data.pretrained import yolo_roads
from dlspec.data.train_detector import difficult
from dlspec.nn.detection_map import mean_average_precision
from dlspec.nn.yolo_net import detect
from dlspec.notebook import quick

CLASSES = ["car", "bus", "truck", "pedestrian"]  # the detector's classes, in its order
COLOURS = ["tab:red", "tab:blue", "tab:orange", "tab:green"]
IMAGE_SHAPE = (96, 128)  # (height, width) in pixels

detector = yolo_roads()
test = roads.scenes(quick(roads.N_TEST, 6), roads.SEED_TEST)
outputs = detect(detector, test.images)  # one (box_xy, box_wh, box_confidence, box_class_probs) per scene
print("anchors (width x height, in cells):", ", ".join(f"{w:.1f} x {h:.1f}" for w, h in detector.anchors))
print("one scene's output:", [a.shape for a in outputs[0]])


# %%
def truth_of(scene_boxes):
    """A scene's true boxes, (class, x1, y1, x2, y2) in pixels with the classes of roads.CLASSES, as yolo_eval
    returns boxes: corners (y1, x1, y2, x2) and the detector's class indices."""
    names = [roads.CLASSES[c] for c in scene_boxes[:, 0]]
    return scene_boxes[:, [2, 1, 4, 3]].astype(float), np.array([CLASSES.index(n) for n in names], dtype=int)


def show_boxes(ax, image, scores, boxes, classes, title, labels=True):
    """Boxes in pixels, (y1, x1, y2, x2), over the image, each in its class's colour, with its class and score
    if ``labels`` (no score if ``scores`` is None: the truth)."""
    ax.imshow(image)
    for k, ((y1, x1, y2, x2), c) in enumerate(zip(boxes, classes, strict=True)):
        ax.add_patch(plt.Rectangle((x1 - 0.5, y1 - 0.5), x2 - x1, y2 - y1, fill=False, lw=1.5, color=COLOURS[c]))
        if labels:
            text = CLASSES[c] if scores is None else f"{CLASSES[c]} {scores[k]:.2f}"
            # a box may reach past the image's edge; its label stays inside
            ax.text(max(x1 - 0.5, 0), max(y1 - 0.5, 6), text, fontsize=6, color="white", va="bottom",
                    bbox={"facecolor": COLOURS[c], "pad": 0.5, "lw": 0})
    ax.set_title(title, fontsize=9)
    ax.axis("off")


# %% [markdown]
# Each pair: the scene's true boxes on the left, what your `yolo_eval` makes of the detector's output on the right
# (score threshold 0.5, IoU threshold 0.5). (A box's corners are pixel edges, hence the half-pixel shift when
# drawing: `imshow` puts pixel centres at whole numbers.)

# %%
shown = range(min(len(test.images), 6))
fig, axes = plt.subplots(len(shown) // 2, 4, figsize=(16, 1.65 * len(shown)))
for i, (ax_truth, ax_found) in zip(shown, axes.reshape(-1, 2), strict=True):
    boxes, classes = truth_of(test.boxes[i])
    show_boxes(ax_truth, test.images[i], None, boxes, classes, f"test scene {i}: {len(boxes)} true boxes")
    found = yolo_eval(outputs[i], IMAGE_SHAPE, max_boxes=10, score_threshold=0.5, iou_threshold=0.5)
    show_boxes(ax_found, test.images[i], *found, f"your yolo_eval: {len(found[0])} boxes")
plt.tight_layout()
plt.show()

# %% [markdown]
# The objects in clear view are found, with the right class and a box that hugs them. Most misses are the ones you
# would expect of a small network: far cars a few pixels wide, and objects mostly hidden behind nearer ones, of
# which a sliver shows. Not all: the grey truck in the middle of scene 3 is in plain view and goes unseen.
#
# ### The score threshold and non-max suppression
#
# A busy scene, in four stages: every guess whose score reaches a low bar of 0.05, those your `yolo_filter_boxes`
# keeps at 0.3 and at 0.6, and what your `yolo_eval` returns after non-max suppression at 0.3.

# %%
scene = 3
corners = scale_boxes(yolo_boxes_to_corners(*outputs[scene][:2]), IMAGE_SHAPE)
fig, axes = plt.subplots(1, 4, figsize=(17, 3.4))
for ax, threshold in zip(axes[:3], (0.05, 0.3, 0.6), strict=True):
    scores, boxes, classes = yolo_filter_boxes(corners, outputs[scene][2], outputs[scene][3], threshold)
    show_boxes(ax, test.images[scene], scores, boxes, classes, f"score ≥ {threshold}: {len(scores)} boxes",
               labels=False)
final = yolo_eval(outputs[scene], IMAGE_SHAPE, max_boxes=10, score_threshold=0.3, iou_threshold=0.5)
show_boxes(axes[3], test.images[scene], *final, f"score ≥ 0.3, then NMS: {len(final[0])} boxes")
plt.tight_layout()
plt.show()

# %% [markdown]
# At a low bar every object carries a cluster of boxes, from its own cell's anchors and its neighbours'; a higher
# bar thins the clusters but never to one box each, and it starts to lose the objects the network is less sure of.
# Non-max suppression is what reduces each cluster to its best box, so the score threshold can stay low enough to
# keep the faint objects.
#
# How many boxes are left over all the test scenes shown, at each threshold, before and after non-max suppression:

# %%
for threshold in (0.05, 0.3, 0.6):
    before = sum(len(yolo_filter_boxes(scale_boxes(yolo_boxes_to_corners(*out[:2]), IMAGE_SHAPE), out[2], out[3],
                                       threshold)[0]) for out in outputs)  # fmt: skip
    after = sum(len(yolo_eval(out, IMAGE_SHAPE, 20, threshold, 0.5)[0]) for out in outputs)
    true_boxes = sum(len(b) for b in test.boxes)
    print(f"score ≥ {threshold}: {before:4d} boxes before NMS, {after:3d} after ({true_boxes} true boxes)")

# %% [markdown]
# ### How good is the detector? Mean average precision
#
# Detectors are compared by **mean average precision** (mAP). For one class, rank all its detections over all the
# test scenes by score. Walking down the list, a detection is a hit if it overlaps a true box of its class by an
# IoU above 0.5 that no better detection claimed; otherwise it is a false alarm. After each detection, *precision*
# is the share of hits so far and *recall* the share of true boxes found so far. The **average precision** is the
# area under that precision-recall curve (PASCAL VOC's rule: at each recall, the best precision reached at that
# recall or beyond). The mean over the classes is the mAP. Objects under 4 pixels on a side, or less than 30%
# visible, are "difficult": finding one is not rewarded and missing one is not punished.
#
# Your `yolo_eval` makes the detections, with a low score threshold so that the curve runs its whole length:

# %%
detections = [yolo_eval(out, IMAGE_SHAPE, max_boxes=20, score_threshold=0.05, iou_threshold=0.5) for out in outputs]
truth = [(*truth_of(b), difficult(b, visible)) for b, visible in zip(test.boxes, test.visible, strict=True)]
aps, mean_ap = mean_average_precision(detections, truth, len(CLASSES))
print(f"mAP at IoU 0.5 on {len(outputs)} test scenes: {mean_ap:.3f}")
for name, ap in zip(CLASSES, aps, strict=True):
    print(f"  {name:>10}: AP {ap:.3f}")

# %% [markdown]
# ### Non-max suppression across classes
#
# The lectures describe NMS run separately for each class, so that a pedestrian's box cannot suppress the car
# behind it. The original assignment called `tf.image.non_max_suppression` once on all boxes, whatever their class,
# and so does yours: a box suppresses any box it overlaps too much. On road scenes that matters, because people
# cross in front of cars. Your function does the per-class version too, called once for each class:


# %%
def per_class_nms(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    """Your NMS run on each class's boxes alone; the survivors merged, best first, and cut at max_boxes."""
    if len(scores) == 0:
        return scores, boxes, classes
    picked = [yolo_non_max_suppression(scores[classes == c], boxes[classes == c], classes[classes == c], max_boxes,
                                       iou_threshold) for c in np.unique(classes)]
    scores, boxes, classes = (np.concatenate(part) for part in zip(*picked, strict=True))
    best = np.argsort(-scores, kind="stable")[:max_boxes]
    return scores[best], boxes[best], classes[best]


for iou_threshold in (0.5, 0.3):
    per_class = []
    for out in outputs:
        kept = yolo_filter_boxes(scale_boxes(yolo_boxes_to_corners(*out[:2]), IMAGE_SHAPE), out[2], out[3], 0.05)
        per_class.append(per_class_nms(*kept, 20, iou_threshold))
    one_list = [yolo_eval(out, IMAGE_SHAPE, 20, 0.05, iou_threshold) for out in outputs]
    print(f"iou_threshold {iou_threshold}: mAP {mean_average_precision(one_list, truth, len(CLASSES))[1]:.3f} "
          f"with one NMS for all classes, {mean_average_precision(per_class, truth, len(CLASSES))[1]:.3f} per class")

# %% [markdown]
# At 0.5 per class gains a little. A lower IoU threshold suppresses more, and with one list for all classes it
# cannot tell a duplicate from a different object that happens to overlap, such as a person in front of a car or a
# car beside a truck: the mAP drops. Run once per class, the threshold only has to separate duplicates from neighbours
# of the same class, and the mAP holds.
#
# ## Summary
#
# * A YOLO network outputs $S \times S \times B$ guesses of $5 + C$ numbers; most are noise and every object is
#   claimed several times.
# * Filtering keeps guesses whose best class score $p_c \cdot P(c \mid \text{object})$ reaches a threshold.
# * IoU measures overlap relative to size, clamped so that boxes apart score 0.
# * Non-max suppression keeps the best box of each cluster of overlapping boxes, up to `max_boxes`.
# * A YOLOv2 network's raw numbers become boxes through its anchors (k-means clusters of the training boxes'
#   shapes): a sigmoid keeps each midpoint in its cell, an exponential scales the anchor. Mean average precision
#   scores the whole chain, network and post-processing, against the true boxes.
# * `yolo_eval` chains them: corners, filter, scale to pixels, NMS. When you are done, `dlspec submit c4w3a1` in a
#   terminal grades the notebook as a whole.

# %% [markdown]
# ## 6. Your functions on a real detector: faces
#
# The grids above came from a small detector trained on drawn scenes. Your four functions never ask where a grid
# comes from, so they can post-process a network trained on real photographs just as well: the **tiny face
# detector** of face-api (an open-source JavaScript face library, MIT licence), a TinyYOLOv2 trained to find faces.
# dlspec converted its weights once into a PyTorch module (`python -m dlspec.data.convert_faceapi`) and checked that
# it computes what the original does.
#
# It looks at a 416 × 416 picture and answers with a 13 × 13 grid, 5 anchors per cell and one class, "face". Each
# guess is five raw numbers $(t_x, t_y, t_w, t_h, t_o)$, which become the four arrays your `yolo_eval` unpacks the
# way YOLOv2 decodes them, for the cell in column $c_x$ and row $c_y$ and an anchor of $p_w \times p_h$ cells:
#
# $$b_x = \frac{c_x + \sigma(t_x)}{13}, \quad b_y = \frac{c_y + \sigma(t_y)}{13}, \quad
#   b_w = \frac{p_w e^{t_w}}{13}, \quad b_h = \frac{p_h e^{t_h}}{13}, \quad p_c = \sigma(t_o).$$
#
# With a single class, $P(\text{face} \mid \text{object}) = 1$ and a box's score is its confidence. A picture that
# is not square is padded with black at the bottom and right first, so `image_shape` is `(side, side)` with the
# longer side, and the boxes land on the picture itself.
#
# Three pictures: the astronaut Eileen Collins (NASA) and the computer scientist Grace Hopper (US Navy), both public
# domain and shipped with scikit-image and matplotlib, and a wall of six face crops from the office-door database
# that Course 4's face-recognition assignment uses.

# %%
from matplotlib import cbook
from PIL import Image
from skimage import data as skimage_data

from dlspec.data.faceapi import face_detector_outputs
from dlspec.data.office import load_office
from dlspec.nn.yolo import scale_boxes, yolo_boxes_to_corners

with cbook.get_sample_data("grace_hopper.jpg") as f:
    hopper = np.asarray(Image.open(f).convert("RGB"))
office = load_office()
wall = np.full((330, 490, 3), 235, dtype=np.uint8)  # two rows of three crops, 10 pixels apart
for k, face in enumerate(office.images[office.variants == "photo"]):
    top, left = 10 + 160 * (k // 3), 10 + 160 * (k % 3)
    wall[top : top + 150, left : left + 150] = face
pictures = {"Eileen Collins": skimage_data.astronaut(), "Grace Hopper": hopper, "a wall of six faces": wall}

fig, axes = plt.subplots(1, 3, figsize=(16, 5.2))
for ax, (title, picture) in zip(axes, pictures.items(), strict=True):
    face_outputs, face_shape = face_detector_outputs(picture)
    face_corners = scale_boxes(yolo_boxes_to_corners(*face_outputs[:2]), face_shape)
    loose = yolo_filter_boxes(face_corners, face_outputs[2], face_outputs[3], 0.1)
    found = yolo_eval(face_outputs, face_shape, max_boxes=10, score_threshold=0.5, iou_threshold=0.4)
    ax.imshow(picture)
    for y1, x1, y2, x2 in loose[1]:  # every guess scoring at least 0.1, thin and dashed
        ax.add_patch(plt.Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, lw=0.8, ls="--", color="white"))
    for (y1, x1, y2, x2), s in zip(found[1], found[0], strict=True):
        ax.add_patch(plt.Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, lw=2, color="tab:orange"))
        ax.text(x1, y1, f"face {s:.2f}", fontsize=8, color="white", va="bottom",
                bbox={"facecolor": "tab:orange", "pad": 1, "lw": 0})
    ax.set_title(f"{title}\n{len(loose[0])} guess(es) scoring ≥ 0.1, {len(found[0])} kept by your yolo_eval",
                 fontsize=10)
    ax.axis("off")
plt.tight_layout()
plt.show()

# %% [markdown]
# face-api's detector is far more decided than the road detector: on a portrait a single anchor of a single cell
# claims the face, and everything else scores almost nothing. On the wall, though, a few faces are claimed twice, by
# neighbouring cells or anchors, and your non-max suppression keeps one box each (face-api itself uses an IoU
# threshold of 0.4 and a score threshold of 0.5, as here). The thresholds still matter, in both directions:

# %%
face_outputs, face_shape = face_detector_outputs(wall)
for score_threshold in (0.3, 0.5, 0.8, 0.95):
    found = yolo_eval(face_outputs, face_shape, 10, score_threshold, 0.4)
    print(f"score_threshold {score_threshold}: {len(found[0])} faces, scores", np.round(found[0], 2))

# %% [markdown]
# Raise the score threshold too far and real faces go missing: a face seen from below or lit from one side gets a
# lower score than a frontal one. That is the trade every detector's user makes, fewer false alarms against more
# missed objects, and the reason the original assignment let you choose `score_threshold`.
