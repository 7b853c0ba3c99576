"""The ConvNets of Course 4 week 1's application (C4W1A2), in PyTorch: a smile detector built as an
``nn.Sequential`` and the SIGNS classifier built as an ``nn.Module`` subclass, with the helpers that feed, train
and read them.

The original built the same two networks with Keras's Sequential and Functional APIs on channels-last images
``(m, n_H, n_W, n_C)``. PyTorch's layers want channels first, ``(m, n_C, n_H, n_W)``, so the data are converted
once (``images_to_tensor``). Both models return logits, never probabilities: the losses (``BCEWithLogitsLoss``,
``CrossEntropyLoss``) apply the sigmoid or softmax themselves, in a numerically stable way.

Only the names the notebook imports are used here (``torch``, ``nn``, ``F``), because each reference is pasted
verbatim into the answer-key notebook.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def images_to_tensor(X_orig):
    """Images as PyTorch's layers want them.

    Arguments:
    X_orig -- uint8 array of shape (m, n_H, n_W, n_C), values 0..255: examples first, channels last

    Returns:
    X -- float32 tensor of shape (m, n_C, n_H, n_W), values in [0, 1]: channels before height and width
    """
    X = torch.as_tensor(X_orig, dtype=torch.float32).permute(0, 3, 1, 2) / 255
    return X


def happyModel():
    """The smile detector of Part 1, for images of shape (m, 3, 64, 64), as an nn.Sequential of:

    ZeroPad2d(3) -> Conv2d(3 -> 32 channels, 7x7, stride 1) -> BatchNorm2d(32) -> ReLU -> MaxPool2d(2x2) ->
    Flatten -> Linear(32 * 32 * 32 -> 1)

    Returns:
    model -- the nn.Sequential; its output, shape (m, 1), is the logit of "smiling" (no sigmoid: the loss has it)
    """
    model = nn.Sequential(
        nn.ZeroPad2d(3),
        nn.Conv2d(3, 32, kernel_size=7, stride=1),
        nn.BatchNorm2d(32),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=2),
        nn.Flatten(),
        nn.Linear(32 * 32 * 32, 1),
    )
    return model


def train_epoch(model, batches, loss_fn, optimizer):
    """One pass of training over the mini-batches.

    Arguments:
    model -- an nn.Module, in whatever mode the last call left it
    batches -- iterable of (X, Y) pairs: a mini-batch of inputs and its targets (a DataLoader, or a list)
    loss_fn -- called as loss_fn(output, Y); returns a 0-d tensor
    optimizer -- an optimiser over model.parameters(), such as torch.optim.Adam: anything with zero_grad() and step()

    Returns:
    losses -- list of Python floats: each mini-batch's loss, computed before that batch's update
    """
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(model, X):
    """The class that ``model`` predicts for each example of X.

    Arguments:
    model -- a trained nn.Module, in whatever mode the last call left it
    X -- float32 tensor of shape (m, n_C, n_H, n_W)

    Returns:
    labels -- int64 tensor of shape (m,). A model with one output (a logit) predicts 1 where the logit is
              positive, that is where the probability exceeds 0.5, else 0; a model with several outputs predicts
              the index of the largest.
    """
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).long()
    return logits.argmax(dim=1)


class ConvolutionalModel(nn.Module):
    """The SIGNS classifier of Part 2, for images of shape (m, 3, 64, 64):

    Conv2d(3 -> 8 channels, 4x4, stride 1, padding "same") -> ReLU -> MaxPool2d(8x8, stride 8) ->
    Conv2d(8 -> 16 channels, 2x2, stride 1, padding "same") -> ReLU -> MaxPool2d(4x4, stride 4) ->
    Flatten -> Linear(16 * 2 * 2 -> 6)

    forward returns the six class scores (logits), shape (m, 6): nn.CrossEntropyLoss applies the softmax.
    """

    def __init__(self):
        """Create the layers that hold weights, in the order the data meets them."""
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, kernel_size=4, stride=1, padding="same")
        self.conv2 = nn.Conv2d(8, 16, kernel_size=2, stride=1, padding="same")
        self.fc = nn.Linear(16 * 2 * 2, 6)

    def forward(self, x):
        """The logits (m, 6) of a batch x of shape (m, 3, 64, 64)."""
        x = F.max_pool2d(F.relu(self.conv1(x)), kernel_size=8, stride=8)
        x = F.max_pool2d(F.relu(self.conv2(x)), kernel_size=4, stride=4)
        return self.fc(torch.flatten(x, start_dim=1))
