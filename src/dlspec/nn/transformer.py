"""The Transformer (Course 5 week 4; Vaswani et al., 2017) in PyTorch, with the original course's names and
argument orders, sequences as ``(batch, length, features)``.

Adapted to PyTorch:

* Keras's ``call(x, training, mask)`` is ``forward(x, mask)``: train or eval mode is the module's own state
  (``model.train()`` / ``model.eval()``), which ``nn.Dropout`` reads, so ``training`` is no argument.
* Keras's ``MultiHeadAttention(num_heads, key_dim=embedding_dim)`` gave each head ``embedding_dim`` numbers; here
  ``MultiHeadAttention(d_model, num_heads)`` is written out (the lesson's Q, K, V projections, heads, and the output
  projection) and splits ``d_model`` among the heads, ``d_k = d_model // num_heads``, as the paper and
  ``torch.nn.MultiheadAttention`` do; its ``forward(query, key, value, mask)`` takes them in torch's order (Keras
  took query, value, key) and returns the weights of every head, ``(batch, num_heads, L_q, L_k)``.
* Layers are created in ``__init__`` with their input sizes, which Keras read from the first input.
* ``Transformer`` returns scores (logits) over the target vocabulary; the original's last Dense layer applied the
  softmax, which PyTorch's cross-entropy loss applies itself.

Masks hold 1 where a position may be attended to and 0 where it may not, the convention of the course's notebook
since its revision of 2021 (and of Keras's ``attention_mask``); the first release used the opposite (1 for a masked
position, added as ``mask * -1e9``, and an upper-triangular look-ahead mask). A mask may be left out (None).
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn


def get_angles(pos, k, d):
    """The angle ``pos / 10000^(2 i / d)`` of every position and feature, where ``i = k // 2``: features 2i and
    2i + 1 share a frequency (one gets its sine, the other its cosine). pos (N, 1) and k (1, d) broadcast to
    (N, d)."""
    i = k // 2
    return pos / np.power(10000, 2 * i / np.float32(d))


def positional_encoding(positions, d):
    """The encoding of every position as a float32 tensor (1, positions, d): the sine of the angle at even
    features, its cosine at odd ones."""
    angle_rads = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    return torch.tensor(angle_rads[np.newaxis, ...], dtype=torch.float32)


def create_padding_mask(decoder_token_ids):
    """1.0 for a real token and 0.0 for padding (token id 0), shaped (n, 1, m) to broadcast over the queries."""
    seq = 1 - (torch.as_tensor(decoder_token_ids) == 0).float()
    return seq[:, None, :]


def create_look_ahead_mask(sequence_length):
    """(1, L, L) lower-triangular ones: position i may attend to positions 0..i, not to later ones."""
    return torch.tril(torch.ones(1, sequence_length, sequence_length))


def scaled_dot_product_attention(q, k, v, mask):
    """softmax(q kᵀ / sqrt(d_k) + (1 - mask) * -1e9) v for q (..., L_q, d_k), k (..., L_k, d_k), v (..., L_k, d_v)
    and a mask broadcastable to (..., L_q, L_k) of 1 (attend) and 0 (masked), or None. Returns (output (..., L_q,
    d_v), attention_weights (..., L_q, L_k)); each row of the weights sums to 1 over the keys."""
    matmul_qk = torch.matmul(q, k.transpose(-2, -1))
    dk = k.shape[-1]
    scaled_attention_logits = matmul_qk / math.sqrt(dk)
    if mask is not None:
        scaled_attention_logits = scaled_attention_logits + (1.0 - mask) * -1e9
    attention_weights = torch.softmax(scaled_attention_logits, dim=-1)
    output = torch.matmul(attention_weights, v)
    return output, attention_weights


def FullyConnected(embedding_dim, fully_connected_dim):
    """The position-wise feed-forward network: Linear to fully_connected_dim, ReLU, Linear back."""
    return nn.Sequential(
        nn.Linear(embedding_dim, fully_connected_dim), nn.ReLU(), nn.Linear(fully_connected_dim, embedding_dim)
    )


class MultiHeadAttention(nn.Module):
    """Multi-head attention: project the queries, keys and values with learned (d_model, d_model) maps, split each
    projection into ``num_heads`` heads of d_k = d_model / num_heads features, attend in every head at once, put the
    heads side by side again and project the result. ``dropout_rate`` drops attention weights in train mode (as
    Keras's ``dropout`` argument did); the weights returned are those before dropout."""

    def __init__(self, d_model, num_heads, dropout_rate=0.0):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be a multiple of num_heads"
        self.num_heads, self.depth = num_heads, d_model // num_heads
        self.wq = nn.Linear(d_model, d_model)
        self.wk = nn.Linear(d_model, d_model)
        self.wv = nn.Linear(d_model, d_model)
        self.dense = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout_rate)

    def split_heads(self, x):
        """(batch, L, d_model) -> (batch, num_heads, L, depth): the features of head h are h*depth..(h+1)*depth."""
        batch, length, _ = x.shape
        return x.reshape(batch, length, self.num_heads, self.depth).transpose(1, 2)

    def forward(self, query, key, value, mask=None):
        """(output (batch, L_q, d_model), attention_weights (batch, num_heads, L_q, L_k)); ``mask`` of shape
        (batch, L_q or 1, L_k) or (1, L_q, L_k) applies to every head."""
        q = self.split_heads(self.wq(query))
        k = self.split_heads(self.wk(key))
        v = self.split_heads(self.wv(value))
        if mask is not None:
            mask = mask.unsqueeze(1)  # the same mask for every head
        _, weights = scaled_dot_product_attention(q, k, v, mask)
        heads = torch.matmul(self.dropout(weights), v)  # (batch, num_heads, L_q, depth)
        batch, _, length, _ = heads.shape
        concat = heads.transpose(1, 2).reshape(batch, length, self.num_heads * self.depth)
        return self.dense(concat), weights


