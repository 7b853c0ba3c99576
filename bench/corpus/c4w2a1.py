"""C4W2A1, residual networks in PyTorch, as learners write it."""

import torch
import torch.nn.functional as F
from torch import nn

from . import correct, mistake

# The notebook's IdentityBlock and ConvolutionalBlock are used by name in ResNet50.
# ruff: noqa: F821

# --- IdentityBlock ----------------------------------------------------------------------------------------------


@correct("IdentityBlock")
class IdentitySequential(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.main = nn.Sequential(
            nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1), nn.ReLU(),
            nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2), nn.ReLU(),
            nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3),
        )

    def forward(self, X):
        return F.relu(self.main(X) + X)


@correct("IdentityBlock")
class IdentityInPlaceAdd(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.bn_a, self.bn_b, self.bn_c = nn.BatchNorm2d(F1), nn.BatchNorm2d(F2), nn.BatchNorm2d(F3)
        self.conv_a = nn.Conv2d(F3, F1, kernel_size=(1, 1), stride=(1, 1), padding="valid", bias=False)
        self.conv_b = nn.Conv2d(F1, F2, kernel_size=(f, f), padding="same", bias=False)
        self.conv_c = nn.Conv2d(F2, F3, kernel_size=(1, 1), bias=False)
        self.relu = nn.ReLU()

    def forward(self, X):
        shortcut = X
        out = self.relu(self.bn_a(self.conv_a(X)))
        out = self.relu(self.bn_b(self.conv_b(out)))
        out = self.bn_c(self.conv_c(out))
        out += shortcut
        return self.relu(out)


@mistake("IdentityBlock")
class IdentityReluBeforeAdd(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = torch.relu(self.bn1(self.conv1(X)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out = torch.relu(self.bn3(self.conv3(out)))
        return out + X


@mistake("IdentityBlock")
class IdentityHalfKernelPadding(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding=f // 2, bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = torch.relu(self.bn1(self.conv1(X)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return torch.relu(out + X)


@mistake("IdentityBlock")
class IdentityConvolutionsWithBias(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(F3, F1, 1), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same"), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = torch.relu(self.bn1(self.conv1(X)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return torch.relu(out + X)


@mistake("IdentityBlock")
class IdentityShortcutAfterFirstLayer(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        X = torch.relu(self.bn1(self.conv1(X)))
        X_shortcut = X
        X = torch.relu(self.bn2(self.conv2(X)))
        X = self.bn3(self.conv3(X))
        return torch.relu(X + X_shortcut) if X.shape == X_shortcut.shape else torch.relu(X)


@mistake("IdentityBlock")
class IdentityNoFinalRelu(nn.Module):
    def __init__(self, f, filters):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(F3, F1, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)

    def forward(self, X):
        out = torch.relu(self.bn1(self.conv1(X)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return out + X


# --- ConvolutionalBlock -----------------------------------------------------------------------------------------


@correct("ConvolutionalBlock")
class ConvShortcutFirst(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.shortcut = nn.Sequential(nn.Conv2d(in_channels, F3, 1, stride=s, bias=False), nn.BatchNorm2d(F3))
        self.main = nn.Sequential(
            nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1), nn.ReLU(),
            nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2), nn.ReLU(),
            nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3),
        )

    def forward(self, X):
        return F.relu(self.main(X) + self.shortcut(X))


@correct("ConvolutionalBlock")
class ConvExplicitLayers(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.c1 = nn.Conv2d(in_channels, F1, kernel_size=1, stride=s, padding=0, bias=False)
        self.b1 = nn.BatchNorm2d(F1)
        self.c2 = nn.Conv2d(F1, F2, kernel_size=f, stride=1, padding="same", bias=False)
        self.b2 = nn.BatchNorm2d(F2)
        self.c3 = nn.Conv2d(F2, F3, kernel_size=1, bias=False)
        self.b3 = nn.BatchNorm2d(F3)
        self.c_sc = nn.Conv2d(in_channels, F3, kernel_size=1, stride=s, bias=False)
        self.b_sc = nn.BatchNorm2d(F3)

    def forward(self, X):
        main = F.relu(self.b1(self.c1(X)))
        main = F.relu(self.b2(self.c2(main)))
        main = self.b3(self.c3(main))
        return F.relu(main + self.b_sc(self.c_sc(X)))


@mistake("ConvolutionalBlock")
class ConvShortcutWithoutBatchNorm(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + self.shortcut_conv(X))


@mistake("ConvolutionalBlock")
class ConvStrideOnTheMiddleConvolution(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, stride=s, padding=(f - 1) // 2, bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False)
        self.shortcut_bn = nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + self.shortcut_bn(self.shortcut_conv(X)))


@mistake("ConvolutionalBlock")
class ConvReluOnTheShortcut(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False)
        self.shortcut_bn = nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + F.relu(self.shortcut_bn(self.shortcut_conv(X))))


@mistake("ConvolutionalBlock")
class ConvShortcutKernelF(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, f, stride=s, padding=(f - 1) // 2, bias=False)
        self.shortcut_bn = nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + self.shortcut_bn(self.shortcut_conv(X)))


@mistake("ConvolutionalBlock")
class ConvBatchNormOverF1Everywhere(nn.Module):
    def __init__(self, in_channels, f, filters, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s, bias=False), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding="same", bias=False), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1, bias=False), nn.BatchNorm2d(F3)
        self.shortcut_conv = nn.Conv2d(in_channels, F3, 1, stride=s, bias=False)
        self.shortcut_bn = nn.BatchNorm2d(F3)

    def forward(self, X):
        out = F.relu(self.bn1(self.conv1(X)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.conv3(out)
        return F.relu(self.bn3(out + self.shortcut_bn(self.shortcut_conv(X))))


# --- ResNet50 ---------------------------------------------------------------------------------------------------


@correct("ResNet50")
def resnet_nested_stages(in_channels=3, classes=6):
    def stage(c_in, filters, s, identities):
        return nn.Sequential(ConvolutionalBlock(c_in, 3, filters, s=s),
                             *[IdentityBlock(3, filters) for _ in range(identities)])

    return nn.Sequential(
        nn.Sequential(nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64),
                      nn.ReLU(), nn.MaxPool2d(3, stride=2)),
        stage(64, [64, 64, 256], 1, 2),
        stage(256, [128, 128, 512], 2, 3),
        stage(512, [256, 256, 1024], 2, 5),
        stage(1024, [512, 512, 2048], 2, 2),
        nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(),
        nn.Linear(2048, classes),
    )


@correct("ResNet50")
def resnet_written_out(in_channels=3, classes=6):
    model = nn.Sequential()
    model.append(nn.ZeroPad2d((3, 3, 3, 3)))
    model.append(nn.Conv2d(in_channels, 64, (7, 7), stride=(2, 2), bias=False))
    model.append(nn.BatchNorm2d(64))
    model.append(nn.ReLU())
    model.append(nn.MaxPool2d((3, 3), stride=(2, 2)))
    model.append(ConvolutionalBlock(64, 3, [64, 64, 256], s=1))
    model.append(IdentityBlock(3, [64, 64, 256]))
    model.append(IdentityBlock(3, [64, 64, 256]))
    model.append(ConvolutionalBlock(256, 3, [128, 128, 512], s=2))
    for _ in range(3):
        model.append(IdentityBlock(3, [128, 128, 512]))
    model.append(ConvolutionalBlock(512, 3, [256, 256, 1024], s=2))
    for _ in range(5):
        model.append(IdentityBlock(3, [256, 256, 1024]))
    model.append(ConvolutionalBlock(1024, 3, [512, 512, 2048], s=2))
    model.append(IdentityBlock(3, [512, 512, 2048]))
    model.append(IdentityBlock(3, [512, 512, 2048]))
    model.append(nn.AvgPool2d(kernel_size=2))
    model.append(nn.Flatten())
    model.append(nn.Linear(2048, classes))
    return model


@mistake("ResNet50")
def resnet_stage_two_strided(in_channels=3, classes=6):
    layers = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
              nn.MaxPool2d(3, stride=2)]
    channels = 64
    for filters, identities in [([64, 64, 256], 2), ([128, 128, 512], 3), ([256, 256, 1024], 5),
                                ([512, 512, 2048], 2)]:
        layers.append(ConvolutionalBlock(channels, 3, filters, s=2))
        layers += [IdentityBlock(3, filters) for _ in range(identities)]
        channels = filters[2]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)


@mistake("ResNet50")
def resnet_four_identities_in_stage_four(in_channels=3, classes=6):
    layers = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
              nn.MaxPool2d(3, stride=2)]
    channels = 64
    for filters, s, identities in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3), ([256, 256, 1024], 2, 4),
                                   ([512, 512, 2048], 2, 2)]:
        layers.append(ConvolutionalBlock(channels, 3, filters, s=s))
        layers += [IdentityBlock(3, filters) for _ in range(identities)]
        channels = filters[2]
    layers += [nn.AvgPool2d(2), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)


@mistake("ResNet50")
def resnet_without_max_pool(in_channels=3, classes=6):
    layers = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64), nn.ReLU()]
    channels = 64
    for filters, s, identities in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3), ([256, 256, 1024], 2, 5),
                                   ([512, 512, 2048], 2, 2)]:
        layers.append(ConvolutionalBlock(channels, 3, filters, s=s))
        layers += [IdentityBlock(3, filters) for _ in range(identities)]
        channels = filters[2]
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)


@mistake("ResNet50")
def resnet_stem_without_relu(in_channels=3, classes=6):
    layers = [nn.ZeroPad2d(3), nn.Conv2d(in_channels, 64, 7, stride=2, bias=False), nn.BatchNorm2d(64),
              nn.MaxPool2d(3, stride=2)]
    channels = 64
    for filters, s, identities in [([64, 64, 256], 1, 2), ([128, 128, 512], 2, 3), ([256, 256, 1024], 2, 5),
                                   ([512, 512, 2048], 2, 2)]:
        layers.append(ConvolutionalBlock(channels, 3, filters, s=s))
        layers += [IdentityBlock(3, filters) for _ in range(identities)]
        channels = filters[2]
    layers += [nn.AvgPool2d(2), nn.Flatten(), nn.Linear(channels, classes)]
    return nn.Sequential(*layers)
