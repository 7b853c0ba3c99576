"""Emojify (C5W2A2): a sentence classified into one of five emoji from its GloVe word vectors.

V1 (NumPy) averages the vectors of a sentence's words and puts a softmax layer on the average, trained by
stochastic gradient descent one sentence at a time. V2 (PyTorch) reads the words in order: a frozen embedding
that holds the GloVe vectors, two stacked LSTMs with dropout, and a linear layer giving five logits.

Conventions, the original course's where it had one:

* A sentence is lower-cased and split on white space. A word missing from the vocabulary is skipped: it adds
  nothing to an average and takes no place among the indices. A sentence with no known word averages to zeros.
* ``word_to_index`` numbers the words from 1; index 0 is padding, whose embedding row is all zeros. A sentence's
  indices fill its row of ``X_indices`` from the left, and the rest of the row stays 0.
* The LSTMs read all ``max_len`` positions, padding included, as the original's did; the classifier reads the
  second LSTM's hidden state after the last position. The model returns logits: ``nn.CrossEntropyLoss`` applies
  the softmax.

Only the names the notebook imports are used here (``np``, ``torch``, ``nn``, ``softmax``, ``convert_to_one_hot``,
``predict``), because each reference is pasted verbatim into the answer-key notebook.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from dlspec.nn.softmax import softmax


def convert_to_one_hot(Y, C):
    """Labels Y (m integers in 0..C-1) as one-hot rows, shape (m, C), as the original's emo_utils returned them."""
    return np.eye(C)[np.asarray(Y).reshape(-1)]


def predict(X, Y, W, b, word_to_vec_map):
    """V1's prediction for each sentence of X, shape (m, 1) as the original's emo_utils returned it; prints the
    accuracy against the labels Y (pass Y=None to skip it)."""
    pred = np.zeros((len(X), 1))
    for j, sentence in enumerate(X):
        pred[j] = np.argmax(softmax(np.dot(W, sentence_to_avg(sentence, word_to_vec_map)) + b))
    if Y is not None:
        print("Accuracy: " + str(np.mean(pred[:, 0] == np.asarray(Y).reshape(-1))))
    return pred


def sentence_to_avg(sentence, word_to_vec_map):
    """The average of the word vectors of a sentence.

    Arguments:
    sentence -- a string: words separated by white space, in any case
    word_to_vec_map -- a dict from each word of the vocabulary (lower case) to its vector, shape (n_h,)

    Returns:
    avg -- array of shape (n_h,): the mean of the vectors of the sentence's words found in word_to_vec_map (a word
           that is not there is skipped); zeros when none is found
    """
    any_word = next(iter(word_to_vec_map))
    avg = np.zeros(np.shape(word_to_vec_map[any_word]))
    count = 0
    for w in sentence.lower().split():
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
            count += 1
    if count > 0:
        avg = avg / count
    return avg


def model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400):
    """Train Emojifier-V1: softmax(W avg + b) on each sentence's average vector, by stochastic gradient descent.

    Arguments:
    X -- array of m sentences (strings)
    Y -- array of m integer labels, 0..n_y-1, every class present at least once
    word_to_vec_map -- a dict from each word to its vector, shape (n_h,)
    learning_rate -- the step size of gradient descent
    num_iterations -- the number of passes over the training set (epochs)

    W starts as np.random.randn(n_y, n_h) / np.sqrt(n_h), drawn from NumPy's global random state, and b as zeros.
    Each pass visits the sentences in order, updating W and b after each one with the gradient of its
    cross-entropy loss.

    Returns:
    pred -- array of shape (m, 1): the label predicted for each sentence of X with the final W and b
    W -- weight matrix of the softmax layer, shape (n_y, n_h)
    b -- bias of the softmax layer, shape (n_y,)
    """
    any_word = next(iter(word_to_vec_map))
    m = Y.shape[0]
    n_y = len(np.unique(Y))
    n_h = np.shape(word_to_vec_map[any_word])[0]
    W = np.random.randn(n_y, n_h) / np.sqrt(n_h)
    b = np.zeros((n_y,))
    Y_oh = convert_to_one_hot(Y, C=n_y)
    for _ in range(num_iterations):
        for i in range(m):
            avg = sentence_to_avg(X[i], word_to_vec_map)
            z = np.dot(W, avg) + b
            a = softmax(z)
            # the gradient of the cross-entropy of a softmax with respect to z is a - y
            dz = a - Y_oh[i]
            dW = np.dot(dz.reshape(n_y, 1), avg.reshape(1, n_h))
            db = dz
            W = W - learning_rate * dW
            b = b - learning_rate * db
    pred = predict(X, None, W, b, word_to_vec_map)
    return pred, W, b


