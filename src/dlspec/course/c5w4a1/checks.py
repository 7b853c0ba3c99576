"""Cases for C5W4A1, the Transformer.

``get_angles`` and ``positional_encoding`` are compared on positions and feature counts of several sizes, odd ones
included (the last feature then has a sine and no cosine beside it). ``scaled_dot_product_attention`` receives
float32 tensors made in the grading process (``inputs.py``): a small fixture written out, then batches with heads,
keys and values of other lengths than the queries, and each kind of mask: none, padding (n, 1, L_k) and
look-ahead (1, L, L). Values of d_v unlike d_k show which one the scores were scaled by.

The modules are graded by what they do (``inputs.attention_report``): every parameter drawn by its shape from a
seed, so layers may be named and registered in any order; their number and shapes; the outputs in eval mode and in
train mode with torch seeded (dropout where the reference has it draws the same masks; a case with dropout_rate 0
shows train mode equal to eval mode). Token ids end in padding (id 0) in the cases with masks, and the masks are
built from them as the notebook's ``create_padding_mask`` and ``create_look_ahead_mask`` build them.
"""

from __future__ import annotations

import numpy as np

from dlspec.checking.spec import Case

INPUTS = "dlspec.course.c5w4a1.inputs"
PROBE = f"{INPUTS}:attention_report"
TOL = {"rtol": 1e-4, "atol": 1e-5}  # float32 sums, which another way of writing them orders otherwise


def padding_mask(ids: np.ndarray) -> np.ndarray:
    """1.0 for a real token, 0.0 for padding, (n, 1, m): create_padding_mask without torch."""
    return (ids != 0).astype(np.float32)[:, None, :]


def look_ahead_mask(length: int) -> np.ndarray:
    """(1, L, L) lower-triangular ones: create_look_ahead_mask without torch."""
    return np.tril(np.ones((1, length, length), np.float32))


def token_ids(rng: np.random.Generator, batch: int, length: int, vocab: int, pad: bool) -> np.ndarray:
    """Token ids 1..vocab-1; with ``pad``, every row but the first ends in 0 to length - 1 padding ids."""
    ids = rng.integers(1, vocab, (batch, length))
    if pad:
        for row in range(1, batch):
            ids[row, int(rng.integers(1, length + 1)):] = 0
    return ids


# --- get_angles, positional_encoding ----------------------------------------------------------------------------


def get_angles_cases() -> list[Case]:
    cases = []
    for name, positions, d in [("example: 4 positions, 16 features", 4, 16), ("random 1: 10 positions, 8", 10, 8),
                               ("random 2: 7 positions, 5 (odd)", 7, 5), ("random 3: 50 positions, 32", 50, 32),
                               ("one feature", 3, 1)]:
        pos, k = np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :]
        cases.append(Case(name, args=(pos, k, d), note=f"pos ({positions}, 1), k (1, {d}), d = {d}", **TOL))
    return cases


def positional_encoding_cases() -> list[Case]:
    return [Case(f"{positions} positions, {d} features", args=(positions, d), **TOL)
            for positions, d in [(8, 16), (50, 512), (6, 7), (20, 4), (1, 2)]]


# --- scaled_dot_product_attention -------------------------------------------------------------------------------

FIXTURE = {
    "q": np.array([[1, 0, 1, 0], [0, 2, 1, 1], [1, 1, 0, 2]], np.float32),
    "k": np.array([[1, 0, 0, 1], [2, 1, 1, 0], [0, 1, 1, 1], [1, 1, 2, 0]], np.float32),
    "v": np.array([[1, 0], [0, 1], [2, 1], [1, 3]], np.float32),
}


def _attention_case(name: str, q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None) -> Case:
    note = f"q {q.shape}, k {k.shape}, v {v.shape}, " + ("no mask" if mask is None else f"mask {mask.shape}")
    made = {"q": q, "k": k, "v": v, "mask": mask}
    return Case(name, make=f"{INPUTS}:attention_inputs", make_kwargs=made, note=note, **TOL)