class EncoderLayer(nn.Module):
    """Self-attention, then the feed-forward network, each added to its input and normalised (post-norm):
    out1 = LayerNorm(x + MHA(x, x, x)), out2 = LayerNorm(out1 + Dropout(FFN(out1)))."""

    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.ffn = FullyConnected(embedding_dim, fully_connected_dim)
        self.layernorm1 = nn.LayerNorm(embedding_dim, eps=layernorm_eps)
        self.layernorm2 = nn.LayerNorm(embedding_dim, eps=layernorm_eps)
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, mask=None):
        """(batch, L, embedding_dim) -> the same shape."""
        self_mha_output, _ = self.mha(x, x, x, mask)
        skip_x_attention = self.layernorm1(x + self_mha_output)
        ffn_output = self.dropout_ffn(self.ffn(skip_x_attention))
        return self.layernorm2(skip_x_attention + ffn_output)


class Encoder(nn.Module):
    """Token ids -> embeddings scaled by sqrt(embedding_dim), plus the positional encoding of their positions,
    dropout, then ``num_layers`` EncoderLayers."""

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(input_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))
        self.enc_layers = nn.ModuleList(
            EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
            for _ in range(num_layers)
        )
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, mask=None):
        """Token ids (batch, L) -> (batch, L, embedding_dim)."""
        seq_len = x.shape[1]
        x = self.embedding(x) * math.sqrt(self.embedding_dim)
        x = self.dropout(x + self.pos_encoding[:, :seq_len, :])
        for layer in self.enc_layers:
            x = layer(x, mask)
        return x


