"""Face recognition (Course 4 week 4): the triplet loss that trains a face embedding, and the office door that
uses one to verify ("is this Ana?") and to recognise ("who is this?").

The original course wrote these in TensorFlow with FaceNet; here ``triplet_loss`` is PyTorch, so that a model
trains with it, and ``verify`` / ``who_is_it`` are NumPy on the encodings ``img_to_encoding`` returns. The
original's names, argument orders and printed messages are kept. Two things differ, on purpose:

* a database maps a name to one encoding, ``(128,)`` or ``(1, 128)``, or to several, ``(k, 128)``: one row per
  photograph of that person. The distance to a person is the distance to their **nearest** photograph (one good
  match is the evidence a door needs; an average of photographs in different light is nobody's face);
* the threshold is ``THRESHOLD``, read off the distances of real pairs of photographs in the notebook (the
  original's 0.7 belonged to its FaceNet; every embedding has its own scale).
"""

from __future__ import annotations

import os

import numpy as np
import torch
from PIL import Image

from dlspec.nn import faces

# The distance below which two encodings are taken for the same person: the equal-error point of the office
# photographs' same-person and different-person distances (the notebook derives it).
THRESHOLD = 0.63


def read_image(image):
    """The picture ``image`` as a ``(n_H, n_W, 3)`` uint8 array: ``image`` is a path to an image file or already
    such an array (returned as it is)."""
    if isinstance(image, (str, os.PathLike)):
        with Image.open(image) as picture:
            return np.asarray(picture.convert("RGB"))
    return np.asarray(image)


def img_to_encoding(image_path, model):
    """The encoding of one face, ``(1, n_e)`` float32 NumPy: ``image_path`` is a path or a ``(n_H, n_W, 3)`` uint8
    array, padded to a square and resized to 150 x 150 as face-api does (``dlspec.nn.faces.img_to_encoding``);
    ``model`` is a PyTorch module taking ``(1, 3, 150, 150)`` pixel values (0 to 255)."""
    return faces.img_to_encoding(read_image(image_path), model)


def triplet_loss(y_true, y_pred, alpha=0.2):
    """The triplet loss of a batch, summed over its triplets.

    Arguments:
    y_true -- unused; kept as the original's Keras loss took it
    y_pred -- (anchor, positive, negative): three tensors of shape (m, n_e), or (n_e,) for one triplet: encodings of
              a face, another picture of the same person, and a picture of someone else
    alpha -- the margin

    Returns:
    loss -- 0-d tensor: the sum over the m triplets of max(||a - p||^2 - ||a - n||^2 + alpha, 0)
    """
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos_dist = torch.sum(torch.square(anchor - positive), dim=-1)
    neg_dist = torch.sum(torch.square(anchor - negative), dim=-1)
    basic_loss = pos_dist - neg_dist + alpha
    loss = torch.sum(torch.clamp(basic_loss, min=0.0))
    return loss


def verify(image_path, identity, database, model):
    """Whether the person in the picture is ``identity``: the door opens when the distance is below THRESHOLD.

    Arguments:
    image_path -- path to an image, or the image as an (n_H, n_W, 3) uint8 array
    identity -- name of the person the visitor claims to be, a key of database
    database -- dict from names to encodings: (n_e,), (1, n_e) or (k, n_e), one row per photograph
    model -- the face encoder, used through img_to_encoding

    Returns:
    dist -- distance between the picture's encoding and the nearest of identity's encodings
    door_open -- True if dist < THRESHOLD, else False
    """
    encoding = img_to_encoding(image_path, model)
    rows = np.reshape(database[identity], (-1, encoding.shape[-1]))
    dist = np.min(np.linalg.norm(rows - encoding, axis=1))
    if dist < THRESHOLD:
        print("It's " + str(identity) + ", welcome in!")
        door_open = True
    else:
        print("It's not " + str(identity) + ", please go away")
        door_open = False
    return dist, door_open


def who_is_it(image_path, database, model):
    """Who in the database the person in the picture is: the name whose nearest encoding is nearest.

    Arguments:
    image_path -- path to an image, or the image as an (n_H, n_W, 3) uint8 array
    database -- dict from names to encodings: (n_e,), (1, n_e) or (k, n_e), one row per photograph
    model -- the face encoder, used through img_to_encoding

    Returns:
    min_dist -- the smallest distance between the picture's encoding and any encoding in the database
    identity -- the name it belongs to (printed as "Not in the database." when min_dist > THRESHOLD)
    """
    encoding = img_to_encoding(image_path, model)
    min_dist = 100
    for name, db_enc in database.items():
        rows = np.reshape(db_enc, (-1, encoding.shape[-1]))
        dist = np.min(np.linalg.norm(rows - encoding, axis=1))
        if dist < min_dist:
            min_dist = dist
            identity = name
    if min_dist > THRESHOLD:
        print("Not in the database.")
    else:
        print("it's " + str(identity) + ", the distance is " + str(min_dist))
    return min_dist, identity


def pair_distances(encodings, labels, sources=None):
    """The L2 distances of every pair of encodings ``(n, n_e)``, split by ``labels`` (n,): ``(same, different)``,
    the pairs of one person's pictures and the pairs of two people's, each a 1-D array. With ``sources`` (n,), the
    photograph each picture was cut from, pairs from one photograph are left out: two crops of one photograph are
    closer than two photographs of one person ever are."""
    encodings, labels = np.asarray(encodings, dtype=np.float64), np.asarray(labels)
    distances = np.linalg.norm(encodings[:, None] - encodings[None], axis=-1)
    i, j = np.triu_indices(len(labels), 1)
    if sources is not None:
        sources = np.asarray(sources)
        i, j = i[sources[i] != sources[j]], j[sources[i] != sources[j]]
    same = labels[i] == labels[j]
    return distances[i, j][same], distances[i, j][~same]


def equal_error_threshold(same, different):
    """The threshold where as many same-person pairs are turned away as different-person pairs let in (the equal
    error point), and the verification accuracy there: ``(threshold, accuracy)``, the accuracy the mean of the
    share of same pairs below the threshold and the share of different pairs at or above it (so the many more
    different pairs do not outweigh the same ones). Candidates are the midpoints between neighbouring distances."""
    values = np.sort(np.concatenate([same, different]))
    candidates = (values[1:] + values[:-1]) / 2
    rejected = (np.asarray(same)[None] >= candidates[:, None]).mean(axis=1)  # same person, door shut
    admitted = (np.asarray(different)[None] < candidates[:, None]).mean(axis=1)  # someone else, door open
    k = int(np.argmin(np.abs(rejected - admitted) + 1e-9 * (rejected + admitted)))
    return float(candidates[k]), float(1 - (rejected[k] + admitted[k]) / 2)
