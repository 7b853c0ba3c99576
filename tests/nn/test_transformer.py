"""The Transformer: the positional encoding's waves, attention that hides what its mask says to hide, multi-head
attention equal to torch.nn.MultiheadAttention with the same weights, dropout where the original has it (no effect
at rate 0, dropping at rate p in train mode only), the original's numbers of weights, and greedy decoding."""

import math

import numpy as np
import pytest
import torch
from torch import nn

from dlspec.nn.transformer import (
    Decoder,
    DecoderLayer,
    Encoder,
    EncoderLayer,
    MultiHeadAttention,
    Transformer,
    create_look_ahead_mask,
    create_padding_mask,
    get_angles,
    greedy_decode,
    positional_encoding,
    scaled_dot_product_attention,
)


def test_features_2i_and_2i_plus_1_share_a_frequency_and_position_0_has_angle_0():
    angles = get_angles(np.arange(4)[:, None], np.arange(16)[None, :], 16)
    assert angles.shape == (4, 16)
    assert np.all(angles[0] == 0)
    assert np.array_equal(angles[:, 0::2], angles[:, 1::2])
    assert angles[3, 15] == pytest.approx(3 / 10000 ** (14 / 16))


def test_the_encoding_is_sine_at_even_features_and_cosine_at_odd_ones():
    pe = positional_encoding(50, 16)
    assert pe.shape == (1, 50, 16) and pe.dtype == torch.float32
    angles = torch.tensor(get_angles(np.arange(50)[:, None], np.arange(16)[None, :], 16), dtype=torch.float32)
    assert torch.allclose(pe[0, :, 0::2] ** 2 + pe[0, :, 1::2] ** 2, torch.ones(50, 8), atol=1e-6)
    assert torch.allclose(pe[0, :, 0::2], torch.sin(angles[:, 0::2]), atol=1e-6)


def test_masks_hold_1_where_attending_is_allowed():
    mask = create_padding_mask(torch.tensor([[5, 3, 0], [0, 1, 2]]))
    assert mask.shape == (2, 1, 3)
    assert mask.tolist() == [[[1, 1, 0]], [[0, 1, 1]]]
    assert torch.equal(create_look_ahead_mask(3)[0], torch.tensor([[1.0, 0, 0], [1, 1, 0], [1, 1, 1]]))


def test_attention_weights_sum_to_1_and_are_0_on_masked_keys():
    torch.manual_seed(0)
    q, k, v = torch.randn(2, 4, 8), torch.randn(2, 5, 8), torch.randn(2, 5, 3)
    mask = create_padding_mask(torch.tensor([[1, 2, 3, 0, 0], [1, 2, 3, 4, 5]]))
    out, weights = scaled_dot_product_attention(q, k, v, mask)
    assert out.shape == (2, 4, 3) and weights.shape == (2, 4, 5)
    assert torch.allclose(weights.sum(-1), torch.ones(2, 4))
    assert torch.all(weights[0, :, 3:] == 0)
    expected = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(8), dim=-1)
    assert torch.allclose(scaled_dot_product_attention(q, k, v, None)[1], expected)


def _torch_mha(mine: MultiHeadAttention, d_model: int, num_heads: int) -> nn.MultiheadAttention:
    theirs = nn.MultiheadAttention(d_model, num_heads, batch_first=True)
    with torch.no_grad():
        theirs.in_proj_weight.copy_(torch.cat([mine.wq.weight, mine.wk.weight, mine.wv.weight]))
        theirs.in_proj_bias.copy_(torch.cat([mine.wq.bias, mine.wk.bias, mine.wv.bias]))
        theirs.out_proj.weight.copy_(mine.dense.weight)
        theirs.out_proj.bias.copy_(mine.dense.bias)
    return theirs.eval()


@pytest.mark.parametrize("d_model, num_heads", [(8, 2), (12, 4), (6, 1)])
def test_multi_head_attention_equals_torchs_with_the_same_weights(d_model, num_heads):
    torch.manual_seed(d_model)
    mine = MultiHeadAttention(d_model, num_heads).eval()
    theirs = _torch_mha(mine, d_model, num_heads)
    query, memory = torch.randn(3, 5, d_model), torch.randn(3, 7, d_model)
    ids = torch.tensor([[1, 2, 3, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7], [4, 0, 0, 0, 0, 0, 0]])
    with torch.no_grad():
        out, weights = mine(query, memory, memory, create_padding_mask(ids))
        out_t, weights_t = theirs(query, memory, memory, key_padding_mask=ids == 0)  # True: hidden
        assert weights.shape == (3, num_heads, 5, 7)
        assert torch.allclose(out, out_t, atol=1e-5) and torch.allclose(weights.mean(1), weights_t, atol=1e-6)
        look_ahead = create_look_ahead_mask(5)
        out, weights = mine(query, query, query, look_ahead)
        out_t, weights_t = theirs(query, query, query, attn_mask=look_ahead[0] == 0)
        assert torch.allclose(out, out_t, atol=1e-5) and torch.allclose(weights.mean(1), weights_t, atol=1e-6)
        _, per_head = theirs(query, query, query, attn_mask=look_ahead[0] == 0, average_attn_weights=False)
        assert torch.allclose(weights, per_head, atol=1e-6)


