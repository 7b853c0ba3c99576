"""Cases for C6W1A1, deep Q-networks: the NumPy pieces compared with the reference, the random ones judged by their
statistics, and the training function by what the agent it trains does.

* ``epsilon_greedy`` draws; any correct order of draws passes: the judge counts how often the action differs from
  the greedy one (ε·(n-1)/n of the states, since a random action may be the greedy one) and, with ε = 1, how evenly
  the actions spread, within five standard deviations (one learner in some 10^6 fails by chance).
* ``ReplayBuffer`` is filled by a probe with transitions that carry their own number, so a sample tells which slots
  it came from: overwritten or never-filled slots, fields of different transitions mixed, a sample that sees only
  part of the buffer, and whether the seed decides the draws.
* ``td_targets`` meets a batch with one transition cut off by the time limit (truncated, bootstraps) and one at a
  true end (terminated, does not).
* ``train_dqn`` is an outcome: the greedy return of the agent it trains on CartPole-v1, over ten fixed episodes, must
  be well above a random agent's (about 22). Two seeds, each its own case: a learner's correct loop that meets one
  unlucky seed keeps half the function's points, and the grade still passes.
"""

from __future__ import annotations

import itertools

import numpy as np

from dlspec.checking.spec import Case
from dlspec.course.c6w1a1.probes import KEYS

PROBES = "dlspec.course.c6w1a1.probes"
LEARNING_STEPS = 12_000  # 10-20 seconds of training a case on one core of a 2-core machine
PASS_RETURN = 75.0  # the greedy mean to reach: random play scores about 22, the reference 100-170
EVAL_SEEDS = list(range(1000, 1010))
SIGMAS = 5.0


def linear_epsilon_cases() -> list[Case]:
    return [
        Case("example", args=(2_500, 1.0, 0.05, 10_000), note="a quarter of the way"),
        Case("start", args=(0, 1.0, 0.1, 500), note="step 0"),
        Case("halfway", args=(250, 0.9, 0.1, 500)),
        Case("at the end", args=(500, 1.0, 0.02, 500)),
        Case("long after the end", args=(7_000, 1.0, 0.05, 2_000), note="clamped at end"),
        Case("odd numbers", args=(333, 0.8, 0.3, 1_000)),
    ]


def judge_epsilon_greedy(got, expected, args: tuple) -> str | None:
    """One valid action per state; ε·(n-1)/n of them differ from the greedy action; with ε = 1 every action about
    equally often; a random action can be any action, not only the others. ``got`` is the probe's summary."""
    q, epsilon = args
    n_actions, shape = q.shape[-1], list(q.shape[:-1])
    if got["shape"] != shape:
        return f"one action per state: shape {tuple(shape)}, not {tuple(got['shape'])}"
    if not got["whole"] or got["low"] < 0 or got["high"] >= n_actions:
        return f"actions are whole numbers from 0 to {n_actions - 1}; got {got['low']:g} to {got['high']:g}"
    m, off = int(np.prod(shape)), got["off_greedy"]
    if q.ndim == 1:
        return None if epsilon > 0 or off == 0 else "with ε = 0 the action is always the greedy one, argmax Q"
    rate = epsilon * (n_actions - 1) / n_actions
    spread = SIGMAS * np.sqrt(max(rate * (1 - rate), 1 / m) / m)
    if abs(off - rate) > spread:
        return (f"{off:.1%} of the actions differ from argmax Q; with ε = {epsilon} and {n_actions} actions about "
                f"{rate:.1%} should (a random action is the greedy one 1/{n_actions} of the time)")  # fmt: skip
    if epsilon == 1:
        share = 1 / n_actions
        if np.abs(np.array(got["counts"]) / m - share).max() > SIGMAS * np.sqrt(share * (1 - share) / m):
            return f"with ε = 1 each action should come about equally often; counts {got['counts']}"
    return None


def epsilon_greedy_cases() -> list[Case]:
    cases = []
    for name, m, n, epsilon, seed in [("example", 1, 3, 0.0, 1), ("one state, ε = 0.5", 1, 2, 0.5, 2),
                                      ("ε = 0", 500, 4, 0.0, 3), ("ε = 1", 6_000, 3, 1.0, 4),
                                      ("ε = 0.3", 6_000, 3, 0.3, 5),
                                      ("ε = 0.1, 2 actions", 8_000, 2, 0.1, 6)]:  # fmt: skip
        q = np.random.default_rng(seed).normal(size=(m, n))
        q = q[0] if m == 1 else q
        note = "one state, ε = 0: the greedy action" if name == "example" else f"q_values {q.shape}"
        cases.append(Case(name, args=(q, epsilon), seed=seed, probe=f"{PROBES}:actions_report",
                          probe_kwargs={"q_values": q}, judge=judge_epsilon_greedy, note=note))  # fmt: skip
    return cases


