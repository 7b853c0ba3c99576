"""A small BERT encoder in PyTorch (C5W4 labs): the architecture of MiniLM-L6 (all-MiniLM-L6-v2), written out, into
which the pretrained weights load by name.

Embeddings: the sum of a word-piece vector, a position vector (learned, 512 positions) and a segment vector (0 for
the first text, 1 for the second), then LayerNorm. Then ``n_layers`` encoder layers, each *post-norm* as in the
original BERT: ``x = LayerNorm(x + SelfAttention(x))``, ``x = LayerNorm(x + FFN(x))``, the feed-forward network
being Linear -> GELU (the exact, erf form) -> Linear. Padding is masked by adding a large negative number to the
attention scores of padded keys, so their softmax weight is 0.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import numpy as np
import torch
from torch import nn

from dlspec.nn.wordpiece import Encoding, pad

HIDDEN, HEADS, LAYERS, FFN, VOCAB, POSITIONS, EPS = 384, 12, 6, 1536, 30522, 512, 1e-12


class EncoderLayer(nn.Module):
    def __init__(self, hidden: int = HIDDEN, heads: int = HEADS, ffn: int = FFN, dropout: float = 0.1) -> None:
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
        self.attn_out, self.attn_norm = nn.Linear(hidden, hidden), nn.LayerNorm(hidden, eps=EPS)
        self.ffn_in, self.ffn_out = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.ffn_norm = nn.LayerNorm(hidden, eps=EPS)
        self.dropout = nn.Dropout(dropout)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        """(m, L, hidden) -> (m, heads, L, hidden / heads)."""
        m, length, hidden = x.shape
        return x.view(m, length, self.heads, hidden // self.heads).transpose(1, 2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The new (m, L, hidden) states and the attention weights (m, heads, L, L); ``mask`` is (m, L), 1 for
        a real piece and 0 for padding."""
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = q @ k.transpose(-1, -2) / np.sqrt(q.shape[-1])
        scores = scores + (1.0 - mask[:, None, None, :].to(scores.dtype)) * torch.finfo(scores.dtype).min
        weights = torch.softmax(scores, dim=-1)
        context = (self.dropout(weights) @ v).transpose(1, 2).flatten(2)  # heads side by side again
        x = self.attn_norm(x + self.dropout(self.attn_out(context)))
        x = self.ffn_norm(x + self.dropout(self.ffn_out(nn.functional.gelu(self.ffn_in(x)))))
        return x, weights


class MiniBert(nn.Module):
    def __init__(self, n_layers: int = LAYERS, hidden: int = HIDDEN, vocab: int = VOCAB, dropout: float = 0.1) -> None:
        super().__init__()
        self.words = nn.Embedding(vocab, hidden)
        self.positions = nn.Embedding(POSITIONS, hidden)
        self.segments = nn.Embedding(2, hidden)
        self.embed_norm = nn.LayerNorm(hidden, eps=EPS)
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList(EncoderLayer(hidden, dropout=dropout) for _ in range(n_layers))

    def embed(self, ids: torch.Tensor, types: torch.Tensor | None = None) -> torch.Tensor:
        """(m, L) piece ids (and segment ids, default all 0) -> (m, L, hidden) input to the first layer."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        segments = self.segments(types if types is not None else torch.zeros_like(ids))
        return self.dropout(self.embed_norm(self.words(ids) + self.positions(positions) + segments))

    def encode(self, x: torch.Tensor, mask: torch.Tensor, layers: range | None = None,
               attention: list[torch.Tensor] | None = None) -> torch.Tensor:  # fmt: skip
        """``x`` through the layers numbered ``layers`` (all by default), appending each layer's attention weights
        to ``attention`` if given. Running the frozen lower layers once and the others many times saves time."""
        for i in layers if layers is not None else range(len(self.layers)):
            x, weights = self.layers[i](x, mask)
            if attention is not None:
                attention.append(weights)
        return x

    def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor | None = None) -> torch.Tensor:
        """The last layer's (m, L, hidden) states."""
        return self.encode(self.embed(ids, types), mask)