def _transformer(dropout_rate: float) -> Transformer:
    torch.manual_seed(3)
    return Transformer(2, 8, 2, 16, 11, 9, 12, 10, dropout_rate=dropout_rate)


def _run(model: Transformer, train: bool, seed: int = 0) -> torch.Tensor:
    source, target = torch.tensor([[3, 4, 5, 0], [1, 2, 3, 4]]), torch.tensor([[1, 2, 3], [4, 5, 6]])
    mask = create_padding_mask(source)
    model.train(train)
    torch.manual_seed(seed)
    with torch.no_grad():
        return model(source, target, mask, create_look_ahead_mask(3), mask)[0]


def test_with_dropout_rate_0_train_mode_equals_eval_mode():
    model = _transformer(0.0)
    assert torch.equal(_run(model, True), _run(model, False))


def test_dropout_acts_in_train_mode_only_and_draws_anew_each_pass():
    model = _transformer(0.5)
    assert torch.equal(_run(model, False), _run(model, False, seed=1))
    assert not torch.allclose(_run(model, True), _run(model, False))
    assert not torch.allclose(_run(model, True, seed=0), _run(model, True, seed=1))


def test_dropout_zeroes_a_share_p_of_the_feed_forward_output_and_scales_the_rest():
    layer = EncoderLayer(64, 4, 128, dropout_rate=0.3).train()
    seen = []
    layer.dropout_ffn.register_forward_hook(lambda _m, inputs, out: seen.append((inputs[0], out)))
    with torch.no_grad():
        layer(torch.randn(20, 10, 64))
    before, after = seen[0]
    dropped = after == 0
    assert 0.27 < dropped.float().mean() < 0.33
    assert torch.allclose(after[~dropped], before[~dropped] / 0.7)


def _count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def test_the_numbers_of_weights_are_the_architectures():
    d, h, f = 8, 2, 16
    mha = 4 * (d * d + d)
    ffn = d * f + f + f * d + d
    assert _count(MultiHeadAttention(d, h)) == mha
    assert _count(EncoderLayer(d, h, f)) == mha + ffn + 2 * 2 * d
    assert _count(DecoderLayer(d, h, f)) == 2 * mha + ffn + 3 * 2 * d
    assert _count(Encoder(2, d, h, f, 11, 12)) == 11 * d + 2 * _count(EncoderLayer(d, h, f))
    assert _count(Decoder(2, d, h, f, 9, 10)) == 9 * d + 2 * _count(DecoderLayer(d, h, f))
    assert _count(_transformer(0.1)) == _count(Encoder(2, d, h, f, 11, 12)) + _count(Decoder(2, d, h, f, 9, 10)) + (
        d * 9 + 9
    )


def test_the_decoder_names_every_layers_weights_from_1():
    decoder = Decoder(2, 8, 2, 16, 9, 10).eval()
    x, weights = decoder(torch.tensor([[1, 2, 3]]), torch.randn(1, 4, 8))
    assert x.shape == (1, 3, 8)
    assert list(weights) == ["decoder_layer1_block1_self_att", "decoder_layer1_block2_decenc_att",
                             "decoder_layer2_block1_self_att", "decoder_layer2_block2_decenc_att"]  # fmt: skip
    assert weights["decoder_layer2_block2_decenc_att"].shape == (1, 2, 3, 4)


def test_greedy_decoding_writes_what_the_models_highest_scores_say():
    model = _transformer(0.1)
    source = torch.tensor([[3, 4, 5, 0], [1, 2, 3, 4]])
    written, attention = greedy_decode(model, source, 8, 3)
    assert written.shape == (2, 3) and not model.training
    decoder_input = torch.cat([torch.full((2, 1), 8), written[:, :-1]], dim=1)
    mask = create_padding_mask(source)
    with torch.no_grad():
        scores, _ = model(source, decoder_input, mask, create_look_ahead_mask(3), mask)
    assert torch.equal(scores.argmax(-1), written)  # teacher-forced on its own output, it agrees
    assert attention["decoder_layer2_block2_decenc_att"].shape == (2, 2, 3, 4)
