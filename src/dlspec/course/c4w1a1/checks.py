"""Cases for C4W1A1, convolution and pooling step by step.

The first case of every function is the visible example: the original course's inputs, rebuilt with
``np.random.RandomState(seed)`` because the original drew them after ``np.random.seed(seed)``, so the numbers a
learner sees are the ones the original printed. The others use ``np.random.default_rng`` and vary what a
hard-coded value would hide: stride (1 to 3, with and without a remainder), pad, filter size (1 to 5), inputs
taller than wide and wider than tall, and channel counts that differ on the way in and out.

Backward cases get the caches the reference forward pass returns, (A_prev, W, b, hparameters) and (A_prev,
hparameters), with outputs from the engine's vectorised layers (proven equal to the loops, and much faster to
build for every submission). conv_backward
is never asked for pad = 0: the original's crop ``[pad:-pad]`` is empty there, and a learner who followed it
faithfully would lose points through no fault of theirs.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case
from dlspec.nn.conv import conv2d_forward, pool2d_forward


def _note(**values) -> str:
    """The inputs in words: arrays by their shape, numbers and words as they are ("A_prev (2, 5, 7, 4), pad 1")."""
    return ", ".join(f"{k} {v.shape}" if isinstance(v, np.ndarray) else f"{k} {v}" for k, v in values.items())


def judge_mask(got, expected, args) -> str | None:
    """A mask of x's shape with exactly one entry set, at a maximum of x: where entries tie, any one of them is a
    right answer (the reference marks the first)."""
    (x,) = args
    if not isinstance(got, np.ndarray):
        return f"expected a boolean array of shape {x.shape}, got {type(got).__name__}: return a mask, not an index"
    if got.shape != x.shape:
        return f"expected a mask of shape {x.shape}, like the window x, got shape {got.shape}"
    if not np.isin(got, (0, 1)).all():
        return "the mask should hold True/False (or 1/0), not values of x: dA is multiplied in later, in pool_backward"
    marked = np.flatnonzero(got)
    maxima = np.flatnonzero(x == x.max())
    if len(marked) == 0:
        return "the mask marks no entry: the position of the maximum must be True"
    if len(marked) > 1:
        if set(marked) <= set(maxima):
            return (f"the mask marks {len(marked)} entries: x has {len(maxima)} entries tied for its maximum; mark "
                    "only one (the first, as np.argmax finds it), or its gradient would be counted more than once")
        return f"the mask marks {len(marked)} entries; only the maximum of the whole window is True"
    if marked[0] not in maxima:
        at, due = np.unravel_index(marked[0], x.shape), np.unravel_index(maxima[0], x.shape)
        return f"the mask marks {tuple(map(int, at))}, but the maximum of x is at {tuple(map(int, due))}"
    return None


def zero_pad_cases() -> list[Case]:
    X = np.random.RandomState(1).randn(4, 3, 3, 2)
    cases = [Case("original example, pad 3", args=(X, 3), note=_note(X=X, pad=3))]
    for seed, (shape, pad) in enumerate([((2, 4, 6, 3), 1), ((3, 5, 2, 1), 2), ((1, 3, 7, 4), 0), ((2, 2, 3, 5), 4)]):
        X = np.random.default_rng(seed).normal(size=shape)
        cases.append(Case(f"X {shape}, pad {pad}", args=(X, pad), note=_note(X=X, pad=pad)))
    return cases


def conv_single_step_cases() -> list[Case]:
    cases = []
    for seed in (1, 3):  # the original's notebook example, then its test's
        r = np.random.RandomState(seed)
        a, W, b = r.randn(4, 4, 3), r.randn(4, 4, 3), r.randn(1, 1, 1)
        cases.append(Case(f"original example, seed {seed}", args=(a, W, b), note=_note(a_slice_prev=a, W=W, b=b)))
    for seed, (f, n_C_prev) in enumerate([(2, 1), (5, 2), (3, 6)], start=10):
        rng = np.random.default_rng(seed)
        a, W, b = rng.normal(size=(f, f, n_C_prev)), rng.normal(size=(f, f, n_C_prev)), rng.normal(size=(1, 1, 1))
        cases.append(Case(f"{f}x{f}x{n_C_prev} window", args=(a, W, b), note=_note(a_slice_prev=a, W=W, b=b)))
    return cases


def _conv_note(A_prev, W, hparameters) -> str:
    return _note(A_prev=A_prev, W=W, stride=hparameters["stride"], pad=hparameters["pad"])


# (A_prev shape, f, n_C, stride, pad): tall and wide inputs, strides that leave a remainder, a 1x1 and a 5x5 filter
CONV_SHAPES = [
    ((2, 7, 10, 3), 2, 5, 3, 2),
    ((1, 6, 9, 2), 5, 3, 1, 1),
    ((3, 8, 5, 1), 3, 2, 2, 0),
    ((2, 4, 3, 6), 1, 4, 1, 0),
    ((2, 5, 7, 4), 3, 3, 1, 3),
]


def conv_forward_cases() -> list[Case]:
    r = np.random.RandomState(1)
    A_prev, W, b = r.randn(2, 5, 7, 4), r.randn(3, 3, 4, 8), r.randn(1, 1, 1, 8)
    hp = {"pad": 1, "stride": 2}
    cases = [Case("original example: stride 2, pad 1", args=(A_prev, W, b, hp), note=_conv_note(A_prev, W, hp))]
    for seed, (shape, f, n_C, stride, pad) in enumerate(CONV_SHAPES, start=20):
        rng = np.random.default_rng(seed)
        A_prev, W = rng.normal(size=shape), rng.normal(size=(f, f, shape[3], n_C))
        b, hp = rng.normal(size=(1, 1, 1, n_C)), {"pad": pad, "stride": stride}
        name = f"{f}x{f} filters, stride {stride}, pad {pad}"
        cases.append(Case(name, args=(A_prev, W, b, hp), note=_conv_note(A_prev, W, hp)))
    return cases


def _pool_note(A_prev, hparameters, mode) -> str:
    return _note(A_prev=A_prev, f=hparameters["f"], stride=hparameters["stride"], mode=mode)


# (A_prev shape, f, stride, mode): overlapping, touching and gapped windows; tall and wide inputs
POOL_SHAPES = [
    ((2, 5, 7, 3), 2, 2, "average"),
    ((3, 4, 6, 2), 2, 1, "max"),
    ((1, 7, 8, 4), 2, 3, "max"),
    ((2, 8, 5, 1), 3, 2, "average"),
    ((2, 6, 9, 2), 3, 3, "max"),
]


def pool_forward_cases() -> list[Case]:
    A_prev = np.random.RandomState(1).randn(2, 5, 5, 3)
    cases = []
    for stride in (1, 2):  # the original's two examples, each in both modes
        hp = {"stride": stride, "f": 3}
        for mode in ("max", "average"):
            cases.append(
                Case(f"original example: stride {stride}, {mode}", args=(A_prev, hp), kwargs={"mode": mode},
                     note=_pool_note(A_prev, hp, mode))
            )
    for seed, (shape, f, stride, mode) in enumerate(POOL_SHAPES, start=30):
        A_prev, hp = np.random.default_rng(seed).normal(size=shape), {"stride": stride, "f": f}
        cases.append(
            Case(f"{f}x{f} {mode} pool, stride {stride}", args=(A_prev, hp), kwargs={"mode": mode},
                 note=_pool_note(A_prev, hp, mode))
        )
    A_prev, hp = np.random.default_rng(39).normal(size=(2, 4, 5, 2)), {"stride": 1, "f": 2}
    cases.append(Case("mode left out: max is the default", args=(A_prev, hp), note=_pool_note(A_prev, hp, "default")))
    return cases


def conv_backward_cases() -> list[Case]:
    r = np.random.RandomState(1)
    A_prev, W, b = r.randn(10, 4, 4, 3), r.randn(2, 2, 3, 8), r.randn(1, 1, 1, 8)
    hp = {"pad": 2, "stride": 2}
    Z, _ = conv2d_forward(A_prev, W, b, hp["stride"], hp["pad"])
    # the original fed Z back as its own upstream gradient
    cases = [Case("original example: stride 2, pad 2", args=(Z, (A_prev, W, b, hp)), note=_conv_note(A_prev, W, hp))]
    # the forward pass's shapes, with pad 1 where it had none (see the module's docstring)
    shapes = [(shape, f, n_C, stride, max(pad, 1)) for shape, f, n_C, stride, pad in CONV_SHAPES]
    for seed, (shape, f, n_C, stride, pad) in enumerate(shapes, start=40):
        rng = np.random.default_rng(seed)
        A_prev, W, b = rng.normal(size=shape), rng.normal(size=(f, f, shape[3], n_C)), rng.normal(size=(1, 1, 1, n_C))
        hp = {"pad": pad, "stride": stride}
        Z, _ = conv2d_forward(A_prev, W, b, stride, pad)
        dZ = rng.normal(size=Z.shape)
        cases.append(
            Case(f"{f}x{f} filters, stride {stride}, pad {pad}", args=(dZ, (A_prev, W, b, hp)),
                 note=_conv_note(A_prev, W, hp))
        )
    return cases


def create_mask_from_window_cases() -> list[Case]:
    windows = {
        "original example": np.random.RandomState(1).randn(2, 3),
        "original test: maximum at (2, 1)": np.array([[-1.0, 2.0, 3.0], [2.0, -3.0, 2.0], [1.0, 5.0, -2.0]]),
        "3x3 window": np.random.default_rng(50).normal(size=(3, 3)),
        "all entries negative": -np.random.default_rng(51).uniform(0.5, 2.0, size=(3, 2)),
        "maximum in the last row": np.array([[0.1, -0.4], [0.3, 0.2], [-1.0, 0.9]]),
        "three entries tie for the maximum": np.array([[1.0, 4.0, 4.0], [0.0, 4.0, 2.0]]),
        "all zeros, as after a ReLU": np.zeros((2, 2)),
    }
    return [Case(name, args=(x,), judge=judge_mask, note=_note(x=x)) for name, x in windows.items()]


def distribute_value_cases() -> list[Case]:
    # dz as pool_backward passes it: an entry of dA, a NumPy float
    values = [(2.0, (2, 2)), (100.0, (10, 10)), (np.float64(1.5), (3, 3)), (np.float64(-0.7), (2, 4)),
              (np.float64(5.0), (1, 3)), (np.float64(0.36), (4, 1))]
    return [
        Case(f"dz {float(dz):g}, shape {shape}", args=(dz, shape), note=f"dz {float(dz):g}, shape {shape}")
        for dz, shape in values
    ]


def _ties(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Activations after a ReLU, on a coarse grid: zeros and repeated values tie inside many windows."""
    return np.maximum(rng.integers(-2, 3, size=shape), 0).astype(float)


