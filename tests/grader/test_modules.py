"""PyTorch modules and builders as graded items (the sample assignment fx2): stubs method by method, grading by
behaviour through a probe in the child, seeds that seed torch, the assignment's own limits, and a diagnosis that
knows where the examples are."""

import numpy as np
import pytest
import torch

from dlspec.checking.compare import compare
from dlspec.checking.diagnose import diagnose
from dlspec.checking.probes import (
    DTYPES,
    EVAL,
    FROZEN_VALUES,
    REQUIRES_GRAD,
    SGD,
    SHAPES,
    STEP,
    frozen_report,
    module_report,
)
from dlspec.checking.run import call
from dlspec.checking.spec import Call
from dlspec.course.build import reference_source, stub_source
from dlspec.grader import grade
from dlspec.grader.grade import limits
from dlspec.grader.sandbox import Limits

HEADER = "import numpy as np\nimport torch\nfrom torch import nn\n\n"


def solution(a, **replace):
    """The answer key as a learner's file, with some graded items' code replaced."""
    return HEADER + "\n\n".join(replace.get(n) or reference_source(a, n) for n in a.names)


def test_a_class_stub_keeps_its_header_docstrings_and_attributes_and_stubs_each_method(fx2):
    stub = stub_source(fx2, "TinyNet")
    assert stub.startswith("class TinyNet(nn.Module):")
    assert 'kind = "mlp"' in stub
    assert 'raise NotImplementedError("TinyNet.__init__ is not implemented yet")' in stub
    assert 'raise NotImplementedError("TinyNet.forward is not implemented yet")' in stub
    assert "nn.Linear" not in stub and "def forward(self, x):" in stub


def test_the_answer_key_scores_full_in_the_sandbox_and_the_stubs_are_not_implemented(fx2):
    assert grade(fx2, source=solution(fx2)).score == 1.0
    stubs = HEADER + "\n\n".join(stub_source(fx2, n) for n in fx2.names)
    result = grade(fx2, source=stubs)
    assert result.gradable and [f.status for f in result.functions] == ["not_implemented"] * 3
    assert "TinyNet is not implemented yet" in result.functions[0].checks[0].message


def test_a_module_is_judged_by_behaviour_and_a_wrong_one_gets_its_hint_from_the_sandbox(fx2):
    wrong = '''
class TinyNet(nn.Module):
    def __init__(self, n_in, n_h, n_out, p=0.5):
        super().__init__()
        self.a, self.b, self.p = nn.Linear(n_in, n_h), nn.Linear(n_h, n_out), p

    def forward(self, x):
        return self.b(nn.functional.dropout(torch.relu(self.a(x)), self.p))
'''
    result = grade(fx2, source=solution(fx2, TinyNet=wrong))
    bad = result.functions[0].first_failure
    assert bad.status == "failed" and EVAL in bad.message
    assert "training=self.training" in bad.hint


def test_a_builder_that_returns_no_module_is_told_so(fx2):
    wrong = "def build_classifier(n_in, n_classes):\n    return [nn.Linear(n_in, 8), nn.Tanh(), nn.Linear(8, 2)]\n"
    bad = grade(fx2, source=solution(fx2, build_classifier=wrong)).functions[1].first_failure
    assert "a torch.nn.Module is due, not list" in bad.message


def test_weights_come_from_a_named_asset_loaded_in_the_child(fx2):
    [named] = [c for c in fx2.cases("TinyNet") if c.probe_kwargs.get("weights") == "fx2-tinynet"]
    report = call(fx2.function("TinyNet").resolve(), named.call)
    assert report[SHAPES] == [[5, 4], [5], [3, 5], [3]] and report[EVAL].shape == (6, 3)


def test_weights_are_injected_by_name_or_else_in_order_and_a_shape_mismatch_is_explained():
    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Linear(3, 1))
    weights = {"0.weight": np.ones((3, 2)), "0.bias": np.zeros(3), "1.weight": np.ones((1, 3)), "1.bias": np.ones(1)}
    x = np.array([[1.0, 2.0]])
    assert module_report(net, x, weights)[EVAL].tolist() == [[10.0]]
    assert module_report(net, x, list(weights.values()))[EVAL].tolist() == [[10.0]]
    with pytest.raises(ValueError, match=r"shapes \[\(3, 2\), \(3,\), \(1, 3\), \(1,\)\]"):
        module_report(net, x, [np.ones((3, 2))])


