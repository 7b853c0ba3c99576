"""The original course's notebook of C5W2A2: every version imported ``emo_utils``. Its NumPy functions grade here
unchanged; its Keras layer and model cannot be run by PyTorch's probes, so they are skipped, not failed."""

from dlspec.checking.spec import Convention, Version

VERSIONS = [
    Version("2018-", marks=("emo_utils",), functions={
        "pretrained_embedding_layer": Convention(absent=True), "Emojify_V2": Convention(absent=True),
    }),
]  # fmt: skip
