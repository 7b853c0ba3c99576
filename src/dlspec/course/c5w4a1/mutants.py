"""Known mistakes in C5W4A1, each with the hint a learner who made it should read. The modules' mistakes are the
reference's classes with one step changed, each keyword of the builders below one mistake."""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.transformer import (
    Decoder,
    DecoderLayer,
    Encoder,
    EncoderLayer,
    MultiHeadAttention,
    Transformer,
    get_angles,
)

# --- get_angles -------------------------------------------------------------------------------------------------


@mutant("get_angles", "Features 2i and 2i+1 share one frequency: the exponent uses 2 * (k // 2), not k.")
def exponent_from_k(pos, k, d):
    return pos / np.power(10000, k / np.float32(d))


@mutant("get_angles", "The exponent is 2i / d with i = k // 2: you left out the 2.")
def exponent_without_two(pos, k, d):
    return pos / np.power(10000, (k // 2) / np.float32(d))


@mutant("get_angles", "Divide the position by 10000^(2i/d); multiplying makes the angles grow with the feature.")
def multiplied(pos, k, d):
    return pos * np.power(10000, 2 * (k // 2) / np.float32(d))


@mutant("get_angles", "2 * (k // 2) / d must be a true division: // gives 0 for every feature below d.")
def integer_exponent(pos, k, d):
    return pos / np.power(10000, 2 * (k // 2) // d)


@mutant("get_angles", "Mind the brackets: 10000 is raised to the power 2i / d, not 2i then divided by d.")
def power_then_divided(pos, k, d):
    return pos / np.power(10000.0, 2 * (k // 2)) / d


# --- positional_encoding ----------------------------------------------------------------------------------------


def _encoding(positions, d, *, swap=False, halves=False, only_sin=False, batch_axis=True, dtype=torch.float32):
    """The reference's steps with one changed: each keyword is one mistake."""
    angles = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    if halves:
        angles = np.concatenate([np.sin(angles[:, 0::2]), np.cos(angles[:, 1::2])], axis=-1)
    elif only_sin:
        angles = np.sin(angles)
    else:
        even, odd = (np.cos, np.sin) if swap else (np.sin, np.cos)
        angles[:, 0::2], angles[:, 1::2] = even(angles[:, 0::2]), odd(angles[:, 1::2])
    return torch.tensor(angles[np.newaxis] if batch_axis else angles, dtype=dtype)


@mutant("positional_encoding", "Sine at the even features (0, 2, 4, ...), cosine at the odd ones: you swapped them.")
def sin_cos_swapped(positions, d):
    return _encoding(positions, d, swap=True)


@mutant("positional_encoding", "Interleave them: the sines go to the even columns (angle_rads[:, 0::2]) and the "
        "cosines to the odd ones, not the sines in the first half and the cosines in the second.")
def sin_then_cos_halves(positions, d):
    return _encoding(positions, d, halves=True)


@mutant("positional_encoding", "Only the even features take the sine; the odd ones take the cosine.")
def sine_everywhere(positions, d):
    return _encoding(positions, d, only_sin=True)


@mutant("positional_encoding", "Return shape (1, positions, d): add a batch axis in front (angle_rads[np.newaxis, "
        "...]) so the encoding adds to a batch of embeddings.")
def no_batch_axis(positions, d):
    return _encoding(positions, d, batch_axis=False)


@mutant("positional_encoding", "get_angles takes the positions as a column (positions, 1) and the features as a row "
        "(1, d); you gave them the other way round.")
def positions_and_features_swapped(positions, d):
    angles = get_angles(np.arange(d)[:, np.newaxis], np.arange(positions)[np.newaxis, :], d)
    angles[:, 0::2], angles[:, 1::2] = np.sin(angles[:, 0::2]), np.cos(angles[:, 1::2])
    return torch.tensor(angles[np.newaxis], dtype=torch.float32)


# --- scaled_dot_product_attention -------------------------------------------------------------------------------


def _attention(q, k, v, mask, *, inverted=False, scale="sqrt_dk", axis=-1, after=False):
    """The reference's steps with one changed: each keyword is one mistake."""
    logits = torch.matmul(q, k.transpose(-2, -1))
    logits = logits / {"sqrt_dk": math.sqrt(k.shape[-1]), "dk": k.shape[-1], "none": 1,
                       "sqrt_dv": math.sqrt(v.shape[-1])}[scale]  # fmt: skip
    if mask is not None and not after:
        logits = logits + (mask if inverted else 1.0 - mask) * -1e9
    weights = torch.softmax(logits, dim=axis)
    if mask is not None and after:
        weights = weights * mask
    return torch.matmul(weights, v), weights


@mutant("scaled_dot_product_attention", "A mask holds 1 where a key may be attended to and 0 where it may not: add "
        "(1 - mask) * -1e9. Adding mask * -1e9 hides exactly the keys that should be seen (that was the convention "
        "of the course's first release).")
def mask_inverted(q, k, v, mask):
    return _attention(q, k, v, mask, inverted=True)


@mutant("scaled_dot_product_attention", "Divide the scores by the square root of d_k, not by d_k itself.")
def scaled_by_dk(q, k, v, mask):
    return _attention(q, k, v, mask, scale="dk")


@mutant("scaled_dot_product_attention", "Scale the scores: divide q kᵀ by sqrt(d_k), d_k = k.shape[-1], before the "
        "softmax, or large d_k saturates it.")
def not_scaled(q, k, v, mask):
    return _attention(q, k, v, mask, scale="none")


@mutant("scaled_dot_product_attention", "d_k is the length of a key (k.shape[-1]); you took the length of a value.")
def scaled_by_dv(q, k, v, mask):
    return _attention(q, k, v, mask, scale="sqrt_dv")


@mutant("scaled_dot_product_attention", "Softmax over the keys, the last axis (dim=-1): each query's weights must "
        "sum to 1.")
def softmax_over_queries(q, k, v, mask):
    return _attention(q, k, v, mask, axis=-2)


@mutant("scaled_dot_product_attention", "Apply the mask to the scores before the softmax, adding (1 - mask) * -1e9; "
        "zeroing weights after it leaves rows that no longer sum to 1.")
def mask_after_softmax(q, k, v, mask):
    return _attention(q, k, v, mask, after=True)


# --- MultiHeadAttention -----------------------------------------------------------------------------------------


def _mha(*, split="transpose", merge="transpose", scale="sqrt_dk", project=True, average=False, drop_output=False):
    """MultiHeadAttention with one step changed: each keyword is one mistake."""

    class Mistaken(MultiHeadAttention):
        def __init__(self, d_model, num_heads, dropout_rate=0.0):
            super().__init__(d_model, num_heads, dropout_rate)
            if not project:
                del self.dense

        def split_heads(self, x):
            batch, length, _ = x.shape
            if split == "reshape":  # the numbers regrouped, not the features
                return x.reshape(batch, self.num_heads, length, self.depth)
            return super().split_heads(x)

        def forward(self, query, key, value, mask=None):
            q, k, v = (self.split_heads(w(a)) for w, a in ((self.wq, query), (self.wk, key), (self.wv, value)))
            d = q.shape[-1] if scale == "sqrt_dk" else self.num_heads * self.depth
            logits = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d)
            if mask is not None:
                logits = logits + (1.0 - mask.unsqueeze(1)) * -1e9
            weights = torch.softmax(logits, dim=-1)
            heads = torch.matmul(weights if drop_output else self.dropout(weights), v)
            batch, _, length, _ = heads.shape
            if merge == "reshape":
                concat = heads.reshape(batch, length, -1)
            else:
                concat = heads.transpose(1, 2).reshape(batch, length, -1)
            output = self.dense(concat) if project else concat
            output = self.dropout(output) if drop_output else output
            return output, weights.mean(dim=1) if average else weights

    return Mistaken


heads_split_without_transpose = mutant(
    "MultiHeadAttention", "Split the heads as (batch, L, num_heads, depth), then transpose to (batch, num_heads, L, "
    "depth): reshaping straight to (batch, num_heads, L, depth) mixes the positions of different heads.",
)(_mha(split="reshape"))
heads_merged_without_transpose = mutant(
    "MultiHeadAttention", "Before joining the heads, transpose (batch, num_heads, L, depth) back to (batch, L, "
    "num_heads, depth); reshaping straight to (batch, L, d_model) mixes positions.",
)(_mha(merge="reshape"))
scaled_by_d_model = mutant(
    "MultiHeadAttention", "Each head's scores are divided by sqrt(d_k), d_k = d_model / num_heads, the length of one "
    "head's keys, not by sqrt(d_model).",
)(_mha(scale="d_model"))
no_output_projection = mutant(
    "MultiHeadAttention", "After joining the heads, project them with a last (d_model, d_model) Linear layer: the "
    "layer has four weight matrices, for Q, K, V and the output.",
)(_mha(project=False))
dropout_on_the_output = mutant(
    "MultiHeadAttention", "Dropout acts on the attention weights, before they multiply the values "
    "(dropout(weights) @ v), not on the layer's output.",
)(_mha(drop_output=True))
weights_averaged = mutant(
    "MultiHeadAttention", "Return the attention weights of every head, (batch, num_heads, L_q, L_k), not their "
    "average over the heads (torch.nn.MultiheadAttention's default).",
)(_mha(average=True))


# --- EncoderLayer -----------------------------------------------------------------------------------------------


def _encoder_layer(*, residual1=True, residual2=True, pre_norm=False, dropout=True, shared_norm=False, masked=True,
                   drop_last=False):
    """EncoderLayer with one step changed: each keyword is one mistake."""

    class Mistaken(EncoderLayer):
        def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
            super().__init__(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
            if shared_norm:
                self.layernorm2 = self.layernorm1

        def forward(self, x, mask=None):
            mask = mask if masked else None
            drop = self.dropout_ffn if dropout else nn.Identity()
            if pre_norm:
                out1 = x + self.mha(*(self.layernorm1(x),) * 3, mask)[0]
                return out1 + drop(self.ffn(self.layernorm2(out1)))
            attn, _ = self.mha(x, x, x, mask)
            out1 = self.layernorm1(x + attn if residual1 else attn)
            if drop_last:
                return drop(self.layernorm2(out1 + self.ffn(out1)))
            ffn = drop(self.ffn(out1))
            return self.layernorm2(out1 + ffn if residual2 else ffn)

    return Mistaken


encoder_attention_residual_missing = mutant(
    "EncoderLayer", "Add the block's input to the attention's output before the first layer norm: layernorm1(x + "
    "attention).",
)(_encoder_layer(residual1=False))
encoder_ffn_residual_missing = mutant(
    "EncoderLayer", "Add the feed-forward block's input to its output before the second layer norm: "
    "layernorm2(out1 + ffn_output).",
)(_encoder_layer(residual2=False))
encoder_pre_norm = mutant(
    "EncoderLayer", "This layer normalises after adding (post-norm, as the paper and the course): layernorm(x + "
    "sublayer(x)), not x + sublayer(layernorm(x)).",
)(_encoder_layer(pre_norm=True))
encoder_dropout_missing = mutant(
    "EncoderLayer", "Apply dropout_ffn to the feed-forward output before adding it to its input; in train mode it "
    "must drop values.",
)(_encoder_layer(dropout=False))
encoder_dropout_after_norm = mutant(
    "EncoderLayer", "Drop out the feed-forward output before the residual sum (layernorm2(out1 + dropout_ffn(ffn)))"
    ", not the layer's normalised output.",
)(_encoder_layer(drop_last=True))
encoder_norm_shared = mutant(
    "EncoderLayer", "Each add-and-norm has its own LayerNorm, with its own scale and shift: create two.",
)(_encoder_layer(shared_norm=True))
encoder_mask_ignored = mutant(
    "EncoderLayer", "Pass the mask to the self-attention, or every query attends to the padding too.",
)(_encoder_layer(masked=False))


# --- Encoder and Decoder ----------------------------------------------------------------------------------------


def _embed(module, x, *, scale=True, scale_after=False, dropout=True):
    """The embedding step of the encoder and the decoder, with one step changed."""
    seq_len = x.shape[1]
    x = module.embedding(x)
    if scale and not scale_after:
        x = x * math.sqrt(module.embedding_dim)
    x = x + module.pos_encoding[:, :seq_len, :]
    if scale_after:
        x = x * math.sqrt(module.embedding_dim)
    return module.dropout(x) if dropout else x


def _encoder(*, masked=True, shared=False, **embed):
    class Mistaken(Encoder):
        def __init__(self, num_layers, *args, **kwargs):
            super().__init__(num_layers, *args, **kwargs)
            if shared:
                self.enc_layers = nn.ModuleList([self.enc_layers[0]] * num_layers)

        def forward(self, x, mask=None):
            x = _embed(self, x, **embed)
            for layer in self.enc_layers:
                x = layer(x, mask if masked else None)
            return x

    return Mistaken


SCALE = ("Multiply the embeddings by sqrt(embedding_dim) before adding the positional encoding, so the two are of "
         "comparable size.")
DROPOUT = "Apply dropout to the embeddings plus positional encoding, before the first layer."
encoder_not_scaled = mutant("Encoder", SCALE)(_encoder(scale=False))
encoder_scaled_after_position = mutant("Encoder", "Scale the embeddings alone by sqrt(embedding_dim), then add the "
                                       "positional encoding; you scaled the sum.")(_encoder(scale_after=True))
encoder_embedding_dropout_missing = mutant("Encoder", DROPOUT)(_encoder(dropout=False))
encoder_mask_not_passed = mutant("Encoder", "Give every EncoderLayer the mask.")(_encoder(masked=False))
encoder_one_layer_reused = mutant(
    "Encoder", "Create num_layers separate EncoderLayers (in an nn.ModuleList): the same layer used num_layers times "
    "has a single set of weights.",
)(_encoder(shared=True))


@mutant("Encoder", "Slice the positional encoding to the length of the sequence: pos_encoding[:, :seq_len, :].")
class EncoderEncodingNotSliced(Encoder):
    def forward(self, x, mask=None):
        x = self.dropout(self.embedding(x) * math.sqrt(self.embedding_dim) + self.pos_encoding)
        for layer in self.enc_layers:
            x = layer(x, mask)
        return x


def _decoder_layer(*, sources="right", block2_mask=True, residual2="Q1", pre_norm=False, dropout=True,
                   shared_norm=False):  # fmt: skip
    """DecoderLayer with one step changed: each keyword is one mistake."""

    class Mistaken(DecoderLayer):
        def __init__(self, embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6):
            super().__init__(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
            if shared_norm:
                self.layernorm2 = self.layernorm3 = self.layernorm1

        def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
            drop = self.dropout_ffn if dropout else nn.Identity()
            if pre_norm:
                n = self.layernorm1(x)
                a1, w1 = self.mha1(n, n, n, look_ahead_mask)
                out1 = x + a1
                a2, w2 = self.mha2(self.layernorm2(out1), enc_output, enc_output, padding_mask)
                out2 = out1 + a2
                return out2 + drop(self.ffn(self.layernorm3(out2))), w1, w2
            a1, w1 = self.mha1(x, x, x, look_ahead_mask)
            Q1 = self.layernorm1(a1 + x)
            query, kv = {"right": (Q1, enc_output), "decoder": (Q1, Q1), "x": (x, enc_output)}[sources]
            a2, w2 = self.mha2(query, kv, kv, padding_mask if block2_mask else None)
            out2 = self.layernorm2(a2 + (Q1 if residual2 == "Q1" else x))
            return self.layernorm3(drop(self.ffn(out2)) + out2), w1, w2

    return Mistaken


decoder_keys_from_decoder = mutant(
    "DecoderLayer", "In the second block the queries come from the decoder (Q1) but the keys and values from the "
    "encoder: mha2(Q1, enc_output, enc_output, padding_mask).",
)(_decoder_layer(sources="decoder"))
decoder_query_from_input = mutant(
    "DecoderLayer", "The second block's queries are the first block's normalised output Q1, not the layer's input x.",
)(_decoder_layer(sources="x"))
decoder_padding_mask_ignored = mutant(
    "DecoderLayer", "Pass padding_mask to the second attention, so no query attends to the encoder's padding.",
)(_decoder_layer(block2_mask=False))
decoder_residual_from_input = mutant(
    "DecoderLayer", "The second add-and-norm adds the second block's input, Q1, not the layer's input x.",
)(_decoder_layer(residual2="x"))
decoder_pre_norm = mutant(
    "DecoderLayer", "This layer normalises after adding (post-norm): layernorm(x + sublayer(x)), not x + "
    "sublayer(layernorm(x)).",
)(_decoder_layer(pre_norm=True))
decoder_dropout_missing = mutant(
    "DecoderLayer", "Apply dropout_ffn to the feed-forward output before the last add-and-norm.",
)(_decoder_layer(dropout=False))
decoder_norm_shared = mutant(
    "DecoderLayer", "Each of the three add-and-norms has its own LayerNorm: create three.",
)(_decoder_layer(shared_norm=True))


def _decoder(*, first=1, masks="right", shared=False, **embed):
    class Mistaken(Decoder):
        def __init__(self, num_layers, *args, **kwargs):
            super().__init__(num_layers, *args, **kwargs)
            if shared:
                self.dec_layers = nn.ModuleList([self.dec_layers[0]] * num_layers)

        def forward(self, x, enc_output, look_ahead_mask=None, padding_mask=None):
            x = _embed(self, x, **embed)
            attention_weights = {}
            for i, layer in enumerate(self.dec_layers, start=first):
                given = (look_ahead_mask, padding_mask) if masks == "right" else (None, padding_mask)
                x, block1, block2 = layer(x, enc_output, *given)
                attention_weights[f"decoder_layer{i}_block1_self_att"] = block1
                attention_weights[f"decoder_layer{i}_block2_decenc_att"] = block2
            return x, attention_weights

    return Mistaken


decoder_not_scaled = mutant("Decoder", SCALE)(_decoder(scale=False))
decoder_embedding_dropout_missing = mutant("Decoder", DROPOUT)(_decoder(dropout=False))
decoder_keys_from_zero = mutant(
    "Decoder", "Number the layers from 1 in the keys: decoder_layer1_block1_self_att, "
    "decoder_layer1_block2_decenc_att, ... (enumerate(..., start=1) or i + 1).",
)(_decoder(first=0))
decoder_look_ahead_not_passed = mutant(
    "Decoder", "Give every DecoderLayer the look-ahead mask too: without it a position sees the words after it.",
)(_decoder(masks="no look-ahead"))
decoder_one_layer_reused = mutant(
    "Decoder", "Create num_layers separate DecoderLayers (in an nn.ModuleList), each with its own weights.",
)(_decoder(shared=True))


# --- Transformer ------------------------------------------------------------------------------------------------


def _transformer(*, softmax=False, enc_mask=True, look_ahead=True, dec_mask=True, weights=True):
    class Mistaken(Transformer):
        def forward(self, input_sentence, output_sentence, enc_padding_mask=None, look_ahead_mask=None,
                    dec_padding_mask=None):  # fmt: skip
            enc_output = self.encoder(input_sentence, enc_padding_mask if enc_mask else None)
            dec_output, attention = self.decoder(output_sentence, enc_output, look_ahead_mask if look_ahead else None,
                                                 dec_padding_mask if dec_mask else None)  # fmt: skip
            out = self.final_layer(dec_output)
            out = torch.softmax(out, dim=-1) if softmax else out
            return (out, attention) if weights else out

    return Mistaken


transformer_softmax = mutant(
    "Transformer", "Return the final Linear layer's scores as they are: PyTorch's cross-entropy loss applies the "
    "softmax itself (the original's Dense layer had it built in).",
)(_transformer(softmax=True))
transformer_encoder_unmasked = mutant(
    "Transformer", "Pass enc_padding_mask to the encoder.")(_transformer(enc_mask=False))
transformer_look_ahead_missing = mutant(
    "Transformer", "Pass look_ahead_mask to the decoder, which hands it to its first attention block.",
)(_transformer(look_ahead=False))
transformer_decoder_padding_missing = mutant(
    "Transformer", "Pass dec_padding_mask to the decoder, for its attention to the encoder's output.",
)(_transformer(dec_mask=False))
transformer_weights_not_returned = mutant(
    "Transformer", "Return two things: the scores and the decoder's dict of attention weights.",
)(_transformer(weights=False))
