"""dlspec's MiniBert with MiniLM-L6's weights gives Hugging Face's BertModel's hidden states and attention
(tests/fixtures/minilm/minilm.json, written by make_fixture.py there) to within 1e-4: float32 sums in another order."""

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from dlspec.data.minilm import load_minilm, load_vocab
from dlspec.nn.bert import freeze, pretrained
from dlspec.nn.wordpiece import WordPiece, pad

FIXTURE = json.loads((Path(__file__).parents[1] / "fixtures" / "minilm" / "minilm.json").read_text())
TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def model():
    return pretrained(load_minilm()).eval()


@pytest.fixture(scope="module")
def outputs(model):
    tokenizer = WordPiece(load_vocab())
    batch = {k: torch.from_numpy(v) for k, v in pad([tokenizer.encode(t) for t in FIXTURE["hidden"]["texts"]]).items()}
    attention: list[torch.Tensor] = []
    with torch.no_grad():
        hidden = model.encode(model.embed(batch["ids"], batch["types"]), batch["mask"], attention=attention)
    return batch, hidden.numpy(), [a.numpy() for a in attention]


def test_the_hidden_states_are_hugging_faces(outputs):
    _, hidden, _ = outputs
    expected = FIXTURE["hidden"]
    first = np.array(expected["first"])
    np.testing.assert_allclose(hidden[:, : first.shape[1]], first, atol=TOLERANCE)
    np.testing.assert_allclose(hidden.mean(-1), expected["mean"], atol=TOLERANCE)
    np.testing.assert_allclose(np.linalg.norm(hidden, axis=-1), expected["norm"], rtol=TOLERANCE)


def test_the_first_layers_attention_is_hugging_faces_and_ignores_padding(outputs):
    batch, _, attention = outputs
    np.testing.assert_allclose(attention[0][:, 0, 0], FIXTURE["hidden"]["attention_layer0_head0_row0"],
                               atol=TOLERANCE)  # fmt: skip
    assert len(attention) == 6 and attention[0].shape[1] == 12
    padded = batch["mask"].numpy() == 0
    assert padded.any() and np.all(attention[-1][np.nonzero(padded)[0], :, :, np.nonzero(padded)[1]] == 0)


def test_a_sentence_alone_or_padded_in_a_batch_has_the_same_states(model, outputs):
    batch, hidden, _ = outputs
    real = int(batch["mask"][0].sum())
    with torch.no_grad():
        alone = model(batch["ids"][:1, :real], batch["mask"][:1, :real]).numpy()
    np.testing.assert_allclose(alone[0], hidden[0, :real], atol=1e-5)


def test_freezing_stops_the_gradients_of_the_embeddings_and_the_lower_layers():
    model = pretrained(load_minilm())
    freeze(model, below=4)
    trained = {name.split(".")[1] for name, p in model.named_parameters() if p.requires_grad}
    assert trained == {"4", "5"}