def pool_backward_cases() -> list[Case]:
    r = np.random.RandomState(1)
    A_prev, hp = r.randn(5, 5, 3, 2), {"stride": 1, "f": 2}
    dA = r.randn(5, 4, 2, 2)
    cases = [
        Case(f"original example, {mode}", args=(dA, (A_prev, hp)), kwargs={"mode": mode},
             note=_pool_note(A_prev, hp, mode))
        for mode in ("max", "average")
    ]
    shapes = [((2, 6, 8, 3), 2, 2, "max", False), ((2, 7, 5, 2), 3, 2, "average", False),
              ((1, 8, 7, 2), 2, 3, "max", False), ((1, 5, 6, 2), 3, 1, "average", False),
              ((2, 6, 5, 3), 3, 1, "max", True)]
    for seed, (shape, f, stride, mode, ties) in enumerate(shapes, start=60):
        rng = np.random.default_rng(seed)
        A_prev = _ties(rng, shape) if ties else rng.normal(size=shape)
        hp = {"stride": stride, "f": f}
        A, _ = pool2d_forward(A_prev, f, stride, mode)
        name = f"{f}x{f} {mode} pool, stride {stride}" + (", tied maxima" if ties else "")
        cases.append(
            Case(name, args=(rng.normal(size=A.shape), (A_prev, hp)), kwargs={"mode": mode},
                 note=_pool_note(A_prev, hp, mode))
        )
    return cases


CHECKS = {
    "zero_pad": zero_pad_cases,
    "conv_single_step": conv_single_step_cases,
    "conv_forward": conv_forward_cases,
    "pool_forward": pool_forward_cases,
    "conv_backward": conv_backward_cases,
    "create_mask_from_window": create_mask_from_window_cases,
    "distribute_value": distribute_value_cases,
    "pool_backward": pool_backward_cases,
}
