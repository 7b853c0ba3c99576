"""Cases for C4W3A2, image segmentation with U-Net: each block and the U-Net judged by what it does.

A case builds the learner's module, gives every parameter values drawn from a seed by its shape
(``dlspec.checking.probes.fill``), so the layers may be registered in any order and named anything, and reports the
number of parameters, their shapes, and the outputs on a batch in eval mode and in train mode (dropout on, with the
same seeded draws for the learner and the reference). ``ConvBlock`` returns two tensors, both compared;
``UpsamplingBlock`` takes two inputs, given as a tuple. The U-Net also reports the shape each layer with weights
outputs: its levels.

Inputs are random normal, so about half the values a ReLU sees are negative: a missing one shows. Odd sizes check
that pooling rounds down; the expanding block's two inputs have different numbers of channels, so concatenating
them in the wrong order meets other weights.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

PROBE = "dlspec.checking.probes:module_report"
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 sums in another order


def _case(name: str, args: tuple, shapes: tuple, seed: int, **probe) -> Case:
    """A case of the module built from ``args``, run on random inputs of ``shapes`` (one per argument of forward)."""
    rng = np.random.default_rng(seed)
    x = tuple(rng.normal(size=shape) for shape in shapes)
    kwargs = {"x": x[0] if len(x) == 1 else x, "weights": seed, **probe}
    inputs = " and ".join(f"X {shape}" for shape in shapes)
    note = f"{args}, {inputs}" + (", shapes only" if kwargs["weights"] is None else "")
    return Case(name, args, seed=seed, probe=PROBE, probe_kwargs=kwargs, note=note, **TOL)


def ConvBlock_cases() -> list[Case]:
    return [
        _case("example", (3, 8), ((2, 3, 8, 8),), 1),
        _case("dropout", (4, 6, 0.3, True), ((3, 4, 6, 10),), 2),
        _case("no pooling", (5, 4, 0.0, False), ((2, 5, 4, 6),), 3),
        _case("dropout, no pooling", (2, 5, 0.5, False), ((2, 2, 6, 6),), 4),
        _case("odd size", (3, 4, 0.0, True), ((2, 3, 7, 9),), 5),
    ]


def UpsamplingBlock_cases() -> list[Case]:
    return [
        _case("example", (8, 4, 4), ((2, 8, 3, 4), (2, 4, 6, 8)), 11),
        _case("random 1", (6, 3, 5), ((3, 6, 2, 2), (3, 3, 4, 4)), 12),
        _case("random 2", (4, 2, 3), ((2, 4, 4, 3), (2, 2, 8, 6)), 13),
        _case("random 3", (10, 5, 5), ((1, 10, 2, 3), (1, 5, 4, 6)), 14),
    ]


def UNet_cases() -> list[Case]:
    return [
        _case("example", (3, 4, 5), ((1, 3, 32, 48),), 21, layers=True),
        _case("grey, 2 filters, 3 classes", (1, 2, 3), ((2, 1, 16, 16),), 22, layers=True),
        _case("4 channels, 2 classes", (4, 3, 2), ((2, 4, 48, 32),), 23),
        _case("the defaults", (), ((1, 3, 32, 32),), 24, layers=True),
    ]


CHECKS = {"ConvBlock": ConvBlock_cases, "UpsamplingBlock": UpsamplingBlock_cases, "UNet": UNet_cases}
