"""C4W2A1, second round."""

import torch.nn.functional as F
from torch import nn

from .. import correct, mistake

# ruff: noqa: F821 - the notebook's blocks, used by name


@mistake("IdentityBlock")
class IdentityMiddleKernelOne(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, 1, bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        return F.relu(self.bn3(self.conv3(out)) + X)


@correct("IdentityBlock")
class IdentityModuleDict(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.layers = nn.ModuleDict({
            "c1": nn.Conv2d(F3, F1, 1, bias=False), "n1": nn.BatchNorm2d(F1),
            "c2": nn.Conv2d(F1, F2, f, padding="same", bias=False), "n2": nn.BatchNorm2d(F2),
            "c3": nn.Conv2d(F2, F3, 1, bias=False), "n3": nn.BatchNorm2d(F3),
        })

    def forward(self, X):
        L = self.layers
        y = F.relu(L["n1"](L["c1"](X)))
        y = F.relu(L["n2"](L["c2"](y)))
        return F.relu(L["n3"](L["c3"](y)) + X)


@mistake("ConvolutionalBlock")
class ConvShortcutThroughMainBatchNorm(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.sc, self.sc_bn = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + self.bn3(self.sc(X)))


@mistake("ConvolutionalBlock")
class ConvMiddlePaddingValid(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.sc, self.sc_bn = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + self.sc_bn(self.sc(X)))


@mistake("ResNet50")
def resnet_max_pool_stride_one(in_channels=3, classes=6):
    layers = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
              nn.MaxPool2d(3, stride=1)]
    channels = 64
    for filters, s, n in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3), ([256, 256, 1024], 2, 5),
                          ([512, 512, 2048], 2, 2)]:
        layers += [ConvolutionalBlock(channels, 3, filters, s=s)] + [IdentityBlock(3, filters) for _ in range(n)]
        channels = filters[2]
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes))


@correct("ResNet50")
def resnet_stage_table(in_channels=3, classes=6):
    stages = {2: ([64, 64, 256], 1, 3), 3: ([128, 128, 512], 2, 4), 4: ([256, 256, 1024], 2, 6),
              5: ([512, 512, 2048], 2, 3)}
    body, channels = [], 64
    for filters, s, blocks in stages.values():
        body.append(ConvolutionalBlock(channels, 3, filters, s))
        body.extend(IdentityBlock(3, filters) for _ in range(blocks - 1))
        channels = filters[-1]
    stem = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, 2, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2)]
    return nn.Sequential(*stem, *body, nn.AvgPool2d(2, 2), nn.Flatten(), nn.Linear(2048, classes))
