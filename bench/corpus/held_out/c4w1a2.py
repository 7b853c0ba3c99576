"""C4W1A2, second round."""

import torch
import torch.nn.functional as F
from torch import nn

from .. import correct, mistake


@correct("images_to_tensor")
def to_tensor_movedim(X_orig):
    return torch.movedim(torch.tensor(X_orig, dtype=torch.float32), -1, 1) / 255.0


@mistake("images_to_tensor")
def to_tensor_channels_to_the_end(X_orig):
    return torch.tensor(X_orig, dtype=torch.float32).permute(0, 1, 2, 3) / 255


@mistake("happyModel")
def happy_pool_stride_one():
    return nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(3, 32, 7), nn.BatchNorm2d(32), nn.ReLU(),
                         nn.MaxPool2d(2, stride=1), nn.Flatten(), nn.Linear(32 * 32 * 32, 1))


# Written as a mistake, but a border of 2 and the conv's own padding of 1 make the 3 asked for: it is correct.
@correct("happyModel")
def happy_padding_two():
    return nn.Sequential(nn.ZeroPad2d(2), nn.Conv2d(3, 32, 7, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 32 * 32, 1))


@mistake("train_epoch")
def train_zero_grad_between_backward_and_step(model, batches, loss_fn, optimizer):
    model.train()
    losses = []
    for X, Y in batches:
        loss = loss_fn(model(X), Y)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses


@correct("predict")
def predict_ge_zero_int(model, X):
    model.eval()
    with torch.no_grad():
        out = model(X)
    return (out.squeeze(1) > 0).to(torch.long) if out.shape[-1] == 1 else out.argmax(-1)


@mistake("predict")
def predict_softmax_threshold(model, X):
    model.eval()
    with torch.no_grad():
        out = model(X)
    if out.shape[1] == 1:
        return (torch.softmax(out, dim=1)[:, 0] > 0.5).long()
    return out.argmax(dim=1)


@mistake("ConvolutionalModel")
class SignsSecondConvKernelFour(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 4, padding="same")
        self.conv2 = nn.Conv2d(8, 16, 4, padding="same")
        self.fc = nn.Linear(64, 6)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 8)
        x = F.max_pool2d(F.relu(self.conv2(x)), 4)
        return self.fc(x.flatten(1))


@correct("ConvolutionalModel")
class SignsModuleList(nn.Module):
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(3, 8, 4, padding="same"), nn.Conv2d(8, 16, 2, padding="same")])
        self.linear = nn.Linear(16 * 2 * 2, 6)

    def forward(self, x):
        for conv, size in zip(self.convs, (8, 4), strict=True):
            x = F.max_pool2d(torch.relu(conv(x)), size, size)
        return self.linear(torch.flatten(x, 1))
