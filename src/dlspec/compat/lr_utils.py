"""The original's ``lr_utils``: ``load_dataset()`` returns the face / non-face images in the cat set's layout."""

from dlspec.compat._lazy import forward

load_dataset = forward("dlspec.data.faces:load_faces")
