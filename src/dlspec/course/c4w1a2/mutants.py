"""Known mistakes in C4W1A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import mutant

# --- images_to_tensor -------------------------------------------------------------------------------------------


@mutant("images_to_tensor", "reshape keeps the bytes in their order, so each 'channel' becomes a mix of pixels and "
        "colours: move the channel axis with permute(0, 3, 1, 2).")  # fmt: skip
def images_reshaped(X_orig):
    m, n_H, n_W, n_C = X_orig.shape
    return torch.as_tensor(X_orig, dtype=torch.float32).reshape(m, n_C, n_H, n_W) / 255


@mutant("images_to_tensor", "Scale the pixels from 0..255 to [0, 1]: divide by 255.")
def images_unscaled(X_orig):
    return torch.as_tensor(X_orig, dtype=torch.float32).permute(0, 3, 1, 2)


@mutant("images_to_tensor", "permute(0, 3, 2, 1) swaps height and width: the order PyTorch wants is (m, n_C, n_H, "
        "n_W), so permute(0, 3, 1, 2).")  # fmt: skip
def images_transposed(X_orig):
    return torch.as_tensor(X_orig, dtype=torch.float32).permute(0, 3, 2, 1) / 255


@mutant("images_to_tensor", "Layers' weights are float32; a float64 tensor would make them refuse the input: "
        "convert with dtype=torch.float32.")  # fmt: skip
def images_float64(X_orig):
    return torch.as_tensor(X_orig / 255.0).permute(0, 3, 1, 2)


@mutant("images_to_tensor", "Return a torch tensor: the layers do not take NumPy arrays.")
def images_numpy(X_orig):
    return (X_orig.transpose(0, 3, 1, 2) / 255).astype(np.float32)


@mutant("images_to_tensor", "Divide by 255, the largest value a pixel takes, so that white becomes exactly 1.")
def images_over_256(X_orig):
    return torch.as_tensor(X_orig, dtype=torch.float32).permute(0, 3, 1, 2) / 256


# --- happyModel -------------------------------------------------------------------------------------------------


@mutant("happyModel", "Pad the image by 3 pixels first (nn.ZeroPad2d(3)): the 7x7 conv then keeps it 64x64, and the "
        "Linear layer reads 32 * 32 * 32 values.")  # fmt: skip
def happy_no_padding():
    return nn.Sequential(nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 29 * 29, 1))  # fmt: skip


@mutant("happyModel", "A BatchNorm2d(32) belongs between the conv and the ReLU.")
def happy_no_batchnorm():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 32 * 32, 1))  # fmt: skip


@mutant("happyModel", "The pooling window is 2x2 (nn.MaxPool2d(2)), which halves 64x64 to 32x32.")
def happy_pool_4():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(4),
                         nn.Flatten(), nn.Linear(32 * 16 * 16, 1))  # fmt: skip


@mutant("happyModel", "Return the logit, without a sigmoid: nn.BCEWithLogitsLoss applies the sigmoid itself, so a "
        "sigmoid here would be applied twice and the loss could never go below about 0.31.")  # fmt: skip
def happy_sigmoid():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 32 * 32, 1), nn.Sigmoid())  # fmt: skip


@mutant("happyModel", "The pooling is max pooling (nn.MaxPool2d(2)): each 2x2 window keeps its largest value, not "
        "its mean.")  # fmt: skip
def happy_average_pool():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.AvgPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 32 * 32, 1))  # fmt: skip


@mutant("happyModel", "One output: nn.Linear(32 * 32 * 32, 1) gives the logit of 'smiling'; BCEWithLogitsLoss takes "
        "one score per image.")  # fmt: skip
def happy_two_outputs():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 32 * 32, 2))  # fmt: skip


@mutant("happyModel", "Keep the conv's bias (the default, bias=True): the model described has one, 32 more weights.")
def happy_conv_without_bias():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7, bias=False), nn.BatchNorm2d(32), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 32 * 32, 1))  # fmt: skip


@mutant("happyModel", "Normalise first, then apply the ReLU: Conv -> BatchNorm -> ReLU.")
def happy_relu_before_batchnorm():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.ReLU(), nn.BatchNorm2d(32), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 32 * 32, 1))  # fmt: skip


@mutant("happyModel", "nn.ZeroPad2d(3) already pads: with padding=3 in the conv as well the image is padded twice.")
def happy_padded_twice():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7, padding=3), nn.BatchNorm2d(32), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 35 * 35, 1))  # fmt: skip


# --- train_epoch ------------------------------------------------------------------------------------------------


@mutant("train_epoch", "Call optimizer.zero_grad() for every batch: backward() adds to .grad, so without it each step "
        "also follows all the earlier batches' gradients.")  # fmt: skip
def train_no_zero_grad(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mutant("train_epoch", "Start with model.train(): after an evaluation the model is in eval mode, where BatchNorm "
        "uses its running statistics instead of the batch's and never updates them.")  # fmt: skip
def train_no_train_mode(model, batches, loss_fn, optimizer):
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mutant("train_epoch", "optimizer.step() is what changes the weights: without it the model never learns.")
def train_no_step(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        losses.append(loss.item())
    return losses


@mutant("train_epoch", "Record loss.item(), a Python float: the loss tensor itself keeps the whole batch's graph "
        "alive in memory.")  # fmt: skip
def train_keeps_tensors(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss)
    return losses


@mutant("train_epoch", "Return the list of every batch's loss (losses.append(loss.item()) in the loop), not their "
        "mean: the caller plots them.")  # fmt: skip
def train_returns_mean(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


@mutant("train_epoch", "Record the loss that backward() used, computed before optimizer.step(); computing it again "
        "afterwards measures the updated model.")  # fmt: skip
def train_loss_after_step(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss_fn(model(X), Y).backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(loss_fn(model(X), Y).item())
    return losses


@mutant("train_epoch", "The loss takes the model's output first and the targets second: loss_fn(model(X), Y).")
def train_loss_arguments_swapped(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(Y, model(X))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mutant("train_epoch", "Training needs the graph that torch.no_grad() switches off: keep no_grad for evaluation.")
def train_under_no_grad(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        with torch.no_grad():
            loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


# --- predict ----------------------------------------------------------------------------------------------------


@mutant("predict", "Call model.eval() first: in train mode BatchNorm normalises with this batch's statistics, so a "
        "picture's prediction would depend on the other pictures beside it.")  # fmt: skip
def predict_train_mode(model, X):
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).long()
    return logits.argmax(dim=1)


@mutant("predict", "A sigmoid's output is always above 0: compare the probability with 0.5, or the logit with 0.")
def predict_sigmoid_above_zero(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (torch.sigmoid(logits[:, 0]) > 0).long()
    return logits.argmax(dim=1)


@mutant("predict", "The output is a logit, not a probability: a probability of 0.5 is a logit of 0.")
def predict_logit_above_half(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0.5).long()
    return logits.argmax(dim=1)


@mutant("predict", "With a single output, argmax always answers 0: threshold the logit at 0 instead.")
def predict_argmax_always(model, X):
    model.eval()
    with torch.no_grad():
        return model(X).argmax(dim=1)


@mutant("predict", "Take the largest score of each example, along dim=1 (the classes), not dim=0 (the examples).")
def predict_argmax_examples(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).long()
    return logits.argmax(dim=0)


@mutant("predict", "Return the labels as int64 (.long()), the dtype of the labels they are compared with.")
def predict_booleans(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return logits[:, 0] > 0
    return logits.argmax(dim=1)


@mutant("predict", "Return the labels as int64 (.long()): rounding a probability gives floats 0.0 and 1.0.")
def predict_rounded(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return torch.round(torch.sigmoid(logits[:, 0]))
    return logits.argmax(dim=1)


@mutant("predict", "One label per example, shape (m,): compare logits[:, 0], the only column, with 0.")
def predict_column(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits > 0).long()
    return logits.argmax(dim=1)


# --- ConvolutionalModel -----------------------------------------------------------------------------------------


class _SignsNet(nn.Module):
    """The reference's layers, with the parts a mistake changes passed in."""

    def __init__(self, pool1=8, pad1="same", pool=F.max_pool2d, act2=F.relu, features=64):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding=pad1)
        self.conv2 = nn.Conv2d(8, 16, 2, padding="same")
        self.fc = nn.Linear(features, 6)
        self.pool1, self.pool, self.act2 = pool1, pool, act2

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)), self.pool1, self.pool1)
        x = self.pool(self.act2(self.conv2(x)), 4, 4)
        return self.fc(torch.flatten(x, 1))


