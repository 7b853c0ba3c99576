"""Correct solutions of C5W2A2 written differently from the reference: each must pass every case."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from dlspec.checking.spec import variant
from dlspec.nn.emojify import pretrained_embedding_layer, sentence_to_avg

# --- sentence_to_avg --------------------------------------------------------------------------------------------


@variant("sentence_to_avg")
def average_with_np_mean(sentence, word_to_vec_map):
    found = [word_to_vec_map[w] for w in sentence.lower().split() if w in word_to_vec_map]
    if not found:
        return np.zeros_like(next(iter(word_to_vec_map.values())), dtype=float)
    return np.mean(found, axis=0)


@variant("sentence_to_avg")
def average_with_sum(sentence, word_to_vec_map):
    words = [w for w in sentence.split() if w.lower() in word_to_vec_map]
    total = sum((np.asarray(word_to_vec_map[w.lower()], dtype=float) for w in words),
                np.zeros(len(next(iter(word_to_vec_map.values())))))
    return total / max(len(words), 1)


# --- model ------------------------------------------------------------------------------------------------------


@variant("model")
def model_averages_once(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    # the averages do not change while training: compute them once
    classes = len(np.unique(Y))
    averages = [sentence_to_avg(s, word_to_vec_map) for s in X]
    n_h = len(averages[0])
    W = np.random.randn(classes, n_h) / np.sqrt(n_h)
    b = np.zeros(classes)
    targets = np.eye(classes)[Y]
    for _ in range(num_iterations):
        for avg, y in zip(averages, targets, strict=True):
            z = W @ avg + b
            p = np.exp(z - z.max())
            p /= p.sum()
            W -= learning_rate * np.outer(p - y, avg)
            b -= learning_rate * (p - y)
    scores = np.array(averages) @ W.T + b
    return np.argmax(scores, axis=1).reshape(-1, 1), W, b


@variant("model")
def model_with_column_vectors(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    m, n_y = len(Y), int(np.max(Y)) + 1
    n_h = next(iter(word_to_vec_map.values())).shape[0]
    W = np.random.randn(n_y, n_h) * np.sqrt(1.0 / n_h)
    b = np.zeros((n_y, 1))
    for _ in range(num_iterations):
        for i in range(m):
            x = sentence_to_avg(X[i], word_to_vec_map).reshape(n_h, 1)
            z = W.dot(x) + b
            a = np.exp(z) / np.sum(np.exp(z), axis=0, keepdims=True)
            a[Y[i]] -= 1  # a - one_hot(y)
            W = W - learning_rate * a.dot(x.T)
            b = b - learning_rate * a
    pred = [np.argmax(W.dot(sentence_to_avg(s, word_to_vec_map)) + b[:, 0]) for s in X]
    return np.array(pred, dtype=float).reshape(m, 1), W, b.ravel()


# --- sentences_to_indices ---------------------------------------------------------------------------------------


@variant("sentences_to_indices")
def indices_from_lists(X, word_to_index, max_len):
    rows = [[word_to_index[w] for w in s.lower().split() if w in word_to_index] for s in X]
    return np.array([row + [0] * (max_len - len(row)) for row in rows])


@variant("sentences_to_indices")
def indices_with_slices(X, word_to_index, max_len):
    out = np.zeros((len(X), max_len), dtype=np.int32)
    for i, sentence in enumerate(X):
        known = [word_to_index.get(w) for w in sentence.lower().split()]
        known = [k for k in known if k is not None]
        out[i, : len(known)] = known
    return out


# --- pretrained_embedding_layer ---------------------------------------------------------------------------------


@variant("pretrained_embedding_layer")
def embedding_from_pretrained(word_to_vec_map, word_to_index):
    dim = len(next(iter(word_to_vec_map.values())))
    weights = torch.zeros(len(word_to_index) + 1, dim)
    for word, idx in word_to_index.items():
        weights[idx] = torch.as_tensor(word_to_vec_map[word], dtype=torch.float32)
    return nn.Embedding.from_pretrained(weights, freeze=True, padding_idx=0)


@variant("pretrained_embedding_layer")
def embedding_rows_at_once(word_to_vec_map, word_to_index):
    words = list(word_to_index)
    vectors = np.array([word_to_vec_map[w] for w in words], dtype=np.float32)
    matrix = np.zeros((len(words) + 1, vectors.shape[1]), dtype=np.float32)
    matrix[[word_to_index[w] for w in words]] = vectors
    layer = nn.Embedding(matrix.shape[0], matrix.shape[1], _weight=torch.from_numpy(matrix))
    layer.requires_grad_(False)
    return layer


# --- Emojify_V2 -------------------------------------------------------------------------------------------------


@variant("Emojify_V2")
class EmojifyStacked(nn.Module):
    # one nn.LSTM of two layers applies the dropout between them itself, drawing the same mask
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__()
        self.embed = pretrained_embedding_layer(word_to_vec_map, word_to_index)
        self.lstm = nn.LSTM(self.embed.weight.shape[1], 128, num_layers=2, dropout=0.5, batch_first=True)
        self.head = nn.Sequential(nn.Dropout(p=0.5), nn.Linear(128, 5))

    def forward(self, x):
        _, (h, _) = self.lstm(self.embed(x.long()))
        return self.head(h[-1])


@variant("Emojify_V2")
class EmojifyTimeFirst(nn.Module):
    # LSTMs in their default layout, (max_len, m, features): the batch is turned once on the way in
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__()
        self.emb = pretrained_embedding_layer(word_to_vec_map, word_to_index)
        self.rnn1 = nn.LSTM(input_size=self.emb.embedding_dim, hidden_size=128)
        self.rnn2 = nn.LSTM(input_size=128, hidden_size=128)
        self.out = nn.Linear(128, 5)

    def forward(self, x):
        seq, _ = self.rnn1(self.emb(x).permute(1, 0, 2).contiguous())
        seq = nn.functional.dropout(seq.permute(1, 0, 2), 0.5, self.training).permute(1, 0, 2)
        _, (h_n, _) = self.rnn2(seq)
        return self.out(nn.functional.dropout(h_n[0], p=0.5, training=self.training))
