"""Cases for C4W2A1, residual networks: each block and ResNet-50 judged by what it does.

A case builds the learner's module, gives every parameter values drawn from a seed by its shape
(``dlspec.checking.probes.fill``), so the layers may be registered in any order and named anything, and reports the
number of parameters, their shapes, and the outputs on a batch in eval mode and in train mode (where BatchNorm uses
the batch's own statistics). ResNet-50 also reports the shape each layer with weights outputs: its stages.

Inputs are random normal, so about half the values a skip connection adds are negative: a ReLU in the wrong place
shows. Kernels of size 2 check that "same" padding keeps the size for an even kernel too, as the original's tests
did; strides of 2 on odd sizes check the rounding.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

PROBE = "dlspec.checking.probes:module_report"
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 sums in another order


def _case(name: str, args: tuple, x_shape: tuple, seed: int, **probe) -> Case:
    x = np.random.default_rng(seed).normal(size=x_shape)
    kwargs = {"x": x, "weights": seed, **probe}
    note = f"{args}, X {x_shape}" + (", shapes only" if kwargs["weights"] is None else "")
    return Case(name, args, seed=seed, probe=PROBE, probe_kwargs=kwargs, note=note, **TOL)


def identity_block_cases() -> list[Case]:
    return [
        _case("example", (2, [4, 4, 3]), (3, 3, 4, 4), 1),
        _case("random 1", (3, [2, 5, 6]), (2, 6, 5, 7), 2),
        _case("random 2", (5, [3, 2, 4]), (4, 4, 6, 6), 3),
        _case("random 3", (1, [5, 3, 2]), (3, 2, 3, 5), 4),
    ]


def convolutional_block_cases() -> list[Case]:
    return [
        _case("example", (3, 2, [2, 4, 6]), (3, 3, 4, 4), 11),
        _case("stride 4", (3, 2, [2, 4, 6], 4), (3, 3, 4, 4), 12),
        _case("stride 1", (4, 3, [3, 3, 5], 1), (2, 4, 5, 5), 13),
        _case("odd size", (5, 3, [4, 3, 8], 2), (2, 5, 7, 7), 14),
    ]


def resnet50_cases() -> list[Case]:
    return [
        _case("example", (), (2, 3, 64, 64), 21, layers=True),
        _case("grey, 3 classes", (1, 3), (2, 1, 64, 64), 22, weights=None, layers=True),
        _case("10 classes", (3, 10), (1, 3, 64, 64), 23, weights=None),
        _case("4 channels, 2 classes", (4, 2), (1, 4, 64, 64), 24, weights=None),
    ]


CHECKS = {
    "IdentityBlock": identity_block_cases,
    "ConvolutionalBlock": convolutional_block_cases,
    "ResNet50": resnet50_cases,
}
