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
# # Face recognition
#
# An office door with a camera. Two questions can be asked of the face in front of it:
#
# * **verification** (one to one): the visitor swipes a badge that says "Ana"; is this Ana?
# * **recognition** (one to many): nobody says anything; who of the people the office knows is this, if anyone?
#
# A classifier with one output per employee would need many pictures of each, and retraining whenever someone is
# hired. Instead, a network learns to turn a face into an **encoding**, a vector of 128 numbers, such that two
# pictures of one person give nearby vectors and pictures of two people give distant ones. Then one photograph per
# person is enough (*one-shot learning*): store its encoding, and compare the encoding of whoever stands at the
# door with it. A new employee needs a photograph, not a new network.
#
# The network learns this from **triplets**: an *anchor* picture, a *positive* (the same person in another
# picture) and a *negative* (someone else). Its loss pulls the anchor towards the positive and pushes it away from
# the negative. You will:
#
# 1. write `triplet_loss` in PyTorch and train a small encoder with it on made-up people, watching the distances
#    of same and different people move apart;
# 2. meet a real encoder: dlib's face ResNet as the `face-api` JavaScript library ships it, converted to PyTorch,
#    and pick its threshold from the distances of real photographs;
# 3. write `verify` and `who_is_it`, the door's two questions.
#
# **Compared with the original.** The original used a Keras FaceNet and the threshold 0.7 that suited it. Here the
# loss is PyTorch (so that it trains a PyTorch model), the door functions are NumPy on the encodings, the names and
# argument orders are the original's, and the threshold `THRESHOLD` is read off real photographs in section 4:
# every encoder has its own scale of distances. A person in the database may have **several** photographs (one
# encoding per row); the distance to that person is the distance to their nearest photograph. Stuck? `dlspec hint
# c4w4a1 <name>`.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.data.faceapi import load_face_encoder
from dlspec.data.identities import load_identities
from dlspec.data.office import load_office
from dlspec.nn.facerec import THRESHOLD, equal_error_threshold, img_to_encoding, pair_distances
from dlspec.notebook import checker, quick

check = checker("c4w4a1")
torch.set_num_threads(2)
_ = torch.manual_seed(0)

# %% [markdown]
# ## 1. The triplet loss
#
# Write $f(x)$ for the encoding of picture $x$ and $\|u - v\|^2$ for the squared L2 distance, the sum of squared
# differences. For a triplet (anchor $A$, positive $P$, negative $N$) we want
#
# $$\|f(A) - f(P)\|^2 + \alpha \le \|f(A) - f(N)\|^2,$$
#
# the positive nearer than the negative by at least a **margin** $\alpha$. Without the margin, an encoder that
# maps every face to the same vector would satisfy it with equality. The loss of one triplet is how far it misses:
#
# $$\mathcal{L}(A, P, N) = \max\big(\|f(A) - f(P)\|^2 - \|f(A) - f(N)\|^2 + \alpha,\ 0\big),$$
#
# zero once the triplet is good enough, so good triplets stop pulling. The loss of a batch is the **sum** over its
# $m$ triplets (the original's, kept).
#
# `y_pred` holds three tensors `(anchor, positive, negative)`, each `(m, 128)`: one encoding per row. `y_true` is
# not used (Keras losses took it; the signature is the original's). Steps:
#
# 1. `pos_dist`: squared distances anchor to positive, summed over the **last** axis, `(m,)`;
# 2. `neg_dist`: the same for anchor to negative;
# 3. `basic_loss = pos_dist - neg_dist + alpha`;
# 4. the loss: `max(basic_loss, 0)` per triplet, summed over the batch.
#
# Useful: `torch.sum(..., dim=-1)`, `torch.square`, `torch.clamp(x, min=0.0)` (or `torch.relu`). Stay in PyTorch:
# the loss must lead back to the encodings so that `backward()` can train the encoder.

# %%
# GRADED: triplet_loss

# %%
check(triplet_loss)

# %%
anchor = torch.tensor([[1.0, 0.0], [0.0, 1.0]], requires_grad=True)
positive = torch.tensor([[0.9, 0.1], [0.0, 1.0]])
negative = torch.tensor([[1.0, 0.2], [1.0, 0.0]])
loss = triplet_loss(None, (anchor, positive, negative), alpha=0.2)
loss.backward()
print("loss", round(loss.item(), 4))  # the first triplet misses the margin, the second does not
print("gradient on the anchors\n", anchor.grad)

