"""Correct solutions of C4W1A2 written differently from the reference: each must pass every case."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant

# --- images_to_tensor -------------------------------------------------------------------------------------------


@variant("images_to_tensor")
def images_numpy_first(X_orig):
    return torch.from_numpy(np.ascontiguousarray(np.transpose(X_orig, (0, 3, 1, 2)), dtype=np.float32) / 255)


@variant("images_to_tensor")
def images_movedim(X_orig):
    return torch.tensor(X_orig).movedim(-1, 1).float().div(255.0).contiguous()


# --- happyModel -------------------------------------------------------------------------------------------------


@variant("happyModel")
def happy_padding_in_the_conv():
    # padding=3 inside the conv pads with zeros exactly as nn.ZeroPad2d(3) does
    return nn.Sequential(OrderedDict(
        conv=nn.Conv2d(3, 32, (7, 7), padding=3), bn=nn.BatchNorm2d(32), relu=nn.ReLU(inplace=True),
        pool=nn.MaxPool2d(2, stride=2), flatten=nn.Flatten(), fc=nn.Linear(32768, 1),
    ))  # fmt: skip


@variant("happyModel")
def happy_as_a_class():
    class Happy(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv, self.bn, self.fc = nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.Linear(32 * 32 * 32, 1)

        def forward(self, x):
            x = F.relu(self.bn(self.conv(F.pad(x, (3, 3, 3, 3)))))
            return self.fc(F.max_pool2d(x, 2).reshape(len(x), -1))

    return Happy()


# --- train_epoch ------------------------------------------------------------------------------------------------


@variant("train_epoch")
def train_zero_grad_last(model, batches, loss_fn, optimizer):
    model.train(True)
    losses = []
    for inputs, targets in batches:
        output = model(inputs)
        loss = loss_fn(output, targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()  # ready for the next batch; the model came with no gradients
        losses.append(float(loss.detach()))
    return losses


@variant("train_epoch")
def train_module_zero_grad(model, batches, loss_fn, optimizer):
    model.train()
    losses: list[float] = []
    for batch in batches:
        model.zero_grad(set_to_none=False)
        loss = loss_fn(model(batch[0]), batch[1])
        loss.backward()
        optimizer.step()
        losses += [loss.detach().item()]
    return losses


# --- predict ----------------------------------------------------------------------------------------------------


@variant("predict")
def predict_probabilities(model, X):
    model.train(False)
    with torch.inference_mode():
        scores = model(X)
    if scores.size(1) > 1:
        return torch.max(scores, dim=1).indices
    return (torch.sigmoid(scores) > 0.5).to(torch.int64).flatten()


@variant("predict")
def predict_no_grad_decorator(model, X):
    @torch.no_grad()
    def scores():
        model.eval()
        return model(X)

    out = scores()
    return out.squeeze(1).gt(0).long() if out.shape[-1] == 1 else out.argmax(-1)


# --- ConvolutionalModel -----------------------------------------------------------------------------------------


@variant("ConvolutionalModel")
class SignsSequential(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(3, 8, 4, padding="same"), nn.ReLU(), nn.MaxPool2d(8),
            nn.Conv2d(8, 16, 2, padding="same"), nn.ReLU(), nn.MaxPool2d(4),
            nn.Flatten(), nn.Linear(64, 6),
        )  # fmt: skip

    def forward(self, x):
        return self.layers(x)


@variant("ConvolutionalModel")
class SignsExplicitPadding(nn.Module):
    # "same" for an even kernel pads one pixel less before than after: (left, right, top, bottom)
    def __init__(self):
        super().__init__()
        self.c1, self.c2, self.out = nn.Conv2d(3, 8, 4), nn.Conv2d(8, 16, 2), nn.Linear(64, 6)

    def forward(self, x):
        a1 = torch.relu(self.c1(F.pad(x, (1, 2, 1, 2))))
        p1 = nn.functional.max_pool2d(a1, 8)
        a2 = torch.relu(self.c2(F.pad(p1, (0, 1, 0, 1))))
        p2 = nn.functional.max_pool2d(a2, 4)
        return self.out(p2.view(p2.shape[0], -1))
