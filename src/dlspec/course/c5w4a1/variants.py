"""Correct solutions of C5W4A1 written unlike the reference: angles by exponentials and parities, attention by
einsum and masked_fill, heads one at a time, layer norms as functions over bare parameters, sublayers walked by a
helper, the positional encoding made in forward."""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import variant

# swapped for the graded ones while checking
from dlspec.nn.transformer import (
    Decoder,
    DecoderLayer,
    Encoder,
    EncoderLayer,
    FullyConnected,
    MultiHeadAttention,
    get_angles,
    positional_encoding,
    scaled_dot_product_attention,
)

# --- get_angles, positional_encoding ----------------------------------------------------------------------------


@variant("get_angles")
def angles_by_exponentials(pos, k, d):
    return pos * np.exp(-np.log(10000.0) * (k - k % 2) / d)


@variant("get_angles")
def angles_by_rates(pos, k, d):
    rates = 1 / 10000 ** (2 * np.floor_divide(k, 2) / d)
    return np.matmul(pos.astype(float), rates)  # (N, 1) @ (1, d): an outer product


@variant("positional_encoding")
def encoding_by_parity(positions, d):
    angles = get_angles(np.arange(positions).reshape(-1, 1), np.arange(d).reshape(1, -1), d)
    even = (np.arange(d) % 2 == 0)[np.newaxis, :]
    return torch.from_numpy(np.where(even, np.sin(angles), np.cos(angles))).float().unsqueeze(0)


@variant("positional_encoding")
def encoding_in_torch(positions, d):
    angles = torch.as_tensor(get_angles(np.arange(positions)[:, None], np.arange(d)[None, :], d))
    encoding = torch.empty_like(angles)
    encoding[:, ::2], encoding[:, 1::2] = torch.sin(angles[:, ::2]), torch.cos(angles[:, 1::2])
    return encoding[None].to(torch.float32)


# --- scaled_dot_product_attention -------------------------------------------------------------------------------


@variant("scaled_dot_product_attention")
def attention_by_einsum(q, k, v, mask):
    scores = torch.einsum("...qd,...kd->...qk", q, k) / k.size(-1) ** 0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    weights = F.softmax(scores, dim=-1)
    return torch.einsum("...qk,...kv->...qv", weights, v), weights


@variant("scaled_dot_product_attention")
def attention_scaled_queries(q, k, v, mask):
    scores = (q / math.sqrt(k.shape[-1])) @ k.transpose(-1, -2)
    if mask is not None:
        scores = torch.where(mask.bool(), scores, torch.full_like(scores, -1e9))
    weights = scores.softmax(-1)
    return weights @ v, weights


# --- MultiHeadAttention -----------------------------------------------------------------------------------------


@variant("MultiHeadAttention")
class AttentionByViews(nn.Module):
    """Output projection registered first; heads split with view and permute."""

    def __init__(self, d_model, num_heads, dropout_rate=0.0):
        super().__init__()
        self.out = nn.Linear(d_model, d_model)
        self.q, self.k, self.v = (nn.Linear(d_model, d_model) for _ in range(3))
        self.h, self.p = num_heads, dropout_rate

    def forward(self, query, key, value, mask=None):
        b, h = query.size(0), self.h
        q, k, v = (lin(t).view(b, t.size(1), h, -1).permute(0, 2, 1, 3)
                   for lin, t in ((self.q, query), (self.k, key), (self.v, value)))  # fmt: skip
        m = None if mask is None else mask[:, None]
        _, weights = scaled_dot_product_attention(q, k, v, m)
        out = F.dropout(weights, self.p, self.training) @ v
        return self.out(out.permute(0, 2, 1, 3).reshape(b, query.size(1), -1)), weights


@variant("MultiHeadAttention")
class AttentionHeadByHead(nn.Module):
    """Each head's columns sliced from the projections in a loop; the weights stacked, then dropped at once."""

    def __init__(self, d_model, num_heads, dropout_rate=0.0):
        super().__init__()
        self.projections = nn.ModuleList(nn.Linear(d_model, d_model) for _ in range(4))
        self.num_heads, self.dropout = num_heads, nn.Dropout(dropout_rate)

    def forward(self, query, key, value, mask=None):
        wq, wk, wv, wo = self.projections
        q, k, v = wq(query), wk(key), wv(value)
        depth = q.shape[-1] // self.num_heads
        weights = []
        for h in range(self.num_heads):
            cols = slice(h * depth, (h + 1) * depth)
            scores = q[..., cols] @ k[..., cols].transpose(1, 2) / math.sqrt(depth)
            if mask is not None:
                scores = scores + (1 - mask) * -1e9
            weights.append(torch.softmax(scores, dim=-1))
        weights = torch.stack(weights, dim=1)
        dropped = self.dropout(weights)
        heads = [dropped[:, h] @ v[..., h * depth:(h + 1) * depth] for h in range(self.num_heads)]
        return wo(torch.cat(heads, dim=-1)), weights