# %% [markdown]
# The second triplet already keeps its negative far enough away: it adds nothing, and its anchor gets no gradient.
# Only the triplets that still miss the margin teach the encoder anything, which is why choosing them matters.
#
# ## 2. Training a small encoder on made-up people
#
# Training a real face encoder takes millions of photographs of thousands of people. To see the loss at work on a
# laptop, `dlspec.data.identities` draws made-up cartoon people: each has traits drawn once (skin tone, hair, head
# shape, eyes, brows, glasses, nose, mouth width), and each of their pictures varies what a camera and a day vary
# (clothes, pose, size, tilt, light, background, expression, noise). 200 people with 4 pictures each train the
# encoder; 12 **other** people, 10 pictures each, test it, people it has never seen, as a door meets new employees.

# %%
X_train, Y_train, X_test, Y_test = load_identities()
print("X_train", X_train.shape, "people", len(set(Y_train)), "  X_test", X_test.shape, "people", len(set(Y_test)))

fig, axes = plt.subplots(4, 8, figsize=(10, 5.4))
for person, column in enumerate(axes.T):  # one person a column, their four pictures below each other
    for ax, picture in zip(column, X_train[Y_train == person], strict=True):
        ax.imshow(picture)
        ax.axis("off")
    column[0].set_title(f"person {person}", fontsize=9)
plt.show()

# %% [markdown]
# The encoder: three small convolution blocks, the average over the picture, a linear layer to 32 numbers, and a
# division by the vector's length, so that every encoding lies on the unit sphere. Distances are then between 0
# and 2 whatever the network does, and a margin of 0.2 means the same thing from start to end. The pictures are
# halved to 32×32 first: enough to tell these faces apart, four times less work.


# %%
def pixels(X):
    """uint8 pictures (m, 64, 64, 3) to float (m, 3, 32, 32) in [0, 1]."""
    return F.avg_pool2d(torch.tensor(X, dtype=torch.float32).permute(0, 3, 1, 2) / 255, 2)


def block(n_in, n_out):
    return [nn.Conv2d(n_in, n_out, 3, padding=1), nn.BatchNorm2d(n_out), nn.ReLU()]


class SmallEncoder(nn.Module):
    def __init__(self, n_e=32):
        super().__init__()
        self.body = nn.Sequential(*block(3, 16), nn.MaxPool2d(2), *block(16, 32), nn.MaxPool2d(2), *block(32, 64),
                                  nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, n_e))  # fmt: skip

    def forward(self, x):
        return F.normalize(self.body(x), dim=1)


def encode_all(model, X):
    model.eval()
    with torch.no_grad():
        return model(pixels(X)).numpy()


def show_distances(same, different, threshold=None, title="", same_label="same person"):
    """Histograms of the distances of same-person pairs and different-person pairs, each scaled to area 1."""
    bins = np.linspace(0, max(same.max(), different.max()) * 1.05, 40)
    plt.hist(different, bins, density=True, alpha=0.6, color="tab:red", label=f"different people ({len(different)})")
    plt.hist(same, bins, density=True, alpha=0.6, color="tab:green", label=f"{same_label} ({len(same)})")
    if threshold is not None:
        plt.axvline(threshold, color="black", linestyle="--", label=f"threshold {threshold:.3f}")
    plt.xlabel("L2 distance between encodings")
    plt.title(title, fontsize=10)
    plt.legend(fontsize=8)


encoder = SmallEncoder()
STEPS = 200  # about 8 s of CPU time (0.04 s a step on one core, measured)
before = pair_distances(encode_all(encoder, X_test), Y_test)

# %% [markdown]
# **Which triplets.** Each step draws a batch of 10 people with 4 pictures each and encodes the 40 pictures once.
# The batch then holds 40 × 3 × 36 = 4,320 triplets: each picture as anchor, each of the 3 other pictures of its
# person as positive, each of the 36 pictures of other people as negative. We give your `triplet_loss` **all of
# them** (*batch-all*): indexing the 40 encodings costs nothing, most triplets soon meet the margin and add 0
# (the `max(., 0)` at work), and the rest teach. One random triplet per anchor learns too, about half as fast; the
# hardest positive and negative per anchor (*batch-hard*) learns fastest later on but, from a fresh encoder, can
# push every encoding to one point, where every triplet costs exactly alpha and nothing moves.