def test_a_frozen_embedding_is_reported_as_built_and_word_indices_stay_integers():
    table = np.arange(12.0).reshape(4, 3)
    embedding = torch.nn.Embedding.from_pretrained(torch.as_tensor(table, dtype=torch.float32), freeze=True)
    report = frozen_report(embedding, np.array([[3, 0], [1, 1]]))
    assert report[REQUIRES_GRAD] == [False] and report[DTYPES] == ["float32"]
    assert np.array_equal(report[FROZEN_VALUES][0], table) and np.array_equal(report[EVAL], table[[[3, 0], [1, 1]]])
    net = torch.nn.Sequential(torch.nn.Embedding(4, 3), torch.nn.Flatten(), torch.nn.Linear(6, 2))
    net[0].weight.requires_grad = False
    weights = [table, np.ones((2, 6)), np.zeros(2)]
    report = frozen_report(net, np.array([[1, 2]]), weights, target=np.zeros((1, 2)))
    assert report[REQUIRES_GRAD] == [False, True, True] and report[EVAL].tolist() == [[33.0, 33.0]]
    assert np.array_equal(report[STEP][0], table), "the SGD step moved a frozen parameter"


def test_a_probe_takes_no_step_when_the_output_is_not_shaped_like_the_target():
    net = torch.nn.Linear(2, 3)
    report = module_report(net, np.ones((4, 2)), [np.ones((3, 2)), np.zeros(3)], target=np.zeros((4, 1)))
    assert report[STEP] == "not taken: the output has shape (4, 3), the target (4, 1)"


def test_the_probes_sgd_steps_as_torch_optim_sgd_does():
    # the probe's own optimiser exists only because creating a torch.optim one costs a second (torch._dynamo)
    def trained(make_optimizer):
        torch.manual_seed(0)
        net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
        optimizer = make_optimizer(net.parameters())
        for _ in range(3):
            optimizer.zero_grad()
            net(torch.ones(5, 3)).square().sum().backward()
            optimizer.step()
        return [p.detach() for p in net.parameters()]

    ours, theirs = trained(lambda p: SGD(p, lr=0.05)), trained(lambda p: torch.optim.SGD(p, lr=0.05))
    assert all(torch.allclose(a, b) for a, b in zip(ours, theirs, strict=True))


def test_a_seed_seeds_torch_python_and_numpy_alike():
    def draw(n):
        import random

        return torch.nn.Linear(n, 2).weight.detach().numpy().copy(), random.random(), np.random.rand()

    first, second = call(draw, Call((3,), seed=5)), call(draw, Call((3,), seed=5))
    assert compare(first, second, 0, 0) is None
    assert compare(first, call(draw, Call((3,), seed=6)), 0, 0) is not None


def test_the_assignment_sets_its_own_limits_and_the_rest_stay_the_defaults(fx2):
    assert limits(fx2) == Limits(memory=3 * 2**30, load_seconds=40.0)
    assert {f.timeout for f in fx2.functions} == {20.0}


def test_an_unknown_limit_is_refused(tmp_path, fx2):
    toml = (fx2.folder / "assignment.toml").read_text().replace("load_seconds = 40", "load_seconds = 40\ndisk = 1")
    (tmp_path / "assignment.toml").write_text(toml)
    from dlspec.course.assignment import load_folder

    with pytest.raises(ValueError, match="unknown limits"):
        load_folder(tmp_path)


def test_the_diagnosis_counts_examples_on_the_axis_the_function_declares(fx2):
    wrong = "def mean_image(X):\n    return X.sum(axis=0, keepdims=True)\n"
    bad = grade(fx2, source=solution(fx2, mean_image=wrong), sandbox=False).functions[2].first_failure
    assert "m = 5 times too large" in bad.message  # X is (5, 2, 2, 3): m is on axis 0, not the 3 channels


def test_axes_in_another_order_are_named_with_where_the_examples_went():
    expected = np.arange(24.0).reshape(2, 3, 4, 1)
    got = expected.transpose(1, 2, 3, 0)  # (n_H, n_W, n_C, m)
    [message] = diagnose(compare(got, expected, 1e-6, 1e-8), (expected,), examples_axis=0)
    assert "axes are in another order" in message and "examples are on axis 3 instead of 0" in message