# --- EncoderLayer, DecoderLayer ---------------------------------------------------------------------------------


class _Norm(nn.Module):
    """A layer norm over the last axis as bare parameters through F.layer_norm."""

    def __init__(self, d, eps):
        super().__init__()
        self.weight, self.bias, self.eps = nn.Parameter(torch.ones(d)), nn.Parameter(torch.zeros(d)), eps

    def forward(self, x):
        return F.layer_norm(x, x.shape[-1:], self.weight, self.bias, self.eps)


@variant("EncoderLayer")
class EncoderLayerFunctional(nn.Module):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.norms = nn.ModuleList(_Norm(embedding_dim, layernorm_eps) for _ in range(2))
        self.hidden = nn.Linear(embedding_dim, fully_connected_dim)
        self.back = nn.Linear(fully_connected_dim, embedding_dim)
        self.attention = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.p = dropout_rate

    def forward(self, x, mask=None):
        x = self.norms[0](x + self.attention(x, x, x, mask=mask)[0])
        y = F.dropout(self.back(F.relu(self.hidden(x))), p=self.p, training=self.training)
        return self.norms[1](x + y)


@variant("EncoderLayer")
class EncoderLayerAddNorm(nn.Module):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.attn = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.norm_a = nn.LayerNorm(embedding_dim, layernorm_eps)
        self.feed = nn.Sequential(FullyConnected(embedding_dim, fully_connected_dim), nn.Dropout(dropout_rate))
        self.norm_b = nn.LayerNorm(embedding_dim, layernorm_eps)

    @staticmethod
    def add_norm(norm, x, sublayer_output):
        return norm(x + sublayer_output)

    def forward(self, x, mask=None):
        attended = self.add_norm(self.norm_a, x, self.attn(x, x, x, mask)[0])
        return self.add_norm(self.norm_b, attended, self.feed(attended))


@variant("DecoderLayer")
class DecoderLayerFunctional(nn.Module):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.norms = nn.ModuleList(_Norm(embedding_dim, layernorm_eps) for _ in range(3))
        self.self_attention = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.cross_attention = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.ffn = FullyConnected(embedding_dim, fully_connected_dim)
        self.p = dropout_rate

    def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
        a, self_weights = self.self_attention(x, x, x, mask=look_ahead_mask)
        x = self.norms[0](a + x)
        a, cross_weights = self.cross_attention(x, enc_output, enc_output, mask=padding_mask)
        x = self.norms[1](a + x)
        x = self.norms[2](x + F.dropout(self.ffn(x), self.p, self.training))
        return x, self_weights, cross_weights


@variant("DecoderLayer")
class DecoderLayerSteps(nn.Module):
    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.blocks = nn.ModuleList(MultiHeadAttention(embedding_dim, num_heads, dropout_rate) for _ in range(2))
        self.norms = nn.ModuleList(nn.LayerNorm(embedding_dim, layernorm_eps) for _ in range(3))
        self.feed = nn.Sequential(FullyConnected(embedding_dim, fully_connected_dim), nn.Dropout(dropout_rate))

    def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
        weights = []
        sources = ((None, look_ahead_mask), (enc_output, padding_mask))  # None: the keys are the layer's input
        for block, norm, (keys, mask) in zip(self.blocks, self.norms, sources, strict=False):
            keys = x if keys is None else keys
            out, w = block(x, keys, keys, mask)
            x = norm(x + out)
            weights.append(w)
        return self.norms[2](x + self.feed(x)), *weights


# --- Encoder, Decoder -------------------------------------------------------------------------------------------


def _embedded(embedding, x, d, encoding, p, training):
    """Scaled embeddings plus the encoding of their positions, dropped out."""
    scaled = F.embedding(x, embedding.weight * math.sqrt(d))
    return F.dropout(scaled + encoding[:, : x.shape[1]], p, training)


@variant("Encoder")
class EncoderFunctional(nn.Module):
    """The encoding made in forward; the layers in a list, the embedding registered last."""

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.layers = nn.ModuleList([EncoderLayer(embedding_dim, num_heads, fully_connected_dim,
                                                  dropout_rate=dropout_rate, layernorm_eps=layernorm_eps)
                                     for _ in range(num_layers)])  # fmt: skip
        self.embedding = nn.Embedding(input_vocab_size, embedding_dim, padding_idx=0)
        self.d, self.max_len, self.p = embedding_dim, maximum_position_encoding, dropout_rate

    def forward(self, x, mask=None):
        x = _embedded(self.embedding, x, self.d, positional_encoding(self.max_len, self.d), self.p, self.training)
        for layer in self.layers:
            x = layer(x, mask=mask)
        return x