# %%
rng = np.random.default_rng(0)
X_pixels = pixels(X_train)
optimizer = torch.optim.Adam(encoder.parameters(), lr=3e-3)
losses, steps, P, K = [], quick(STEPS, 10), 10, 4
start = time.perf_counter()
encoder.train()
for step in range(steps):
    people = rng.choice(Y_train.max() + 1, P, replace=False)
    batch = np.concatenate([rng.choice(np.flatnonzero(Y_train == q), K, replace=False) for q in people])
    y = Y_train[batch]
    same = y[:, None] == y[None, :]
    anchor, positive, negative = np.nonzero((same & ~np.eye(P * K, dtype=bool))[:, :, None] & ~same[:, None, :])
    encodings = encoder(X_pixels[batch])
    loss = triplet_loss(None, (encodings[anchor], encodings[positive], encodings[negative]), alpha=0.2)
    optimizer.zero_grad()
    loss.backward()  # Adam's steps do not depend on the loss's scale: a sum of 4,320 trains like a mean
    optimizer.step()
    losses.append(loss.item() / len(anchor))
    if step % 50 == 0 or step == steps - 1:
        print(f"step {step:3d}  loss per triplet {losses[-1]:.4f}  ({time.perf_counter() - start:.0f} s)")
print(f"trained in {time.perf_counter() - start:.1f} s")

plt.plot(losses, alpha=0.4)
plt.plot(np.convolve(losses, np.ones(10) / 10, mode="valid"), color="tab:blue")
plt.xlabel("step")
plt.ylabel("triplet loss of the batch / 4,320")
plt.show()

# %% [markdown]
# The loss per triplet starts at alpha = 0.2, the value for an encoder that puts everyone at the same spot, and
# falls as the pictures of each person gather. The test is whether that holds for people the encoder never saw:
# below, the distances between every pair of pictures of the 12 test people, before and after training.

# %%
after = pair_distances(encode_all(encoder, X_test), Y_test)
threshold_small, accuracy_small = equal_error_threshold(*after)
plt.figure(figsize=(11, 3.5))
plt.subplot(1, 2, 1)
show_distances(*before, title="untrained encoder, test people")
plt.subplot(1, 2, 2)
show_distances(*after, threshold_small, title="after training with the triplet loss, test people")
plt.show()
print(f"untrained: verification accuracy {equal_error_threshold(*before)[1]:.1%} at its best threshold")
print(f"trained:   verification accuracy {accuracy_small:.1%} at threshold {threshold_small:.3f}")

# %% [markdown]
# ## 3. A real face encoder
#
# `face-api` (Vincent Mühler, maintained by Vladimir Mandic; MIT) runs in browsers a face-recognition network
# trained by Davis King for dlib: a ResNet of 29 convolution layers and 5.6 million weights, trained on about three
# million faces (its weights CC0). `python -m dlspec.data.convert_faceapi` converted it once into dlspec's own
# PyTorch module, and dlspec's tests compare its encodings with the original's, run in Node. It takes a face crop
# (padded to a square and resized to 150×150) and returns 128 numbers. `img_to_encoding(image, model)` takes a
# path or a uint8 array and returns the `(1, 128)` encoding.
#
# The office: crops of four people from six public-domain photographs (`dlspec.data.office` says which photograph
# comes from where). Only Obama has three different photographs. Each photograph also gives three **altered
# copies** (mirrored, the crop shifted, brighter or darker): they pad the database as a door's enrolment would, but
# they are not new photographs of the person, and a fair measure must not count them as such.

# %%
FRmodel = load_face_encoder()
print(f"{sum(p.numel() for p in FRmodel.parameters()):,} weights")
office = load_office()
print(office.images.shape, "crops of", sorted(set(office.names.tolist())), "from", len(set(office.photos)), "photos")

fig, axes = plt.subplots(3, 8, figsize=(11, 4.6))
for ax, face, name, variant in zip(axes.flat, office.images, office.names, office.variants, strict=False):
    ax.imshow(face)
    ax.set_title(f"{name}, {variant}", fontsize=7)
for ax in axes.flat:
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 4. Choosing the threshold from the data
#
# A door that opens below a distance $t$ makes two kinds of mistakes: it turns away an employee whose picture
# happened to be far from their stored one (a *false reject*), and it lets in someone whose face happened to be
# near an employee's (a *false accept*). Raising $t$ trades the first for the second. One principled choice is the
# **equal-error point**: the $t$ where both rates are the same, here the midpoint between neighbouring distances
# where they meet. Below, the distances between the encodings of every pair of crops, in three groups: two
# different photographs of one person (what a door meets), two people, and two crops of one photograph (which
# would make the encoder look better than it is: they stay out of the threshold).