class DecoderLayer(nn.Module):
    """Masked self-attention, then attention to the encoder's output (queries from the decoder, keys and values
    from the encoder), then the feed-forward network; each added to its input and normalised."""

    def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha1 = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.mha2 = MultiHeadAttention(embedding_dim, num_heads, dropout_rate)
        self.ffn = FullyConnected(embedding_dim, fully_connected_dim)
        self.layernorm1 = nn.LayerNorm(embedding_dim, eps=layernorm_eps)
        self.layernorm2 = nn.LayerNorm(embedding_dim, eps=layernorm_eps)
        self.layernorm3 = nn.LayerNorm(embedding_dim, eps=layernorm_eps)
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
        """(out3 (batch, L_t, embedding_dim), attn_weights_block1 (batch, heads, L_t, L_t), attn_weights_block2
        (batch, heads, L_t, L_s)) for x (batch, L_t, embedding_dim) and enc_output (batch, L_s, embedding_dim)."""
        mult_attn_out1, attn_weights_block1 = self.mha1(x, x, x, look_ahead_mask)
        Q1 = self.layernorm1(mult_attn_out1 + x)
        mult_attn_out2, attn_weights_block2 = self.mha2(Q1, enc_output, enc_output, padding_mask)
        mult_attn_out2 = self.layernorm2(mult_attn_out2 + Q1)
        ffn_output = self.dropout_ffn(self.ffn(mult_attn_out2))
        out3 = self.layernorm3(ffn_output + mult_attn_out2)
        return out3, attn_weights_block1, attn_weights_block2


class Decoder(nn.Module):
    """Target ids -> scaled embeddings plus positional encoding, dropout, then ``num_layers`` DecoderLayers.
    Returns the last layer's output and a dict of every layer's attention weights, keyed
    ``decoder_layer{i}_block1_self_att`` and ``decoder_layer{i}_block2_decenc_att`` for i = 1, 2, ..."""

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))
        self.dec_layers = nn.ModuleList(
            DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
            for _ in range(num_layers)
        )
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
        """(x (batch, L_t, embedding_dim), attention_weights) for target ids x (batch, L_t)."""
        seq_len = x.shape[1]
        x = self.embedding(x) * math.sqrt(self.embedding_dim)
        x = self.dropout(x + self.pos_encoding[:, :seq_len, :])
        attention_weights = {}
        for i, layer in enumerate(self.dec_layers, start=1):
            x, block1, block2 = layer(x, enc_output, look_ahead_mask, padding_mask)
            attention_weights[f"decoder_layer{i}_block1_self_att"] = block1
            attention_weights[f"decoder_layer{i}_block2_decenc_att"] = block2
        return x, attention_weights


class Transformer(nn.Module):
    """Encoder, decoder and a final Linear layer to scores over the target vocabulary."""

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 target_vocab_size, max_positional_encoding_input, max_positional_encoding_target,
                 dropout_rate=0.1, layernorm_eps=1e-6):  # fmt: skip
        super().__init__()
        self.encoder = Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                               max_positional_encoding_input, dropout_rate, layernorm_eps)  # fmt: skip
        self.decoder = Decoder(num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                               max_positional_encoding_target, dropout_rate, layernorm_eps)  # fmt: skip
        self.final_layer = nn.Linear(embedding_dim, target_vocab_size)

    def forward(self, input_sentence, output_sentence, enc_padding_mask=None, look_ahead_mask=None,
                dec_padding_mask=None):  # fmt: skip
        """(final_output (batch, L_t, target_vocab_size) scores, attention_weights) for source ids (batch, L_s)
        and target ids (batch, L_t)."""
        enc_output = self.encoder(input_sentence, enc_padding_mask)
        dec_output, attention_weights = self.decoder(output_sentence, enc_output, look_ahead_mask, dec_padding_mask)
        return self.final_layer(dec_output), attention_weights


def greedy_decode(model, input_sentence, start, length):
    """The target ids (batch, length) that ``model`` (a Transformer, put in eval mode) writes for source ids
    (batch, L_s) (0 is padding), one position at a time from the token ``start``: each step runs the model on what
    is written so far and appends the highest-scoring token. Only the model's forward is used, so any Transformer
    with the course's signature decodes, whatever it calls its parts. Also returns the attention weights of the last
    step, which cover every position written."""
    model.eval()
    padding_mask = create_padding_mask(input_sentence)
    output = torch.full((input_sentence.shape[0], 1), start, dtype=torch.int64)
    with torch.no_grad():
        for _ in range(length):
            scores, attention_weights = model(input_sentence, output, padding_mask,
                                              create_look_ahead_mask(output.shape[1]), padding_mask)  # fmt: skip
            output = torch.cat([output, scores[:, -1].argmax(dim=-1, keepdim=True)], dim=1)
    return output[:, 1:], attention_weights
