"""Logistic regression as a one-neuron network: the answer key of Course 1 week 2's second assignment.

Conventions of the course: examples are columns, ``X`` is ``(n_x, m)``, labels ``Y`` are ``(1, m)`` of 0/1,
weights ``w`` are a column ``(n_x, 1)`` and the bias ``b`` is a Python float. Training is batch gradient descent
on the mean cross-entropy.

``sigmoid`` is the engine's plain sigmoid; the learner writes it in the same notebook, so it is imported under
that name.
"""

from __future__ import annotations

import numpy as np

from dlspec.nn.activations import sigmoid


def initialize_with_zeros(dim):
    """Create the parameters of one neuron with dim inputs, all zero.

    Argument:
    dim -- number of input features (the length of w)

    Returns:
    w -- numpy array of zeros, shape (dim, 1)
    b -- the bias, 0.0 as a Python float
    """
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def propagate(w, b, X, Y):
    """One forward and one backward pass: the cost and its gradients.

    Arguments:
    w -- weights, numpy array of shape (n_x, 1)
    b -- bias, a scalar
    X -- data, numpy array of shape (n_x, m), one example per column
    Y -- true labels (0 or 1), numpy array of shape (1, m)

    Returns:
    grads -- dict with "dw": gradient of the cost with respect to w, shape (n_x, 1),
             and "db": gradient with respect to b, a Python float
    cost -- mean cross-entropy over the m examples, a Python float
    """
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    grads = {"dw": dw, "db": float(db)}
    return grads, float(cost)


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Fit w and b by batch gradient descent.

    Arguments:
    w -- initial weights, numpy array of shape (n_x, 1)
    b -- initial bias, a scalar
    X -- data of shape (n_x, m)
    Y -- true labels of shape (1, m)
    num_iterations -- number of gradient steps
    learning_rate -- step size of each update
    print_cost -- if True, print the cost every 100 steps

    Returns:
    params -- dict with the learned "w" and "b"
    grads -- dict with "dw" and "db" from the last step's gradient computation
    costs -- list of the costs at steps 0, 100, 200, ... (before that step's update)
    """
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    params = {"w": w, "b": b}
    return params, grads, costs


def predict(w, b, X):
    """Predict 0 or 1 for every example with learned parameters.

    Arguments:
    w -- weights, numpy array of shape (n_x, 1)
    b -- bias, a scalar
    X -- data of shape (n_x, m)

    Returns:
    Y_prediction -- numpy array of shape (1, m) holding 1.0 where the predicted probability exceeds 0.5, else 0.0
    """
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A > 0.5).astype(float)
    return Y_prediction


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression from zero parameters and predict on both sets.

    Arguments:
    X_train -- training data of shape (n_x, m_train)
    Y_train -- training labels of shape (1, m_train)
    X_test -- test data of shape (n_x, m_test)
    Y_test -- test labels of shape (1, m_test)
    num_iterations -- number of gradient steps
    learning_rate -- step size of each update
    print_cost -- if True, print the cost every 100 steps and both accuracies

    Returns:
    d -- dict with "costs" (list, every 100 steps), "Y_prediction_test" (1, m_test),
         "Y_prediction_train" (1, m_train), "w", "b", "learning_rate" and "num_iterations"
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print(f"train accuracy: {100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100:.1f} %")
        print(f"test accuracy: {100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100:.1f} %")
    d = {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
    return d