# %%
encodings = np.concatenate([img_to_encoding(face, FRmodel) for face in office.images])
other_photo, different = pair_distances(encodings, office.names, office.photos)  # pairs of two photographs
same_photo, _ = pair_distances(encodings, office.photos)
threshold, accuracy = equal_error_threshold(other_photo, different)
show_distances(other_photo, different, threshold, "face-api's encoder on the office photographs",
               "one person, two photographs")
plt.hist(same_photo, np.linspace(0, different.max() * 1.05, 40), density=True, histtype="step", color="gray",
         label=f"crops of one photograph ({len(same_photo)})")  # fmt: skip
plt.legend(fontsize=8)
plt.show()
print(f"one person, two photographs: {other_photo.min():.3f} to {other_photo.max():.3f}")
print(f"two people:                  {different.min():.3f} to {different.max():.3f}")
print(f"equal-error threshold {threshold:.3f}: verification accuracy {accuracy:.1%} on these pairs")
print(f"THRESHOLD, the value verify and who_is_it use: {THRESHOLD}")

# %% [markdown]
# `THRESHOLD` (in `dlspec.nn.facerec`, used by the functions below) is this equal-error point, rounded to two
# decimals. Three photographs of one person make a rough estimate: a real door would measure thousands of pairs,
# and an office that fears intruders more than annoyed employees would choose a lower threshold.
#
# ## 5. Verification
#
# `verify(image_path, identity, database, model)`:
#
# 1. the encoding of the picture, `img_to_encoding(image_path, model)`, `(1, 128)`;
# 2. `dist`, the L2 distance (`np.linalg.norm`, not squared) to the **nearest** of `database[identity]`'s rows; a
#    database entry may be `(128,)`, `(1, 128)` or `(k, 128)`: `np.reshape(entry, (-1, 128))` makes it rows;
# 3. open the door when `dist < THRESHOLD`, printing `"It's <identity>, welcome in!"`, otherwise `"It's not
#    <identity>, please go away"`;
# 4. return `(dist, door_open)`.

# %%
# GRADED: verify

# %%
check(verify)

# %% [markdown]
# The database: every crop of Obama's first two photographs, of Biden and of Collins, one row per crop. Two
# visitors it does not hold: Obama in his third photograph, and Grace Hopper, who does not work here.

# %%
held = np.isin(office.photos, ["obama3.jpg", "grace_hopper.jpg"])
database = {str(name): encodings[(office.names == name) & ~held] for name in dict.fromkeys(office.names[~held])}
print({name: rows.shape for name, rows in database.items()})
obama_at_door = office.images[(office.photos == "obama3.jpg") & (office.variants == "photo")][0]
hopper_at_door = office.images[(office.photos == "grace_hopper.jpg") & (office.variants == "photo")][0]

verify(obama_at_door, "obama", database, FRmodel)
verify(obama_at_door, "biden", database, FRmodel)
verify(hopper_at_door, "collins", database, FRmodel)

# %% [markdown]
# ## 6. Recognition
#
# `who_is_it(image_path, database, model)` asks no badge: it compares the picture with everyone.
#
# 1. the encoding of the picture;
# 2. `min_dist = 100` (larger than any distance), then for each `(name, db_enc)` in `database.items()`, `dist` as
#    in `verify`; when `dist < min_dist`, keep `dist` and `name`;
# 3. print `"Not in the database."` if `min_dist > THRESHOLD`, otherwise `"it's <identity>, the distance is
#    <min_dist>"`;
# 4. return `(min_dist, identity)`.

# %%
# GRADED: who_is_it

# %%
check(who_is_it)

# %%
for who, picture in [("Obama", obama_at_door), ("Hopper", hopper_at_door)]:
    print(f"({who} at the door)", end=" ")
    who_is_it(picture, database, FRmodel)

# %% [markdown]
# ## 7. What to take away
#
# * An encoder trained with the triplet loss turns recognition into measuring distances: new people need a
#   photograph, not retraining.
# * The loss only learns from triplets that still miss the margin; which triplets a batch offers decides how fast
#   it learns.
# * A threshold belongs to an encoder and is chosen from data, trading false rejects against false accepts.
# * Real systems first find and align the face (eyes and mouth at fixed places) before encoding it, and store
#   several photographs of each person, as this database does.
#
# Finished? `dlspec submit c4w4a1`.