def scaled_dot_product_attention_cases() -> list[Case]:
    f = FIXTURE
    cases = [_attention_case("example, no mask", f["q"], f["k"], f["v"], None),
             _attention_case("example, keys 1 and 3 masked", f["q"], f["k"], f["v"],
                             np.array([[[1, 0, 1, 0]]], np.float32))]
    rng = np.random.default_rng(31)
    q, k, v = rng.normal(size=(3, 5, 6)), rng.normal(size=(3, 7, 6)), rng.normal(size=(3, 7, 4))
    ids = token_ids(rng, 3, 7, 9, pad=True)
    cases += [_attention_case("random 1: 3 sequences, 7 keys, no mask", q, k, v, None),
              _attention_case("random 2: padding mask", q, k, v, padding_mask(ids))]
    x = rng.normal(size=(2, 3, 6, 8))  # batch, heads, length, d_k: self-attention
    cases.append(_attention_case("random 3: 3 heads, look-ahead mask", x, x, rng.normal(size=(2, 3, 6, 5)),
                                 look_ahead_mask(6)[None]))
    q, k, v = rng.normal(size=(2, 4, 16)), rng.normal(size=(2, 3, 16)), rng.normal(size=(2, 3, 2))
    mask = padding_mask(np.array([[1, 2, 0], [3, 4, 5]]))
    cases.append(_attention_case("random 4: d_k 16, d_v 2, larger scores", 3 * q, k, v, mask))
    return cases


# --- the modules ------------------------------------------------------------------------------------------------


def _module_case(name: str, args: tuple, x: tuple, seed: int, what: str) -> Case:
    shapes = ", ".join("None" if a is None else str(np.shape(a)) for a in x)
    kwargs = {"x": x, "weights": seed, "seed": seed}
    return Case(name, args, seed=seed, probe=PROBE, probe_kwargs=kwargs, note=f"{args}; forward({shapes}); {what}",
                **TOL)


# (name, the module's arguments, shapes of the inputs, which masks, seed)
MHA = [
    ("example: self-attention, 2 heads, no mask", (8, 2), 5, 5, None, 41),
    ("cross-attention, padding mask", (8, 2), 3, 6, "padding", 42),
    ("4 heads, look-ahead mask", (12, 4), 6, 6, "look-ahead", 43),
    ("one head", (6, 1), 4, 3, "padding", 44),
    ("dropout 0.3 on the weights", (16, 4, 0.3), 5, 5, "padding", 45),
]
ENCODER_LAYER = [
    ("example: 4 features, 2 heads, no dropout", (4, 2, 8, 0.0), 2, 3, False, 51),
    ("padding mask, dropout 0.1", (8, 2, 16), 3, 5, True, 52),
    ("4 heads, dropout 0.3, eps 1e-3", (12, 4, 10, 0.3, 1e-3), 2, 6, True, 53),
    ("one head, no mask", (6, 1, 4, 0.2), 2, 4, False, 54),
]
ENCODER = [
    ("example: 2 layers, no dropout", (2, 4, 2, 8, 10, 6, 0.0), 2, 3, False, 61),
    ("padding mask, dropout 0.1", (2, 8, 2, 16, 20, 10), 3, 7, True, 62),
    ("3 layers, 4 heads, dropout 0.2", (3, 12, 4, 8, 15, 12, 0.2), 2, 5, True, 63),
    ("one layer, sequences as long as the encoding", (1, 6, 3, 6, 7, 4), 2, 4, True, 64),
]
DECODER_LAYER = [
    ("example: both masks, no dropout", (4, 2, 8, 0.0), 2, 3, 4, "both", 71),
    ("no masks, dropout 0.1", (8, 2, 16), 2, 5, 3, "none", 72),
    ("look-ahead only, 4 heads, dropout 0.3", (12, 4, 6, 0.3), 3, 4, 6, "look-ahead", 73),
    ("both masks, one head, eps 1e-3", (6, 1, 5, 0.2, 1e-3), 2, 6, 5, "both", 74),
]
DECODER = [
    ("example: 2 layers, both masks, no dropout", (2, 4, 2, 8, 10, 6, 0.0), 2, 3, 4, "both", 81),
    ("no masks, dropout 0.1", (2, 8, 2, 16, 12, 8), 2, 5, 3, "none", 82),
    ("3 layers, look-ahead only, dropout 0.2", (3, 12, 4, 8, 9, 10, 0.2), 3, 6, 5, "look-ahead", 83),
    ("one layer, both masks", (1, 6, 3, 6, 5, 5), 2, 5, 6, "both", 84),
]
TRANSFORMER = [
    ("example: 2 layers, every mask, no dropout", (2, 4, 2, 8, 10, 9, 6, 5, 0.0), 2, 5, 4, True, 91),
    ("no masks, dropout 0.1", (1, 8, 2, 16, 12, 7, 8, 6), 2, 6, 3, False, 92),
    ("every mask, 4 heads, dropout 0.2", (2, 12, 4, 8, 11, 13, 10, 9, 0.2), 3, 7, 6, True, 93),
    ("one layer, every mask", (1, 6, 3, 6, 6, 5, 5, 4), 2, 5, 4, True, 94),
]


