"""Cases for C4W4A1, face recognition.

``triplet_loss`` first meets the original's hand-built triplets (two numbers each, where the answer can be worked
out on paper: 5, 1, 2, 0), then batches of random encodings in which some triplets already satisfy the margin and
others do not, so a missing ``max(., 0)``, a margin added outside it, a mean or a sum over the wrong axis all
change the result. Encodings require gradients: a loss that leaves PyTorch (through NumPy or ``.item()``) fails.

``verify`` and ``who_is_it`` run a stand-in encoder (``inputs.encoder``) on a random picture, against databases
whose photographs sit at chosen distances from the picture's encoding (in units of ``THRESHOLD``): a person's
nearest photograph is never their first, the nearest person is neither first nor last in the dict, and another
person is sometimes nearer than the one a visitor claims to be. Some cases pass the picture as a PNG path, some
store one photograph as ``(n_e,)`` instead of ``(1, n_e)``.
"""

from __future__ import annotations

from dlspec.checking.spec import Case

INPUTS = "dlspec.course.c4w4a1.inputs"
TOL = {"rtol": 1e-5, "atol": 1e-5}  # float32 sums, in whatever order the learner's code takes them


def _triplet(name: str, anchor: list, positive: list, negative: list, alpha: float) -> Case:
    made = {"anchor": anchor, "positive": positive, "negative": negative, "alpha": alpha}
    note = f"anchor {anchor}, positive {positive}, negative {negative}, alpha {alpha}"
    return Case(name, make=f"{INPUTS}:given_triplet", make_kwargs=made, note=note, **TOL)


def triplet_loss_cases() -> list[Case]:
    cases = [Case("example: 3 triplets of 128 numbers near 6", make=f"{INPUTS}:random_triplets",
                  make_kwargs={"seed": 1, "m": 3, "n_e": 128, "alpha": 0.2, "mean": 6.0, "spread": 1.0},
                  note="anchor, positive, negative (3, 128), alpha 0.2", **TOL)]  # fmt: skip
    cases += [
        _triplet("all three the same: the loss is alpha", [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], 5.0),
        _triplet("negative 2 away (squared), alpha 3", [1.0, 1.0], [1.0, 1.0], [0.0, 0.0], 3.0),
        _triplet("positive 2 away (squared), alpha 0", [1.0, 1.0], [0.0, 0.0], [1.0, 1.0], 0.0),
        _triplet("a negative alpha: nothing to push, the loss is 0", [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], -2.0),
        _triplet("two triplets, one already far enough", [[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]],
                 [[0.0, 0.0], [3.0, 3.0]], 3.0),
    ]  # fmt: skip
    for i, (m, n_e, alpha, spread) in enumerate([(8, 128, 0.2, 1.0), (5, 16, 0.5, 1.5), (12, 3, 0.1, 0.6),
                                                 (4, 64, 1.0, 2.0)]):  # fmt: skip
        made = {"seed": 10 + i, "m": m, "n_e": n_e, "alpha": alpha, "spread": spread}
        cases.append(Case(f"random {i + 1}", make=f"{INPUTS}:random_triplets", make_kwargs=made,
                          note=f"anchor, positive, negative ({m}, {n_e}), alpha {alpha}", **TOL))  # fmt: skip
    return cases


def _people(people: dict[str, list[float]]) -> str:
    return "; ".join(f"{name}: {', '.join(f'{d:g}' for d in ds)}" for name, ds in people.items())


def _door_case(name: str, maker: str, made: dict) -> Case:
    extra = [f"{made['n_e']} numbers an encoding"] if "n_e" in made else []
    extra += ["the picture given as a path"] if made.get("as_path") else []
    extra += ["one photograph stored as (n_e,)"] if made.get("flat") else []
    note = ("distances of each person's photographs from the picture, in THRESHOLDs: " + _people(made["people"])
            + "".join(f"; {e}" for e in extra))  # fmt: skip
    return Case(name, make=f"{INPUTS}:{maker}", make_kwargs=made, note=note, **TOL)


def verify_cases() -> list[Case]:
    def case(name: str, seed: int, identity: str, people: dict, **more) -> Case:
        note_name = f"{name} (claims to be {identity})"
        return _door_case(note_name, "verify_inputs", {"seed": seed, "identity": identity, "people": people, **more})

    return [
        case("example: a match", 1, "ana", {"ana": [0.5], "bo": [1.8]}),
        case("no match", 2, "bo", {"ana": [0.4], "bo": [1.5]}),
        case("three photographs, the second near", 3, "cy", {"ana": [2.0], "cy": [1.6, 0.45, 2.4]}),
        case("three photographs, none near enough", 4, "cy", {"cy": [1.9, 1.3, 1.1], "dee": [0.2]}),
        case("just inside the threshold", 5, "ana", {"ana": [1.4, 0.93], "bo": [2.0]}, n_e=16),
        case("just outside the threshold", 6, "ana", {"ana": [1.07, 1.5]}, n_e=16),
        case("a PNG path; one photograph stored flat", 7, "eve", {"eve": [0.6], "fay": [1.2, 0.1]}, as_path=True,
             flat=True),
        case("near in one of four photographs", 8, "gus", {"gus": [2.5, 1.2, 3.0, 0.7], "hal": [0.5]}, n_e=32,
             size=30),
    ]  # fmt: skip


def who_is_it_cases() -> list[Case]:
    def case(name: str, seed: int, people: dict, **more) -> Case:
        return _door_case(name, "who_is_it_inputs", {"seed": seed, "people": people, **more})

    return [
        case("example: one photograph each", 11, {"ana": [1.5], "bo": [0.5], "cy": [1.2]}),
        case("several photographs each", 12, {"ana": [0.9, 1.8], "bo": [1.4, 0.3, 2.0], "cy": [0.7]}),
        case("nobody near enough", 13, {"ana": [1.6, 2.2], "bo": [2.4], "cy": [1.9, 1.3], "dee": [2.0]}),
        case("the nearest photograph is the only near one", 14, {"ana": [0.6, 3.0], "bo": [0.9, 0.8, 1.1],
             "cy": [1.5]}, n_e=16),
        case("a PNG path; photographs stored flat", 15, {"ana": [1.1], "bo": [0.4], "cy": [0.9]}, as_path=True,
             flat=True),
        case("five people", 16, {"ana": [2.0, 1.0], "bo": [1.7], "cy": [2.5, 0.35, 3.0], "dee": [0.8],
             "eve": [1.2, 0.5]}, n_e=64, size=20),
    ]  # fmt: skip


CHECKS = {"triplet_loss": triplet_loss_cases, "verify": verify_cases, "who_is_it": who_is_it_cases}
