"""The original course's helper modules resolve to dlspec, so saved notebooks import and grade unchanged."""

import importlib
import sys

import numpy as np
import pytest

from dlspec.compat import DIR as COMPAT_DIR


@pytest.fixture
def compat(monkeypatch):
    monkeypatch.syspath_prepend(COMPAT_DIR)
    return importlib.import_module


def test_dnn_utils_returns_activation_and_cache(compat):
    dnn_utils = compat("dnn_utils")
    Z = np.array([[-1.0, 2.0]])
    A, cache = dnn_utils.relu(Z)
    assert np.array_equal(A, [[0.0, 2.0]]) and cache is Z
    A, cache = dnn_utils.sigmoid(Z)
    assert np.allclose(dnn_utils.sigmoid_backward(np.ones_like(Z), cache), A * (1 - A))


@pytest.mark.parametrize(
    "name",
    ["public_tests", "test_cases", "testCases", "testCases_v2", "testCases_v3", "testCases_v4", "testCases_v4a",
     "test_utils", "outputs"],
)
def test_test_helpers_are_silent_no_ops(compat, name):
    module = compat(name)
    assert module.propagate_test(print) is None
    assert module.anything_at_all(1, x=2) is None
    namespace = {}
    exec(f"from {name} import *\nfrom {name} import single_test", namespace)
    assert namespace["single_test"]() is None
    with pytest.raises(AttributeError):
        module.__wrapped__  # noqa: B018 (dunder names stay real attribute errors)


def test_planar_utils_forwards_to_the_planar_data(compat):
    planar_utils = compat("planar_utils")
    X, Y = planar_utils.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert planar_utils.sigmoid(0.0) == 0.5
    assert planar_utils.plot_decision_boundary.__name__ == "plot_decision_boundary"


def test_dnn_app_utils_runs_the_deep_model_pieces(compat):
    app = compat("dnn_app_utils_v3")
    np.random.seed(1)
    params = app.initialize_parameters_deep([4, 3, 1])
    X = np.random.randn(4, 5)
    AL, caches = app.L_model_forward(X, params)
    assert AL.shape == (1, 5) and len(caches) == 2
    p = app.predict(X, (AL > 0.5).astype(int), params)
    assert p.shape == (1, 5)
    assert {"load_data", "print_mislabeled_images", "L_model_backward"} <= set(app.__all__)


def test_compat_modules_import_without_loading_their_targets(compat):
    sys.modules.pop("lr_utils", None)
    lr_utils = compat("lr_utils")
    assert lr_utils.load_dataset.__name__ == "load_faces"


def test_cnn_utils_loads_both_image_sets_and_one_hot_columns(compat):
    cnn_utils = compat("cnn_utils")
    assert cnn_utils.load_signs_dataset.__name__ == "load_signs_dataset"
    assert cnn_utils.load_happy_dataset.__name__ == "load_happy_dataset"
    one_hot = cnn_utils.convert_to_one_hot(np.array([[2, 0, 1]]), 4)
    assert one_hot.shape == (4, 3) and one_hot[:, 0].tolist() == [0, 0, 1, 0]