def judge_buffer(got, expected, capacity: int, n_add: int) -> str | None:
    """Its length, the dtypes, every sampled transition a real one among those kept (the last ``capacity`` of the
    ``n_add`` added), whole, the sample spread over the buffer, and the same draws for the same seed. ``got`` is the
    probe's summary."""
    if not got["batch"]:
        return f"sample should return a dict with the keys {', '.join(KEYS)}"
    if got["len"] != expected["len"]:
        return f"after {n_add} adds, len(buffer) should be {expected['len']} (at most capacity = {capacity}), " \
            f"not {got['len']}"
    for key, dtype in expected["dtypes"].items():
        if got["dtypes"][key] != dtype:
            return f"{key} should come out as {dtype}, not {got['dtypes'][key]}"
        if got["shapes"][key] != expected["shapes"][key]:
            return f"sample(batch_size)[{key!r}] should have shape {tuple(expected['shapes'][key])}, " \
                f"not {tuple(got['shapes'][key])}"
    ids = np.asarray(got["ids"])
    kept = set(range(max(1, n_add - capacity + 1), n_add + 1))
    if 0 in ids:
        return "the sample holds empty slots (all zeros): draw indices from the filled part only, 0 to len - 1"
    stale = sorted(set(ids.tolist()) - kept)
    if stale:
        return (f"the sample holds transition {stale[0]}, which the buffer no longer keeps: new transitions should "
                "overwrite the oldest ones (position = (position + 1) % capacity)")  # fmt: skip
    if not got["whole"]:
        return "a sampled row mixes fields of different transitions: use one index array for every field"
    seen = len(set(ids.tolist())) / len(kept)
    if seen < 0.5:
        return f"a large sample saw only {seen:.0%} of the kept transitions: draw uniformly over all filled slots"
    if not got["same_seed"]:
        return ("two buffers made with the same seed drew different samples: draw from the buffer's own generator, "
                "np.random.default_rng(seed), not from NumPy's global state")  # fmt: skip
    if got["other_seed"]:
        return "two buffers with different seeds drew the same samples: seed the buffer's generator with seed"
    return None


def ReplayBuffer_cases() -> list[Case]:
    cases = []
    for name, capacity, obs_dim, seed, n_add, batch in [("example", 8, 4, 0, 5, 32), ("full", 10, 3, 1, 10, 40),
                                                        ("overwritten", 6, 4, 2, 15, 60),
                                                        ("twice round", 5, 2, 3, 23, 50),
                                                        ("large", 100, 4, 4, 130, 300)]:  # fmt: skip
        kwargs = {"capacity": capacity, "obs_dim": obs_dim, "seed": seed, "n_add": n_add, "batch_size": batch}
        note = f"ReplayBuffer({capacity}, {obs_dim}, seed={seed}), {n_add} adds, sample({batch})"
        cases.append(Case(name, args=(capacity, obs_dim, seed), probe=f"{PROBES}:buffer_report",
                          probe_kwargs=kwargs, judge=_buffer_judge(capacity, n_add), note=note))  # fmt: skip
    return cases


def _buffer_judge(capacity: int, n_add: int):
    return lambda got, expected, args: judge_buffer(got, expected, capacity, n_add)


def td_targets_cases() -> list[Case]:
    rewards = np.array([1.0, 1.0, 1.0, 0.0])
    next_q = np.array([[2.0, 3.0], [0.5, -1.0], [4.0, 1.0], [-2.0, -0.5]])
    terminated = np.array([False, True, False, False])
    truncated = np.array([False, False, True, False])  # the third is cut off by the time limit: it bootstraps
    cases = [Case("example", args=(rewards, next_q, terminated, truncated, 0.9),
                  note="4 transitions: the 2nd terminated, the 3rd truncated")]  # fmt: skip
    for name, m, n, gamma, seed in [("8 x 3", 8, 3, 0.99, 1), ("16 x 2", 16, 2, 0.95, 2), ("5 x 6", 5, 6, 0.5, 3)]:
        rng = np.random.default_rng(seed)
        ends = rng.permutation(np.arange(m) % 3)  # about a third of each: going on, terminated, truncated
        args = (rng.normal(size=m), rng.normal(size=(m, n)), ends == 1, ends == 2, gamma)
        cases.append(Case(name, args=args, note=f"rewards ({m},), next_q_values ({m}, {n}), gamma {gamma}"))
    cases.append(Case("both flags", args=(np.array([0.5, 2.0]), np.array([[1.0, 2.0], [3.0, 0.0]]),
                                          np.array([1.0, 0.0]), np.array([1.0, 1.0]), 0.9),
                      note="terminated and truncated as 0/1 floats"))  # fmt: skip
    return cases


