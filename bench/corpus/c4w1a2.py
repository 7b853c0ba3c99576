"""C4W1A2, the convolution model application in PyTorch, as learners write it."""

from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import correct, mistake

# --- images_to_tensor -------------------------------------------------------------------------------------------


@correct("images_to_tensor")
def to_tensor_from_numpy(X_orig):
    return torch.from_numpy(X_orig).float().permute(0, 3, 1, 2).div(255)


@correct("images_to_tensor")
def to_tensor_transpose_in_numpy(X_orig):
    X = np.transpose(X_orig, (0, 3, 1, 2)).astype(np.float32) / 255.0
    return torch.tensor(X)


@mistake("images_to_tensor")
def to_tensor_reshape_not_permute(X_orig):
    m, n_H, n_W, n_C = X_orig.shape
    return torch.tensor(X_orig, dtype=torch.float32).reshape(m, n_C, n_H, n_W) / 255


@mistake("images_to_tensor")
def to_tensor_not_scaled(X_orig):
    return torch.tensor(X_orig, dtype=torch.float32).permute(0, 3, 1, 2)


@mistake("images_to_tensor")
def to_tensor_height_width_swapped(X_orig):
    return torch.tensor(X_orig, dtype=torch.float32).permute(0, 3, 2, 1) / 255


@mistake("images_to_tensor")
def to_tensor_float64(X_orig):
    return torch.tensor(X_orig / 255.0).permute(0, 3, 1, 2)


@mistake("images_to_tensor")
def to_tensor_divided_by_256(X_orig):
    return torch.tensor(X_orig, dtype=torch.float32).permute(0, 3, 1, 2) / 256


# --- happyModel -------------------------------------------------------------------------------------------------


@correct("happyModel")
def happy_named_layers():
    return nn.Sequential(OrderedDict([
        ("pad", nn.ZeroPad2d((3, 3, 3, 3))),
        ("conv0", nn.Conv2d(in_channels=3, out_channels=32, kernel_size=(7, 7))),
        ("bn0", nn.BatchNorm2d(num_features=32)),
        ("relu", nn.ReLU(inplace=True)),
        ("pool", nn.MaxPool2d(2, 2)),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(32768, 1)),
    ]))


@correct("happyModel")
def happy_padding_in_the_conv():
    return nn.Sequential(
        nn.Conv2d(3, 32, 7, padding=3),
        nn.BatchNorm2d(32),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(start_dim=1),
        nn.Linear(32 * 32 * 32, 1),
    )


@mistake("happyModel")
def happy_sigmoid_at_the_end():
    return nn.Sequential(
        nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(32 * 32 * 32, 1), nn.Sigmoid(),
    )


@mistake("happyModel")
def happy_relu_before_batchnorm():
    return nn.Sequential(
        nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.ReLU(), nn.BatchNorm2d(32), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(32 * 32 * 32, 1),
    )


@mistake("happyModel")
def happy_without_padding():
    return nn.Sequential(
        nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(29 * 29 * 32, 1),
    )


@mistake("happyModel")
def happy_average_pool():
    return nn.Sequential(
        nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(),
        nn.Linear(32 * 32 * 32, 1),
    )


@mistake("happyModel")
def happy_two_outputs():
    return nn.Sequential(
        nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(32 * 32 * 32, 2),
    )


@mistake("happyModel")
def happy_conv_without_bias():
    return nn.Sequential(
        nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 32 * 32, 1),
    )


# --- train_epoch ------------------------------------------------------------------------------------------------