@mutant("ConvolutionalModel", "Return the logits: nn.CrossEntropyLoss applies the softmax itself, so a softmax in "
        "forward would be applied twice.")  # fmt: skip
class SignsSoftmax(_SignsNet):
    def forward(self, x):
        return torch.softmax(super().forward(x), dim=1)


@mutant("ConvolutionalModel", "The first conv keeps the size: padding=\"same\". Without it 64x64 shrinks to 61x61.")
class SignsValidPadding(_SignsNet):
    def __init__(self):
        super().__init__(pad1=0, features=16)


@mutant("ConvolutionalModel", "The first pooling window is 8x8 with stride 8 (64x64 down to 8x8).")
class SignsPoolTwo(_SignsNet):
    def __init__(self):
        super().__init__(pool1=2, features=16 * 8 * 8)


@mutant("ConvolutionalModel", "Both pools take the maximum (F.max_pool2d), not the average.")
class SignsAveragePool(_SignsNet):
    def __init__(self):
        super().__init__(pool=F.avg_pool2d)


@mutant("ConvolutionalModel", "A ReLU follows the second conv too, before its pooling: conv, ReLU, max pool, twice.")
class SignsNoSecondRelu(_SignsNet):
    def __init__(self):
        super().__init__(act2=lambda x: x)