@variant("Encoder")
class EncoderSequence(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.scale = torch.tensor(embedding_dim, dtype=torch.float32).sqrt()
        self.tokens = nn.Embedding(input_vocab_size, embedding_dim)
        self.positions = positional_encoding(maximum_position_encoding, embedding_dim)[0]
        self.drop = nn.Dropout(dropout_rate)
        self.stack = nn.ModuleList()
        for _ in range(num_layers):
            self.stack.append(EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps))

    def forward(self, x, mask=None):
        out = self.drop(self.tokens(x) * self.scale + self.positions[: x.size(1)])
        for layer in self.stack:
            out = layer(out, mask)
        return out


@variant("Decoder")
class DecoderFunctional(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.layers = nn.ModuleList([DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                                                  layernorm_eps) for _ in range(num_layers)])  # fmt: skip
        self.embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.d, self.max_len, self.p = embedding_dim, maximum_position_encoding, dropout_rate

    def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
        x = _embedded(self.embedding, x, self.d, positional_encoding(self.max_len, self.d), self.p, self.training)
        weights = {}
        for i, layer in enumerate(self.layers):
            x, w1, w2 = layer(x, enc_output, look_ahead_mask, padding_mask)
            weights |= {f"decoder_layer{i + 1}_block1_self_att": w1, f"decoder_layer{i + 1}_block2_decenc_att": w2}
        return x, weights


@variant("Decoder")
class DecoderSequence(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.d = embedding_dim
        self.tokens = nn.Embedding(target_vocab_size, embedding_dim)
        self.register_buffer("positions", positional_encoding(maximum_position_encoding, embedding_dim)[0])
        self.drop = nn.Dropout(dropout_rate)
        self.stack = nn.ModuleList(DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                                                layernorm_eps) for _ in range(num_layers))  # fmt: skip

    def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
        out = self.drop(self.tokens(x) * self.d**0.5 + self.positions[: x.shape[1]])
        attention_weights = {}
        for number, layer in enumerate(self.stack, 1):
            out, block1, block2 = layer(out, enc_output, look_ahead_mask=look_ahead_mask, padding_mask=padding_mask)
            attention_weights[f"decoder_layer{number}_block1_self_att"] = block1
            attention_weights[f"decoder_layer{number}_block2_decenc_att"] = block2
        return out, attention_weights


# --- Transformer ------------------------------------------------------------------------------------------------


@variant("Transformer")
class TransformerKeywords(nn.Module):
    """The output layer registered first; every call by keyword."""

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 target_vocab_size, max_positional_encoding_input, max_positional_encoding_target,
                 dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.out = nn.Linear(embedding_dim, target_vocab_size)
        common = {"num_layers": num_layers, "embedding_dim": embedding_dim, "num_heads": num_heads,
                  "fully_connected_dim": fully_connected_dim, "dropout_rate": dropout_rate,
                  "layernorm_eps": layernorm_eps}  # fmt: skip
        self.enc = Encoder(input_vocab_size=input_vocab_size,
                           maximum_position_encoding=max_positional_encoding_input, **common)  # fmt: skip
        self.dec = Decoder(target_vocab_size=target_vocab_size,
                           maximum_position_encoding=max_positional_encoding_target, **common)  # fmt: skip

    def forward(self, input_sentence, output_sentence, enc_padding_mask=None, look_ahead_mask=None,
                dec_padding_mask=None):  # fmt: skip
        memory = self.enc(input_sentence, mask=enc_padding_mask)
        out, weights = self.dec(output_sentence, memory, look_ahead_mask=look_ahead_mask,
                                padding_mask=dec_padding_mask)  # fmt: skip
        return self.out(out), weights


@variant("Transformer")
class TransformerFunctionalHead(nn.Module):
    """The output layer as bare parameters through F.linear."""

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 target_vocab_size, max_positional_encoding_input, max_positional_encoding_target,
                 dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        sizes = (num_layers, embedding_dim, num_heads, fully_connected_dim)
        self.encoder = Encoder(*sizes, input_vocab_size, max_positional_encoding_input, dropout_rate, layernorm_eps)
        self.decoder = Decoder(*sizes, target_vocab_size, max_positional_encoding_target, dropout_rate,
                               layernorm_eps)  # fmt: skip
        self.w = nn.Parameter(torch.empty(target_vocab_size, embedding_dim))
        self.bias = nn.Parameter(torch.zeros(target_vocab_size))

    def forward(self, input_sentence, output_sentence, enc_padding_mask=None, look_ahead_mask=None,
                dec_padding_mask=None):  # fmt: skip
        decoded, weights = self.decoder(output_sentence, self.encoder(input_sentence, enc_padding_mask),
                                        look_ahead_mask, dec_padding_mask)  # fmt: skip
        return F.linear(decoded, self.w, self.bias), weights
