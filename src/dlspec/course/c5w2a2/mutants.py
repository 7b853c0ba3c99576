"""Known mistakes in C5W2A2, each with the hint a learner who made it should read."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from dlspec.checking.spec import mutant
from dlspec.nn.emojify import convert_to_one_hot, predict, sentence_to_avg, softmax

# --- sentence_to_avg --------------------------------------------------------------------------------------------


def _average(sentence, word_to_vec_map, *, lower=True, skip=True, divide_by_all=False, mean=True, guard=True,
             dim=None):
    """The reference's steps, with one of them changed: each keyword is one mistake."""
    words = (sentence.lower() if lower else sentence).split()
    avg = np.zeros(dim or np.shape(next(iter(word_to_vec_map.values()))))
    count = 0
    for w in words:
        if not skip or w in word_to_vec_map:
            avg += word_to_vec_map[w]
            count += 1
    if divide_by_all:
        count = len(words)
    if not mean or (guard and count == 0):
        return avg
    with np.errstate(invalid="ignore", divide="ignore"):
        return avg / count


@mutant("sentence_to_avg", "Divide by the number of words you found in word_to_vec_map, not by the number of "
        "words in the sentence: a skipped word adds nothing to the sum, so it must not count.")
def divided_by_every_word(sentence, word_to_vec_map):
    return _average(sentence, word_to_vec_map, divide_by_all=True)


@mutant("sentence_to_avg", "GloVe's words are lower case: call sentence.lower() before splitting, or 'Morrocan' "
        "and 'I' are not found.")
def not_lowered(sentence, word_to_vec_map):
    return _average(sentence, word_to_vec_map, lower=False)


@mutant("sentence_to_avg", "Some words are not in the vocabulary: test `if w in word_to_vec_map` before reading "
        "one, and skip it when it is not.")
def unknown_word_looked_up(sentence, word_to_vec_map):
    return _average(sentence, word_to_vec_map, skip=False)


@mutant("sentence_to_avg", "An average: divide the sum by the number of words you added.")
def sum_not_average(sentence, word_to_vec_map):
    return _average(sentence, word_to_vec_map, mean=False)


@mutant("sentence_to_avg", "When no word of the sentence is known, count is 0 and avg / count gives NaN: divide "
        "only when count > 0, and return the zeros otherwise.")
def zero_count_divided(sentence, word_to_vec_map):
    return _average(sentence, word_to_vec_map, guard=False)


@mutant("sentence_to_avg", "Make avg as long as the word vectors (the shape of any one of them), not 50: the "
        "vocabulary here has vectors of another length.")
def fixed_length(sentence, word_to_vec_map):
    return _average(sentence, word_to_vec_map, dim=50)


# --- model ------------------------------------------------------------------------------------------------------


def _train(X, Y, word_to_vec_map, learning_rate, num_iterations, *, scale=True, classes=None, sign=1,
           per_example=True, lr=None, transpose_dW=False):
    """The reference's training loop, with one of its steps changed: each keyword is one mistake."""
    m = Y.shape[0]
    n_y = classes or len(np.unique(Y))
    n_h = np.shape(next(iter(word_to_vec_map.values())))[0]
    W = np.random.randn(n_y, n_h) / (np.sqrt(n_h) if scale else 1)
    b = np.zeros((n_y,))
    Y_oh = convert_to_one_hot(Y, C=n_y)
    step = learning_rate if lr is None else lr
    for _ in range(num_iterations):
        dW_last = db_last = 0
        for i in range(m):
            avg = sentence_to_avg(X[i], word_to_vec_map)
            a = softmax(np.dot(W, avg) + b)
            dz = sign * (a - Y_oh[i])
            dW = np.outer(avg, dz) if transpose_dW else np.outer(dz, avg)
            if per_example:
                W, b = W - step * dW, b - step * dz
            dW_last, db_last = dW, dz
        if not per_example:
            W, b = W - step * dW_last, b - step * db_last
    return predict(X, None, W, b, word_to_vec_map), W, b