def sentences_to_indices(X, word_to_index, max_len):
    """Each sentence of X as the row of its words' indices, padded with zeros on the right.

    Arguments:
    X -- array of m sentences (strings)
    word_to_index -- a dict from each word (lower case) to its index, 1 or more (0 is padding)
    max_len -- the length of a row: at least the number of known words in the longest sentence

    Returns:
    X_indices -- int64 array of shape (m, max_len): row i holds the indices of sentence i's words found in
                 word_to_index, in order, from column 0 on (an unknown word is skipped and takes no column); the
                 rest of the row is 0
    """
    m = X.shape[0]
    X_indices = np.zeros((m, max_len), dtype=np.int64)
    for i in range(m):
        j = 0
        for w in X[i].lower().split():
            if w in word_to_index:
                X_indices[i, j] = word_to_index[w]
                j = j + 1
    return X_indices


def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    """An nn.Embedding holding the word vectors, frozen.

    Arguments:
    word_to_vec_map -- a dict from each word to its vector, shape (emb_dim,)
    word_to_index -- a dict from each word to its index, 1..len(word_to_index) (0 is padding)

    Returns:
    embedding_layer -- nn.Embedding of len(word_to_index) + 1 rows and emb_dim columns, float32: row 0 is zeros
                       (padding), row word_to_index[w] is the vector of w; its weight does not train
                       (requires_grad False)
    """
    vocab_size = len(word_to_index) + 1
    any_word = next(iter(word_to_vec_map))
    emb_dim = np.shape(word_to_vec_map[any_word])[0]
    emb_matrix = np.zeros((vocab_size, emb_dim))
    for word, idx in word_to_index.items():
        emb_matrix[idx, :] = word_to_vec_map[word]
    embedding_layer = nn.Embedding(vocab_size, emb_dim)
    with torch.no_grad():
        embedding_layer.weight.copy_(torch.as_tensor(emb_matrix, dtype=torch.float32))
    embedding_layer.weight.requires_grad = False
    return embedding_layer


class Emojify_V2(nn.Module):
    """Emojifier-V2, for batches of word indices of shape (m, max_len) (int64, as sentences_to_indices gives):

    pretrained_embedding_layer (frozen) -> LSTM(emb_dim -> 128), every position's output -> Dropout(0.5) ->
    LSTM(128 -> 128), the hidden state after the last position -> Dropout(0.5) -> Linear(128 -> 5)

    Both LSTMs take the batch first (batch_first=True). forward returns the five logits, shape (m, 5).
    """

    def __init__(self, input_shape, word_to_vec_map, word_to_index):
        """Create the layers. input_shape is (max_len,), kept from the original (the layers do not need it)."""
        super().__init__()
        self.embedding = pretrained_embedding_layer(word_to_vec_map, word_to_index)
        self.lstm1 = nn.LSTM(self.embedding.embedding_dim, 128, batch_first=True)
        self.dropout1 = nn.Dropout(0.5)
        self.lstm2 = nn.LSTM(128, 128, batch_first=True)
        self.dropout2 = nn.Dropout(0.5)
        self.linear = nn.Linear(128, 5)

    def forward(self, x):
        """The logits (m, 5) of a batch x of word indices, shape (m, max_len)."""
        embeddings = self.embedding(x)
        X, _ = self.lstm1(embeddings)
        X = self.dropout1(X)
        X, _ = self.lstm2(X)
        X = self.dropout2(X[:, -1, :])
        return self.linear(X)
