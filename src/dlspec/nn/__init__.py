"""dlspec.nn: the NumPy deep-learning engine, and the answer key of every from-scratch graded function."""
