"""The confusion matrix the notebooks draw: counts by true and predicted class, or each row as shares."""

import numpy as np

from dlspec.viz.confusion import confusion_matrix, plot_confusion_matrix


def test_counts_and_shares():
    y_true, y_pred = np.array([0, 0, 0, 1, 2, 2]), np.array([0, 1, 1, 1, 2, 0])
    assert confusion_matrix(y_true, y_pred, 3).tolist() == [[1, 2, 0], [0, 1, 0], [1, 0, 1]]
    counts = plot_confusion_matrix(y_true, y_pred, ["a", "b", "c"])
    assert [t.get_text() for t in counts.texts][:3] == ["1", "2", "0"]
    assert counts.get_title() == "accuracy 50%"
    shares = plot_confusion_matrix(y_true, y_pred, ["a", "b", "c"], title="pixels", shares=True)
    assert [t.get_text() for t in shares.texts][:2] == ["0.33", "0.67"]  # row a: 1 of 3, 2 of 3; its 0 left blank
    assert len(shares.texts) == 5 and shares.get_title() == "pixels (accuracy 50%)"