def huber_loss_cases() -> list[Case]:
    cases = [Case("example", args=(np.array([0.5, 2.0, -3.0, 0.1]), np.array([0.0, 0.0, 0.0, 0.3])),
                  note="errors 0.5, 2, -3, -0.2; delta 1")]  # fmt: skip
    for name, m, scale, delta, seed in [("m = 10, delta 1", 10, 2.0, 1.0, 1), ("m = 7, delta 0.5", 7, 1.0, 0.5, 2),
                                        ("m = 20, delta 2", 20, 3.0, 2.0, 3)]:  # fmt: skip
        rng = np.random.default_rng(seed)
        args = (rng.normal(size=m) * scale, rng.normal(size=m))
        cases.append(Case(name, args=args, kwargs={"delta": delta}, note=f"pred ({m},), target ({m},)"))
    return cases


def q_learning_loss_cases() -> list[Case]:
    cases = [Case("example", args=(np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]]), np.array([1, 0, 0]),
                                   np.array([2.5, 3.0, 0.0])), note="3 states, 2 actions")]  # fmt: skip
    for name, m, n, delta, seed in [("6 x 3", 6, 3, 1.0, 1), ("10 x 4, delta 0.5", 10, 4, 0.5, 2),
                                    ("4 x 5", 4, 5, 1.0, 3)]:  # fmt: skip
        rng = np.random.default_rng(seed)
        args = (rng.normal(size=(m, n)) * 2, rng.integers(0, n, size=m), rng.normal(size=m) * 2)
        cases.append(Case(name, args=args, kwargs={"delta": delta}, note=f"q_values ({m}, {n}), actions ({m},)"))
    return cases


def _params(seed: int, sizes: tuple[int, ...]) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {}
    for layer, (n_in, n_out) in enumerate(itertools.pairwise(sizes), start=1):
        params[f"W{layer}"], params[f"b{layer}"] = rng.normal(size=(n_out, n_in)), rng.normal(size=(n_out, 1))
    return params


def update_target_cases() -> list[Case]:
    cases = []
    for name, tau, sizes, seed in [("example", 0.1, (3, 2), 1), ("hard update", 1.0, (4, 5, 2), 2),
                                   ("Polyak, tau 0.005", 0.005, (4, 8, 2), 3), ("tau 0.5", 0.5, (2, 3, 3, 1), 4),
                                   ("tau 0", 0.0, (3, 2), 5)]:  # fmt: skip
        args = (_params(seed, sizes), _params(seed + 100, sizes), tau)
        cases.append(Case(name, args=args, keep_args=True, note=f"layers {sizes}, tau {tau}"))
    return cases


def judge_learning(got, expected, args: tuple) -> str | None:
    """The greedy agent's mean return over the fixed episodes, against the pass mark."""
    mean = float(np.mean(got["greedy"]))
    if mean >= PASS_RETURN:
        return None
    trained = got["training"]
    last = f"; the last training episodes returned {trained[-5:].round().astype(int).tolist()}" if trained.size else ""
    return (f"the trained agent's greedy return is {mean:.0f} on average over {len(got['greedy'])} episodes; it "
            f"should reach {PASS_RETURN:.0f} (random play scores about 22){last}")  # fmt: skip


def train_dqn_cases() -> list[Case]:
    return [Case(f"learns CartPole, seed {seed}", args=("CartPole-v1", LEARNING_STEPS, seed), seed=seed,
                 probe=f"{PROBES}:learning_report", probe_kwargs={"env_id": "CartPole-v1", "seeds": EVAL_SEEDS},
                 judge=judge_learning, note=f"{LEARNING_STEPS} steps, greedy return over 10 fixed episodes")
            for seed in (0, 1)]  # fmt: skip


CHECKS = {
    "linear_epsilon": linear_epsilon_cases,
    "epsilon_greedy": epsilon_greedy_cases,
    "ReplayBuffer": ReplayBuffer_cases,
    "td_targets": td_targets_cases,
    "huber_loss": huber_loss_cases,
    "q_learning_loss": q_learning_loss_cases,
    "update_target": update_target_cases,
    "train_dqn": train_dqn_cases,
}
