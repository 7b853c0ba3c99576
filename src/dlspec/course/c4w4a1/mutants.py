"""Known mistakes in C4W4A1, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np
import torch

from dlspec.checking.spec import mutant
from dlspec.nn.facerec import THRESHOLD, img_to_encoding

# --- triplet_loss -----------------------------------------------------------------------------------------------


def _distances(y_pred):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    return torch.sum((anchor - positive) ** 2, dim=-1), torch.sum((anchor - negative) ** 2, dim=-1)


@mutant("triplet_loss", "The distances are squared: sum the squares of the differences, with no square root.")
def triplet_not_squared(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos = torch.linalg.norm(anchor - positive, dim=-1)
    neg = torch.linalg.norm(anchor - negative, dim=-1)
    return torch.sum(torch.clamp(pos - neg + alpha, min=0.0))


@mutant("triplet_loss", "Each triplet's distance sums over its own encoding's numbers, the last axis (dim=-1); "
                        "summing over the batch axis mixes different people's triplets.")  # fmt: skip
def triplet_wrong_axis(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    pos = torch.sum((anchor - positive) ** 2, dim=0)
    neg = torch.sum((anchor - negative) ** 2, dim=0)
    return torch.sum(torch.clamp(pos - neg + alpha, min=0.0))


@mutant("triplet_loss", "Take max(., 0) of each triplet's loss before summing: a triplet already far enough "
                        "apart adds 0, not a negative number that would hide the others.")  # fmt: skip
def triplet_no_max(y_true, y_pred, alpha=0.2):
    pos, neg = _distances(y_pred)
    return torch.sum(pos - neg + alpha)


@mutant("triplet_loss", "The margin alpha goes inside the max: max(d(a,p) - d(a,n) + alpha, 0).")
def triplet_alpha_outside(y_true, y_pred, alpha=0.2):
    pos, neg = _distances(y_pred)
    return torch.sum(torch.clamp(pos - neg, min=0.0) + alpha)


@mutant("triplet_loss", "The loss is summed over the triplets of the batch, not averaged.")
def triplet_mean(y_true, y_pred, alpha=0.2):
    pos, neg = _distances(y_pred)
    return torch.mean(torch.clamp(pos - neg + alpha, min=0.0))


@mutant("triplet_loss", "Sum the distances over the batch only after the max: max(., 0) applies to each triplet "
                        "on its own, so one bad triplet cannot hide behind good ones.")  # fmt: skip
def triplet_sum_before_max(y_true, y_pred, alpha=0.2):
    pos, neg = _distances(y_pred)
    return torch.clamp(torch.sum(pos) - torch.sum(neg) + alpha, min=0.0)


@mutant("triplet_loss", "The anchor should be near the positive and far from the negative: d(a,p) - d(a,n).")
def triplet_swapped(y_true, y_pred, alpha=0.2):
    pos, neg = _distances(y_pred)
    return torch.sum(torch.clamp(neg - pos + alpha, min=0.0))


@mutant("triplet_loss", "Stay in PyTorch: a loss computed in NumPy has no path back to the encodings, so "
                        "backward() cannot train the model.")  # fmt: skip
def triplet_through_numpy(y_true, y_pred, alpha=0.2):
    a, p, n = (np.asarray(t.detach()) for t in y_pred)
    pos, neg = np.sum((a - p) ** 2, axis=-1), np.sum((a - n) ** 2, axis=-1)
    return torch.tensor(np.sum(np.maximum(pos - neg + alpha, 0.0)))


# --- verify and who_is_it ---------------------------------------------------------------------------------------


def _rows(db_enc, encoding):
    return np.reshape(db_enc, (-1, encoding.shape[-1]))


@mutant("verify", "The door opens when the distance is SMALL: dist < THRESHOLD.")
def verify_flipped(image_path, identity, database, model):
    encoding = img_to_encoding(image_path, model)
    dist = np.min(np.linalg.norm(_rows(database[identity], encoding) - encoding, axis=1))
    return dist, bool(dist > THRESHOLD)


@mutant("verify", "A person may have several photographs, one per row: compare with every row and keep the "
                  "nearest, not only the first.")  # fmt: skip
def verify_first_photo(image_path, identity, database, model):
    encoding = img_to_encoding(image_path, model)
    dist = np.linalg.norm(_rows(database[identity], encoding)[0] - encoding)
    return dist, bool(dist < THRESHOLD)


@mutant("verify", "Take the norm of each row's difference (axis=1), then the smallest; np.linalg.norm of the "
                  "whole (k, n_e) difference adds every photograph's distance together.")  # fmt: skip
def verify_norm_of_all(image_path, identity, database, model):
    encoding = img_to_encoding(image_path, model)
    dist = np.linalg.norm(database[identity] - encoding)
    return dist, bool(dist < THRESHOLD)


@mutant("verify", "The distance is the L2 norm of the difference, with its square root: np.linalg.norm.")
def verify_squared(image_path, identity, database, model):
    encoding = img_to_encoding(image_path, model)
    dist = np.min(np.sum((_rows(database[identity], encoding) - encoding) ** 2, axis=1))
    return dist, bool(dist < THRESHOLD)


@mutant("verify", "Compare with the photographs of the person the visitor claims to be, database[identity], not "
                  "with everyone's.")  # fmt: skip
def verify_anyone(image_path, identity, database, model):
    encoding = img_to_encoding(image_path, model)
    dist = min(np.min(np.linalg.norm(_rows(e, encoding) - encoding, axis=1)) for e in database.values())
    return dist, bool(dist < THRESHOLD)


@mutant("verify", "Keep the nearest of the person's photographs (np.min), not the farthest.")
def verify_farthest(image_path, identity, database, model):
    encoding = img_to_encoding(image_path, model)
    dist = np.max(np.linalg.norm(_rows(database[identity], encoding) - encoding, axis=1))
    return dist, bool(dist < THRESHOLD)


@mutant("who_is_it", "Start min_dist large (100 in the original) so that the first distance is smaller: starting "
                     "at 0, no distance is ever smaller and no identity is set.")  # fmt: skip
def who_min_dist_zero(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    min_dist, identity = 0, None
    for name, db_enc in database.items():
        dist = np.min(np.linalg.norm(_rows(db_enc, encoding) - encoding, axis=1))
        if dist < min_dist:
            min_dist, identity = dist, name
    return min_dist, identity


@mutant("who_is_it", "Keep the SMALLEST distance: update when dist < min_dist.")
def who_max(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    min_dist, identity = -1, None
    for name, db_enc in database.items():
        dist = np.min(np.linalg.norm(_rows(db_enc, encoding) - encoding, axis=1))
        if dist > min_dist:
            min_dist, identity = dist, name
    return min_dist, identity


@mutant("who_is_it", "Update the name only when the distance is the smallest so far, inside the if: otherwise the "
                     "last person in the database wins.")  # fmt: skip
def who_last(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    min_dist = 100
    for name, db_enc in database.items():
        dist = np.min(np.linalg.norm(_rows(db_enc, encoding) - encoding, axis=1))
        if dist < min_dist:
            min_dist = dist
        identity = name
    return min_dist, identity


@mutant("who_is_it", "A person may have several photographs, one per row: compare with every row and keep the "
                     "nearest, not only the first.")  # fmt: skip
def who_first_photo(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    dists = {name: np.linalg.norm(_rows(e, encoding)[0] - encoding) for name, e in database.items()}
    identity = min(dists, key=dists.get)
    return dists[identity], identity


@mutant("who_is_it", "Take the norm of each row's difference (axis=1), then the smallest; np.linalg.norm of the "
                     "whole (k, n_e) difference adds every photograph's distance together.")  # fmt: skip
def who_norm_of_all(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    dists = {name: np.linalg.norm(e - encoding) for name, e in database.items()}
    identity = min(dists, key=dists.get)
    return dists[identity], identity


@mutant("who_is_it", "Compare distances between encodings, not the encodings averaged per person: an average of "
                     "photographs in different light is nobody's face.")  # fmt: skip
def who_mean_photo(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    dists = {name: np.linalg.norm(np.mean(_rows(e, encoding), axis=0) - encoding) for name, e in database.items()}
    identity = min(dists, key=dists.get)
    return dists[identity], identity


@mutant("who_is_it", "The distance is the L2 norm of the difference, with its square root: np.linalg.norm.")
def who_squared(image_path, database, model):
    encoding = img_to_encoding(image_path, model)
    dists = {name: np.min(np.sum((_rows(e, encoding) - encoding) ** 2, axis=1)) for name, e in database.items()}
    identity = min(dists, key=dists.get)
    return dists[identity], identity