# Hugging Face's names for the same tensors -> this module's names.
_RENAMES = [
    (r"^embeddings\.word_embeddings", "words"), (r"^embeddings\.position_embeddings", "positions"),
    (r"^embeddings\.token_type_embeddings", "segments"), (r"^embeddings\.LayerNorm", "embed_norm"),
    (r"^encoder\.layer\.(\d+)\.", r"layers.\1."), (r"attention\.self\.(query|key|value)", r"\1"),
    (r"attention\.output\.dense", "attn_out"), (r"attention\.output\.LayerNorm", "attn_norm"),
    (r"intermediate\.dense", "ffn_in"), (r"output\.dense", "ffn_out"), (r"output\.LayerNorm", "ffn_norm"),
]  # fmt: skip


def renamed(tensors: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    """A BERT checkpoint's tensors under this module's names; the pooler and the position-id buffer, which
    MiniBert has no use for, are left out."""
    out = {}
    for name, array in tensors.items():
        if name.startswith(("pooler.", "embeddings.position_ids")):
            continue
        for pattern, new in _RENAMES:
            name = re.sub(pattern, new, name)
        out[name] = torch.from_numpy(np.array(array, dtype=np.float32))
    return out


def pretrained(tensors: dict[str, np.ndarray], dropout: float = 0.1) -> MiniBert:
    """A MiniBert holding a checkpoint's weights (every tensor must fit; the layer count is read from them)."""
    n_layers = 1 + max(int(m.group(1)) for k in tensors if (m := re.match(r"encoder\.layer\.(\d+)\.", k)))
    model = MiniBert(n_layers, dropout=dropout)
    model.load_state_dict(renamed(tensors), strict=True)
    return model


def freeze(model: MiniBert, below: int) -> None:
    """Stop training the embeddings and the layers numbered below ``below`` (their gradients are not computed)."""
    frozen = [model.words, model.positions, model.segments, model.embed_norm, *model.layers[:below]]
    for module in frozen:
        module.requires_grad_(False)


def tensors(encodings: list[Encoding]) -> dict[str, torch.Tensor]:
    """A padded batch (``ids``, ``mask``, ``types``) as tensors."""
    return {k: torch.from_numpy(v) for k, v in pad(encodings).items()}


def frozen_output(model: MiniBert, batch: dict[str, torch.Tensor], below: int) -> torch.Tensor:
    """What the embeddings and the frozen layers numbered below ``below`` give for a batch, in evaluation mode:
    computed once, it feeds every training step of the layers above."""
    model.eval()
    with torch.no_grad():
        return model.encode(model.embed(batch["ids"], batch["types"]), batch["mask"], range(below))


def attention_maps(model: MiniBert, batch: dict[str, torch.Tensor]) -> list[torch.Tensor]:
    """Every layer's attention weights (m, heads, L, L) for a batch, in evaluation mode."""
    maps: list[torch.Tensor] = []
    model.eval()
    with torch.no_grad():
        model.encode(model.embed(batch["ids"], batch["types"]), batch["mask"], attention=maps)
    return maps


Batch = dict[str, torch.Tensor]


def fine_tune(model: MiniBert, parameters: list[torch.Tensor], batches: list[Batch],
              loss_of: Callable[[Batch], torch.Tensor], epochs: int, lr: float = 3e-4) -> list[float]:  # fmt: skip
    """AdamW on ``parameters`` over the batches, ``epochs`` times, dropout on; the loss of every step."""
    optimizer = torch.optim.AdamW(parameters, lr=lr)
    losses: list[float] = []
    started = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        for batch in batches:
            loss = loss_of(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        print(f"epoch {epoch + 1}: last loss {losses[-1]:.3f}, {time.perf_counter() - started:.0f} s so far")
    print(f"fine-tuning: {len(losses)} steps in {time.perf_counter() - started:.1f} s")
    return losses
