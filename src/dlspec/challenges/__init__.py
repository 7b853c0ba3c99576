"""Local challenges, Kaggle style: a bundle per challenge (``<folder>/challenge.toml``, ``DESCRIPTION.md``,
``task.py``), a ledger of submissions beside the progress store, public and private leaderboards.

On a learner's own machine the test labels are hidden by convention only: the data come from installed packages
the learner owns. Real hiding needs a server that holds the labels (a classroom mode, later).
"""
