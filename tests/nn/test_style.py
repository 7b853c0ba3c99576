"""The style-transfer answer key against the original's formulas written in NumPy in TensorFlow's layout
(1, n_H, n_W, n_C), the original's test values, the grader's Adam stand-in against PyTorch's, and the pictures."""

import numpy as np
import torch

from dlspec.course.c4w4a2 import inputs
from dlspec.data.style_images import content_picture, starry_night
from dlspec.nn.style import compute_content_cost, compute_layer_style_cost, compute_style_cost, total_cost


def _nhwc(a: torch.Tensor) -> np.ndarray:
    return a.detach().permute(0, 2, 3, 1).numpy().astype(np.float64)


def _original_layer_style_cost(a_S: np.ndarray, a_G: np.ndarray) -> float:
    """The original's recipe: (1, n_H, n_W, n_C) reshaped to (n_H n_W, n_C), transposed, Gram, normalised."""
    _, n_H, n_W, n_C = a_G.shape
    S, G = (a.reshape(n_H * n_W, n_C).T for a in (a_S, a_G))
    return float(np.sum((S @ S.T - G @ G.T) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2))


def test_the_costs_equal_the_originals_computed_in_its_own_layout():
    content, generated = inputs.outputs_inputs(7, [(1, 3, 5, 4), (1, 6, 3, 7)])
    a_C, a_G = _nhwc(content[-1]), _nhwc(generated[-1])
    expected = np.sum((a_C - a_G) ** 2) / (4 * 3 * 7 * 6)
    np.testing.assert_allclose(compute_content_cost(content, generated).item(), expected, rtol=1e-5)
    layer = _original_layer_style_cost(_nhwc(content[0]), _nhwc(generated[0]))
    np.testing.assert_allclose(compute_layer_style_cost(content[0], generated[0]).item(), layer, rtol=1e-5)
    weighted = compute_style_cost(content, generated, [("a", 0.3)]).item()
    np.testing.assert_allclose(weighted, 0.3 * layer, rtol=1e-5)


def test_total_cost_gives_the_originals_test_values():
    assert np.isclose(total_cost(0.2, 0.8), 34) and np.isclose(total_cost(0.3, 0.5, 3, 8), 4.9)


def test_the_graders_adam_takes_the_steps_pytorchs_adam_takes():
    torch.manual_seed(0)
    target = torch.rand(2, 3)
    ours, theirs = torch.zeros(2, 3, requires_grad=True), torch.zeros(2, 3, requires_grad=True)
    inputs.optimizer.reset(ours, 0.05)
    reference = torch.optim.Adam([theirs], lr=0.05)
    for optimiser, x in ((inputs.optimizer, ours), (reference, theirs)):
        for _ in range(4):
            optimiser.zero_grad()
            ((x - target) ** 3).abs().sum().backward()
            optimiser.step()
    torch.testing.assert_close(ours, theirs, rtol=1e-6, atol=1e-7)


def test_the_pictures_are_square_rgb_in_0_1():
    for picture in (content_picture(48), starry_night(48), content_picture(40, "coffee")):
        assert picture.shape[2] == 3 and picture.shape[0] == picture.shape[1] and picture.dtype == np.float32
        assert 0 <= picture.min() and picture.max() <= 1 and picture.std() > 0.05