@correct("train_epoch")
def train_zero_grad_after_step(model, batches, loss_fn, optimizer):
    model.train(True)
    losses = []
    for X, Y in batches:
        output = model(X)
        loss = loss_fn(output, Y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(float(loss))
    return losses


@correct("train_epoch")
def train_detached_item(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for batch in batches:
        inputs, targets = batch
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        losses.append(loss.detach().item())
        loss.backward()
        optimizer.step()
    return losses


@mistake("train_epoch")
def train_mode_never_set(model, batches, loss_fn, optimizer):
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch")
def train_gradients_never_zeroed(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch")
def train_step_before_backward(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        optimizer.step()
        loss.backward()
        losses.append(loss.item())
    return losses


@mistake("train_epoch")
def train_returns_the_mean(model, batches, loss_fn, optimizer):
    model.train()
    total, n = 0.0, 0
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        total += loss.item()
        n += 1
    return total / n


@mistake("train_epoch")
def train_eval_mode(model, batches, loss_fn, optimizer):
    model.eval()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@mistake("train_epoch")
def train_loss_after_the_update(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        optimizer.zero_grad()
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(loss_fn(model(X), Y).item())
    return losses


# --- predict ----------------------------------------------------------------------------------------------------


@correct("predict")
def predict_sigmoid_half(model, X):
    model.eval()
    with torch.no_grad():
        out = model(X)
    if out.shape[1] == 1:
        return (torch.sigmoid(out).squeeze(1) > 0.5).to(torch.int64)
    return torch.argmax(out, dim=1)


@correct("predict")
def predict_inference_mode_where(model, X):
    model.train(False)
    with torch.inference_mode():
        logits = model(X)
    if logits.size(1) > 1:
        return logits.max(dim=1).indices
    return torch.where(logits[:, 0] > 0, 1, 0).long()


@mistake("predict")
def predict_mode_never_set(model, X):
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).long()
    return logits.argmax(dim=1)


@mistake("predict")
def predict_logit_against_half(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0.5).long()
    return logits.argmax(dim=1)


@mistake("predict")
def predict_argmax_always(model, X):
    model.eval()
    with torch.no_grad():
        return model(X).argmax(dim=1)


@mistake("predict")
def predict_rounded_probability(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return torch.round(torch.sigmoid(logits[:, 0]))
    return logits.argmax(dim=1)


@mistake("predict")
def predict_keeps_the_column(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits > 0).long()
    return logits.argmax(dim=1, keepdim=True)


@mistake("predict")
def predict_argmax_over_examples(model, X):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).long()
    return logits.argmax(dim=0)


# --- ConvolutionalModel -----------------------------------------------------------------------------------------


@correct("ConvolutionalModel")
class SignsSequential(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 4, padding="same"), nn.ReLU(), nn.MaxPool2d(8, 8),
            nn.Conv2d(8, 16, 2, padding="same"), nn.ReLU(), nn.MaxPool2d(4, 4),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(64, 6))

    def forward(self, x):
        return self.classifier(self.features(x))


@correct("ConvolutionalModel")
class SignsExplicitPadding(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, kernel_size=4)
        self.conv2 = nn.Conv2d(8, 16, kernel_size=2)
        self.pool1 = nn.MaxPool2d(8)
        self.pool2 = nn.MaxPool2d(4)
        self.dense = nn.Linear(16 * 2 * 2, 6)

    def forward(self, x):
        # "same" for an even kernel pads one less before than after, as PyTorch does
        x = self.pool1(F.relu(self.conv1(F.pad(x, (1, 2, 1, 2)))))
        x = self.pool2(F.relu(self.conv2(F.pad(x, (0, 1, 0, 1)))))
        return self.dense(x.view(x.size(0), -1))


@correct("ConvolutionalModel")
class SignsClassifierFirst(nn.Module):
    def __init__(self):
        super().__init__()
        self.out = nn.Linear(64, 6)
        self.conv_b = nn.Conv2d(8, 16, 2, padding="same")
        self.conv_a = nn.Conv2d(3, 8, 4, padding="same")

    def forward(self, x):
        x = F.max_pool2d(torch.relu(self.conv_a(x)), 8)
        x = F.max_pool2d(torch.relu(self.conv_b(x)), 4)
        return self.out(x.flatten(1))


@mistake("ConvolutionalModel")
class SignsPoolsSwapped(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")
        self.conv2 = nn.Conv2d(8, 16, 2, padding="same")
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 4)
        x = F.max_pool2d(F.relu(self.conv2(x)), 8)
        return self.fc(torch.flatten(x, 1))


@mistake("ConvolutionalModel")
class SignsSymmetricPadding(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding=2)
        self.conv2 = nn.Conv2d(8, 16, 2, padding=1)
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8)
        x = F.max_pool2d(F.relu(self.conv2(x)), 4)
        return self.fc(torch.flatten(x, 1))


@mistake("ConvolutionalModel")
class SignsSoftmaxOutput(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")
        self.conv2 = nn.Conv2d(8, 16, 2, padding="same")
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8)
        x = F.max_pool2d(F.relu(self.conv2(x)), 4)
        return F.softmax(self.fc(torch.flatten(x, 1)), dim=1)


@mistake("ConvolutionalModel")
class SignsSecondReluForgotten(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")
        self.conv2 = nn.Conv2d(8, 16, 2, padding="same")
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8)
        x = F.max_pool2d(self.conv2(x), 4)
        return self.fc(torch.flatten(x, 1))


@mistake("ConvolutionalModel")
class SignsFlattenChannelsLast(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")
        self.conv2 = nn.Conv2d(8, 16, 2, padding="same")
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8)
        x = F.max_pool2d(F.relu(self.conv2(x)), 4)
        return self.fc(x.permute(0, 2, 3, 1).reshape(x.shape[0], -1))


@mistake("ConvolutionalModel")
class SignsSecondPoolAverage(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")
        self.conv2 = nn.Conv2d(8, 16, 2, padding="same")
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 8))
        x = F.relu(F.avg_pool2d(self.conv2(x), 4))
        return self.fc(torch.flatten(x, 1))