def MultiHeadAttention_cases() -> list[Case]:
    cases = []
    for name, args, lq, lk, mask, seed in MHA:
        rng = np.random.default_rng(seed)
        d = args[0]
        query, key, value = rng.normal(size=(3, lq, d)), rng.normal(size=(3, lk, d)), rng.normal(size=(3, lk, d))
        if lq == lk and mask != "padding":
            key = value = query
        m = {None: None, "padding": padding_mask(token_ids(rng, 3, lk, 5, pad=True)),
             "look-ahead": look_ahead_mask(lq)}[mask]  # fmt: skip
        cases.append(_module_case(name, args, (query, key, value, m), seed, f"mask: {mask or 'none'}"))
    return cases


def EncoderLayer_cases() -> list[Case]:
    cases = []
    for name, args, batch, length, masked, seed in ENCODER_LAYER:
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(batch, length, args[0]))
        mask = padding_mask(token_ids(rng, batch, length, 6, pad=True)) if masked else None
        cases.append(_module_case(name, args, (x, mask), seed, "padding mask" if masked else "no mask"))
    return cases


def Encoder_cases() -> list[Case]:
    cases = []
    for name, args, batch, length, masked, seed in ENCODER:
        rng = np.random.default_rng(seed)
        ids = token_ids(rng, batch, length, args[4], pad=masked)
        mask = padding_mask(ids) if masked else None
        cases.append(_module_case(name, args, (ids, mask), seed, "padding mask" if masked else "no mask"))
    return cases


def _decoder_masks(rng: np.random.Generator, batch: int, lt: int, ls: int, masks: str) -> tuple:
    """(look_ahead_mask, padding_mask) as ``masks`` asks: "both", "look-ahead", or "none"."""
    source = token_ids(rng, batch, ls, 7, pad=True)
    look = look_ahead_mask(lt) if masks in ("both", "look-ahead") else None
    return look, padding_mask(source) if masks == "both" else None


def DecoderLayer_cases() -> list[Case]:
    cases = []
    for name, args, batch, lt, ls, masks, seed in DECODER_LAYER:
        rng = np.random.default_rng(seed)
        x, enc = rng.normal(size=(batch, lt, args[0])), rng.normal(size=(batch, ls, args[0]))
        look, pad = _decoder_masks(rng, batch, lt, ls, masks)
        cases.append(_module_case(name, args, (x, enc, look, pad), seed, f"masks: {masks}"))
    return cases


def Decoder_cases() -> list[Case]:
    cases = []
    for name, args, batch, lt, ls, masks, seed in DECODER:
        rng = np.random.default_rng(seed)
        ids, enc = token_ids(rng, batch, lt, args[4], pad=False), rng.normal(size=(batch, ls, args[1]))
        look, pad = _decoder_masks(rng, batch, lt, ls, masks)
        cases.append(_module_case(name, args, (ids, enc, look, pad), seed, f"masks: {masks}"))
    return cases


def Transformer_cases() -> list[Case]:
    cases = []
    for name, args, batch, ls, lt, masks, seed in TRANSFORMER:
        rng = np.random.default_rng(seed)
        source = token_ids(rng, batch, ls, args[4], pad=masks)
        target = token_ids(rng, batch, lt, args[5], pad=False)
        pad = padding_mask(source) if masks else None
        x = (source, target, pad, look_ahead_mask(lt) if masks else None, pad)
        cases.append(_module_case(name, args, x, seed, "every mask" if masks else "no masks"))
    return cases


CHECKS = {
    "get_angles": get_angles_cases,
    "positional_encoding": positional_encoding_cases,
    "scaled_dot_product_attention": scaled_dot_product_attention_cases,
    "MultiHeadAttention": MultiHeadAttention_cases,
    "EncoderLayer": EncoderLayer_cases,
    "Encoder": Encoder_cases,
    "DecoderLayer": DecoderLayer_cases,
    "Decoder": Decoder_cases,
    "Transformer": Transformer_cases,
}