@mutant("ConvolutionalModel", "Call super().__init__() before creating any layer: it sets up the registries in which "
        "the module records the layers you assign to it.")  # fmt: skip
class SignsNoSuperInit(nn.Module):
    def __init__(self):
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")

    def forward(self, x):
        return x


@mutant("ConvolutionalModel", "The first pool is 8x8 with stride 8 and the second 4x4 with stride 4: swapped, the "
        "sizes still fit, but each pools other pixels.")  # fmt: skip
class SignsPoolsSwapped(_SignsNet):
    def __init__(self):
        super().__init__(pool1=4)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 4, 4)
        x = F.max_pool2d(F.relu(self.conv2(x)), 8, 8)
        return self.fc(torch.flatten(x, 1))


@mutant("ConvolutionalModel", "padding=\"same\" for an even kernel pads one pixel less before than after; "
        "padding=2 (or 1) pads both sides equally, which shifts the image. Write padding=\"same\".")  # fmt: skip
class SignsSymmetricPadding(_SignsNet):
    def __init__(self):
        super().__init__(pad1=2)
        self.conv2 = nn.Conv2d(8, 16, 2, padding=1)


@mutant("ConvolutionalModel", "Flatten the (m, 16, 2, 2) maps as they are, torch.flatten(x, 1): channels first, the "
        "order the Linear layer's inputs follow in PyTorch.")  # fmt: skip
class SignsFlattenChannelsLast(_SignsNet):
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8, 8)
        x = F.max_pool2d(F.relu(self.conv2(x)), 4, 4)
        return self.fc(x.permute(0, 2, 3, 1).flatten(1))


@mutant("ConvolutionalModel", "The second pool takes the maximum too (F.max_pool2d(x, 4, 4)), not the average.")
class SignsSecondPoolAverage(_SignsNet):
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8, 8)
        return self.fc(torch.flatten(F.relu(F.avg_pool2d(self.conv2(x), 4, 4)), 1))
