"""dlspec: the Deep Learning Specialization as open software you install and keep."""

__version__ = "0.1.0"
