"""The original's ``w2v_utils`` (Course 5 week 2): ``read_glove_vecs``, which its notebook called with the path
of ``glove.6B.50d.txt``. Here the path is ignored and the same vectors come from the installed package
(``dlspec.data.glove``); the import is deferred to the first call, so grading a notebook that imports this module
never loads them."""

from dlspec.compat._lazy import forward

read_glove_vecs = forward("dlspec.data.glove:read_glove_vecs")

__all__ = ["read_glove_vecs"]