# What the original's notebooks import from each helper module, in every version of Courses 1, 2 and 5: every name must
# be there, or the whole import line fails and the graded functions meet a NameError.
ORIGINAL_IMPORTS = {
    "lr_utils": ["load_dataset"],
    "planar_utils": ["plot_decision_boundary", "sigmoid", "load_planar_dataset", "load_extra_datasets"],
    "dnn_utils": ["sigmoid", "sigmoid_backward", "relu", "relu_backward"],
    "dnn_utils_v2": ["sigmoid", "sigmoid_backward", "relu", "relu_backward"],
    "init_utils": ["sigmoid", "relu", "compute_loss", "forward_propagation", "backward_propagation",
                   "update_parameters", "predict", "load_dataset", "plot_decision_boundary", "predict_dec"],
    "reg_utils": ["sigmoid", "relu", "plot_decision_boundary", "initialize_parameters", "load_2D_dataset",
                  "predict_dec", "compute_cost", "predict", "forward_propagation", "backward_propagation",
                  "update_parameters"],
    "gc_utils": ["sigmoid", "relu", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector"],
    "rnn_utils": ["softmax", "sigmoid"],
    "utils": ["softmax", "smooth", "print_sample", "get_sample", "get_initial_loss", "initialize_parameters",
              "rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward", "update_parameters"],
    "w2v_utils": ["read_glove_vecs"],
    "emo_utils": ["read_glove_vecs", "softmax", "read_csv", "label_to_emoji", "print_predictions",
                  "plot_confusion_matrix", "predict", "convert_to_one_hot"],
    "opt_utils": ["load_params_and_grads", "initialize_parameters", "forward_propagation", "backward_propagation",
                  "compute_cost", "predict", "predict_dec", "plot_decision_boundary", "load_dataset"],
}
ORIGINAL_IMPORTS["opt_utils_v1a"] = ORIGINAL_IMPORTS["opt_utils"]
APP_UTILS = ["load_data", "initialize_parameters", "initialize_parameters_deep", "linear_forward",
             "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward",
             "linear_activation_backward", "L_model_backward", "update_parameters", "predict",
             "print_mislabeled_images", "sigmoid", "relu", "sigmoid_backward", "relu_backward"]


@pytest.mark.parametrize("name", sorted(ORIGINAL_IMPORTS))
def test_every_name_the_original_imports_is_there(compat, name):
    namespace = {}
    exec(f"from {name} import {', '.join(ORIGINAL_IMPORTS[name])}", namespace)
    assert all(callable(namespace[n]) for n in ORIGINAL_IMPORTS[name])


@pytest.mark.parametrize("name", ["dnn_app_utils", "dnn_app_utils_v2", "dnn_app_utils_v3"])
def test_app_utils_export_every_step(compat, name):
    namespace = {}
    exec(f"from {name} import *", namespace)
    assert set(APP_UTILS) <= set(namespace)


def test_app_utils_seed_inside_as_the_original_did(compat):
    app = compat("dnn_app_utils_v3")
    np.random.seed(5)
    first = app.initialize_parameters_deep([4, 3, 1])
    np.random.seed(6)
    assert all(np.array_equal(first[k], v) for k, v in app.initialize_parameters_deep([4, 3, 1]).items())
    assert np.std(first["W1"]) > 0.1  # scaled by 1/sqrt(4), not 0.01


def test_old_app_utils_number_activation_gradients_from_one(compat):
    np.random.seed(2)
    X, Y = np.random.randn(4, 5), np.array([[1, 0, 1, 1, 0]])
    new, old = compat("dnn_app_utils_v3"), compat("dnn_app_utils_v2")
    parameters = new.initialize_parameters_deep([4, 3, 2, 1])
    AL, caches = new.L_model_forward(X, parameters)
    grads, old_grads = new.L_model_backward(AL, Y, caches), old.L_model_backward(AL, Y, caches)
    assert sorted(k for k in grads if k.startswith("dA")) == ["dA0", "dA1", "dA2"]
    assert all(np.array_equal(old_grads[f"dA{l + 1}"], grads[f"dA{l}"]) for l in range(3))
    assert "dA3" in compat("dnn_app_utils").L_model_backward(AL, Y, caches)


def test_gc_utils_rebuild_only_the_original_network(compat):
    gc = compat("gc_utils")
    shapes = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    parameters = {k: np.random.default_rng(0).normal(size=s) for k, s in shapes.items()}
    theta, keys = gc.dictionary_to_vector(parameters)
    assert theta.shape == (47, 1) and keys[0] == "W1" and keys[-1] == "b3"
    assert all(np.array_equal(gc.vector_to_dictionary(theta)[k], v) for k, v in parameters.items())
    grads = gc.gradients_to_vector({f"d{k}": v for k, v in parameters.items()})
    assert np.array_equal(grads, theta)
    with pytest.raises(TypeError):
        gc.vector_to_dictionary(theta, parameters)  # the original's took one argument


def test_three_layer_helpers_train_and_predict(compat):
    reg, init = compat("reg_utils"), compat("init_utils")
    parameters = reg.initialize_parameters([2, 4, 3, 1])
    assert np.allclose(parameters["W1"], np.random.RandomState(3).randn(4, 2) / np.sqrt(2))
    X, Y = np.random.default_rng(1).normal(size=(2, 6)), np.array([[1, 0, 1, 0, 1, 1]])
    a3, cache = reg.forward_propagation(X, parameters)
    assert a3.shape == (1, 6) and len(cache) == 12
    grads = init.backward_propagation(X, Y, cache)
    assert {"dz3", "da2", "dW1", "db1"} <= set(grads)
    assert np.allclose(grads["dW1"], reg.backward_propagation(X, Y, cache)["dW1"])
    before = parameters["W1"]
    assert reg.update_parameters(parameters, grads, 0.1)["W1"] is not before
    assert reg.predict(X, Y, parameters).shape == (1, 6)
    assert reg.predict_dec(parameters, X).dtype == bool


def test_costs_of_the_helpers(compat):
    a3, Y = np.array([[0.9, 0.2, 1.0]]), np.array([[1, 0, 1]])
    mean = -(np.log(0.9) + np.log(0.8)) / 3  # the saturated third example adds 0, not NaN
    assert compat("reg_utils").compute_cost(a3, Y) == pytest.approx(mean)
    assert compat("init_utils").compute_loss(a3, Y) == pytest.approx(mean)
    assert compat("opt_utils").compute_cost(a3, Y) == pytest.approx(mean)
    assert compat("opt_utils_v1a").compute_cost(a3, Y) == pytest.approx(3 * mean)  # summed over the batch


def test_opt_utils_fixture_and_initialisation(compat):
    opt = compat("opt_utils")
    W1, b1, W2, b2, dW1, db1, dW2, db2 = opt.load_params_and_grads()
    assert W1.shape == dW1.shape == (2, 3) and b2.shape == db2.shape == (3, 1)
    assert np.array_equal(W1, np.random.RandomState(1).randn(2, 3))
    parameters = opt.initialize_parameters([3, 5, 1])
    assert np.allclose(parameters["W1"], np.random.RandomState(3).randn(5, 3) * np.sqrt(2 / 3))