@mutant("model", "Start W at np.random.randn(n_y, n_h) / np.sqrt(n_h): without the division, the first scores "
        "are sqrt(n_h) times too large.")
def unscaled_start(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    return _train(X, Y, word_to_vec_map, learning_rate, num_iterations, scale=False)


@mutant("model", "The number of classes is n_y = len(np.unique(Y)), not always 5: the one-hot rows and W need one "
        "entry per class of Y.")
def five_classes(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    return _train(X, Y, word_to_vec_map, learning_rate, num_iterations, classes=5)


@mutant("model", "The gradient of the loss with respect to z is a - y (the prediction less the truth): with y - a "
        "each step climbs the loss.")
def gradient_sign(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    return _train(X, Y, word_to_vec_map, learning_rate, num_iterations, sign=-1)


@mutant("model", "Stochastic gradient descent updates W and b after every sentence, inside the loop over i, not "
        "once per pass.")
def one_update_per_pass(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    return _train(X, Y, word_to_vec_map, learning_rate, num_iterations, per_example=False)


@mutant("model", "Use the learning_rate argument, not a fixed 0.01.")
def fixed_learning_rate(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    return _train(X, Y, word_to_vec_map, learning_rate, num_iterations, lr=0.01)


@mutant("model", "dW is dz (n_y,) times avg (n_h,) as an outer product of shape (n_y, n_h), the shape of W: "
        "np.dot(dz.reshape(n_y, 1), avg.reshape(1, n_h)).")
def transposed_gradient(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    return _train(X, Y, word_to_vec_map, learning_rate, num_iterations, transpose_dW=True)


@mutant("model", "Y_oh[i] must be sentence i's one-hot row: convert_to_one_hot(Y, C=n_y) gives one row per "
        "sentence, shape (m, n_y); np.eye(n_y)[:, Y] gives one column per sentence instead.")
def one_hot_columns(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    n_y, n_h = len(np.unique(Y)), np.shape(next(iter(word_to_vec_map.values())))[0]
    W, b = np.random.randn(n_y, n_h) / np.sqrt(n_h), np.zeros((n_y,))
    Y_oh = np.eye(n_y)[:, Y]
    for _ in range(num_iterations):
        for i in range(Y.shape[0]):
            avg = sentence_to_avg(X[i], word_to_vec_map)
            dz = softmax(np.dot(W, avg) + b) - Y_oh[i]
            W, b = W - learning_rate * np.outer(dz, avg), b - learning_rate * dz
    return predict(X, None, W, b, word_to_vec_map), W, b


@mutant("model", "The softmax runs over the classes: with z as a column (n_y, 1), summing over axis 1 divides each "
        "score by itself, every probability is 1 and nothing is learned.")
def softmax_wrong_axis(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    n_y, n_h = len(np.unique(Y)), np.shape(next(iter(word_to_vec_map.values())))[0]
    W, b = np.random.randn(n_y, n_h) / np.sqrt(n_h), np.zeros((n_y, 1))
    Y_oh = convert_to_one_hot(Y, C=n_y)
    for _ in range(num_iterations):
        for i in range(Y.shape[0]):
            avg = sentence_to_avg(X[i], word_to_vec_map).reshape(n_h, 1)
            z = np.dot(W, avg) + b
            a = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
            dz = a - Y_oh[i].reshape(n_y, 1)
            W, b = W - learning_rate * np.dot(dz, avg.T), b - learning_rate * dz
    return predict(X, None, W, b[:, 0], word_to_vec_map), W, b[:, 0]


# --- sentences_to_indices ---------------------------------------------------------------------------------------


def _fill(X, word_to_index, max_len, *, lower=True, skip=True, keep_place=False, shift=0, left=False, reset=True):
    """The reference's loop, with one of its steps changed: each keyword is one mistake."""
    X_indices = np.zeros((X.shape[0], max_len))
    j = 0
    for i in range(X.shape[0]):
        words = (X[i].lower() if lower else X[i]).split()
        found = [w for w in words if not skip or w in word_to_index]
        j = 0 if reset else j
        for place, w in enumerate(words if keep_place else found):
            if w in word_to_index or not skip:
                X_indices[i, place if keep_place else j] = word_to_index[w] + shift
            j += not keep_place
        if left and found:
            X_indices[i] = np.roll(X_indices[i], max_len - len(found))
    return X_indices


@mutant("sentences_to_indices", "Store word_to_index[w] itself: the indices already start at 1, and 0 is kept "
        "for padding.")
def index_minus_one(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len, shift=-1)


@mutant("sentences_to_indices", "Lower-case each sentence before splitting it: the vocabulary is lower case.")
def indices_not_lowered(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len, lower=False)


@mutant("sentences_to_indices", "A word that is not in word_to_index takes no column: advance j only when you "
        "store an index, so the known words stay side by side from column 0.")
def unknown_keeps_its_column(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len, keep_place=True)


@mutant("sentences_to_indices", "Test `if w in word_to_index` before looking a word up, and skip it when it is "
        "not there.")
def unknown_index_looked_up(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len, skip=False)


@mutant("sentences_to_indices", "The indices start at column 0 and the zeros of padding come after them, on the "
        "right (Keras's pad_sequences pads on the left by default; this notebook does not).")
def padded_on_the_left(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len, left=True)


@mutant("sentences_to_indices", "Set j = 0 at the start of every sentence: each row starts filling at column 0.")
def j_not_reset(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len, reset=False)


@mutant("sentences_to_indices", "X_indices has one row per sentence: shape (m, max_len), not (max_len, m).")
def indices_transposed(X, word_to_index, max_len):
    return _fill(X, word_to_index, max_len).T


# --- pretrained_embedding_layer ---------------------------------------------------------------------------------


def _matrix(word_to_vec_map, word_to_index, *, rows=None, shift=0, dim=None):
    """The embedding matrix of the reference, with its size or the rows' places changed."""
    dim = dim or np.shape(next(iter(word_to_vec_map.values())))[0]
    M = np.zeros((rows or len(word_to_index) + 1, dim))
    for word, idx in word_to_index.items():
        M[idx + shift, :] = word_to_vec_map[word]
    return M


def _frozen(M):
    layer = nn.Embedding(*M.shape)
    with torch.no_grad():
        layer.weight.copy_(torch.as_tensor(M, dtype=torch.float32))
    layer.weight.requires_grad = False
    return layer


@mutant("pretrained_embedding_layer", "Freeze the weight (requires_grad = False, or from_pretrained(..., "
        "freeze=True)): training would otherwise change the GloVe vectors of the few words in the training set "
        "and leave the others behind.")
def trainable_embedding(word_to_vec_map, word_to_index):
    M = _matrix(word_to_vec_map, word_to_index)
    return nn.Embedding.from_pretrained(torch.as_tensor(M, dtype=torch.float32), freeze=False)


@mutant("pretrained_embedding_layer", "Row word_to_index[w] holds the vector of w: the indices start at 1 because "
        "row 0 is padding, so do not subtract 1.")
def rows_shifted(word_to_vec_map, word_to_index):
    return _frozen(_matrix(word_to_vec_map, word_to_index, shift=-1))


@mutant("pretrained_embedding_layer", "The layer needs len(word_to_index) + 1 rows: the indices go up to "
        "len(word_to_index), and row 0 is the padding.")
def no_padding_row(word_to_vec_map, word_to_index):
    return _frozen(_matrix(word_to_vec_map, word_to_index, rows=len(word_to_index)))


@mutant("pretrained_embedding_layer", "torch.tensor of a NumPy float64 matrix is float64, and the LSTM's weights "
        "are float32: convert with dtype=torch.float32.")
def float64_embedding(word_to_vec_map, word_to_index):
    return nn.Embedding.from_pretrained(torch.tensor(_matrix(word_to_vec_map, word_to_index)), freeze=True)


@mutant("pretrained_embedding_layer", "nn.Embedding starts with random weights: copy the GloVe matrix into it "
        "(or build it with nn.Embedding.from_pretrained).")
def vectors_not_loaded(word_to_vec_map, word_to_index):
    layer = nn.Embedding(len(word_to_index) + 1, np.shape(next(iter(word_to_vec_map.values())))[0])
    layer.weight.requires_grad = False
    return layer


@mutant("pretrained_embedding_layer", "emb_dim is the length of the word vectors (the shape of any one), not "
        "always 50.")
def fixed_width(word_to_vec_map, word_to_index):
    return _frozen(_matrix(word_to_vec_map, word_to_index, dim=50))


# --- Emojify_V2 -------------------------------------------------------------------------------------------------


class _Emojify(nn.Module):
    """The reference's layers, with the parts a mistake changes passed in."""

    def __init__(self, word_to_vec_map, word_to_index, *, freeze=True, batch_first=True, width=None, drop=0.5):
        super().__init__()
        M = _matrix(word_to_vec_map, word_to_index)
        self.embedding = nn.Embedding.from_pretrained(torch.as_tensor(M, dtype=torch.float32), freeze=freeze)
        self.lstm1 = nn.LSTM(width or M.shape[1], 128, batch_first=batch_first)
        self.lstm2 = nn.LSTM(128, 128, batch_first=batch_first)
        self.drop, self.batch_first = nn.Dropout(drop), batch_first
        self.linear = nn.Linear(128, 5)

    def sequence(self, x):
        """The second LSTM's output at every position, (m, max_len, 128), batch first."""
        X, _ = self.lstm1(self.embedding(x))
        X, _ = self.lstm2(self.drop(X))
        return X if self.batch_first else X.transpose(0, 1)

    def forward(self, x):
        return self.linear(self.drop(self.sequence(x)[:, -1, :]))


@mutant("Emojify_V2", "The embedding must stay frozen: build it with pretrained_embedding_layer, which sets "
        "requires_grad to False.")
class TrainableEmbedding(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index, freeze=False)


@mutant("Emojify_V2", "The second LSTM's output holds every position, (m, max_len, 128): keep only the last "
        "position's, X[:, -1, :] (or the final hidden state), before the dropout and the linear layer.")
class EveryPosition(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index)

    def forward(self, x):
        return self.linear(self.drop(self.sequence(x)))


@mutant("Emojify_V2", "Keep the last position, X[:, -1, :], where the LSTM has read the whole sentence; "
        "X[:, 0, :] has seen only the first word.")
class FirstPosition(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index)

    def forward(self, x):
        return self.linear(self.drop(self.sequence(x)[:, 0, :]))


@mutant("Emojify_V2", "Both LSTMs take batch_first=True: by default an LSTM reads (max_len, m, features), so your "
        "batch would be read as a sequence over the sentences.")
class TimeFirst(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index, batch_first=False)

    def sequence(self, x):
        X, _ = self.lstm1(self.embedding(x))
        X, _ = self.lstm2(self.drop(X))
        return X


@mutant("Emojify_V2", "Each LSTM is followed by nn.Dropout(0.5): the train-mode output shows none here.")
class NoDropout(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index, drop=0.0)


@mutant("Emojify_V2", "Return the five logits, without a softmax: nn.CrossEntropyLoss applies the softmax itself.")
class SoftmaxOutput(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index)

    def forward(self, x):
        return torch.softmax(super().forward(x), dim=1)


@mutant("Emojify_V2", "The first LSTM's input size is the embedding's width (embedding_dim), which is not always 50.")
class FixedWidth(_Emojify):
    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        super().__init__(word_to_vec_map, word_to_index, width=50)
