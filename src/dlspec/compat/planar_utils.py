"""The original's ``planar_utils``: the flower data set, the extra sets, a decision-boundary plot, sigmoid."""

from dlspec.compat._lazy import forward

load_planar_dataset = forward("dlspec.data.planar:load_planar_dataset")
load_extra_datasets = forward("dlspec.data.planar:load_extra_datasets")
plot_decision_boundary = forward("dlspec.viz.boundary:plot_decision_boundary")
sigmoid = forward("dlspec.nn.activations:sigmoid")
