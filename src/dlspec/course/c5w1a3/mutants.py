"""Known mistakes in C5W1A3, each with the hint a learner who made it should read."""

from __future__ import annotations

import copy

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dlspec.checking.spec import mutant

# --- DJModel ----------------------------------------------------------------------------------------------------


class _DJ(nn.Module):
    """The reference's layers; ``step`` (one time step) and ``finish`` (the list of outputs to the result) are the
    parts a mistake changes."""

    def __init__(self, Tx, LSTM_cell, densor):
        super().__init__()
        self.Tx, self.LSTM_cell, self.densor = Tx, LSTM_cell, densor

    def step(self, X, t, a, c, a0, c0):
        return self.LSTM_cell(X[:, t, :], (a, c))

    def finish(self, outputs):
        return torch.stack(outputs)

    def forward(self, X, a0, c0):
        a, c, outputs = a0, c0, []
        for t in range(self.Tx):
            a, c = self.step(X, t, a, c, a0, c0)
            outputs.append(self.densor(a))
        return self.finish(outputs)


@mutant("DJModel", "Use the LSTM_cell you are given at every step: one cell, shared by all Tx steps, so the model "
        "has the same parameters whatever Tx is (and the inference model can reuse what training taught it). A new "
        "nn.LSTMCell per step gives Tx cells, each with weights of its own.")  # fmt: skip
class DJNewCellPerStep(_DJ):
    def __init__(self, Tx, LSTM_cell, densor):
        super().__init__(Tx, LSTM_cell, densor)
        self.cells = nn.ModuleList(self.cell_for_a_step(LSTM_cell) for _ in range(Tx))

    def cell_for_a_step(self, LSTM_cell):
        return nn.LSTMCell(LSTM_cell.input_size, LSTM_cell.hidden_size)

    def step(self, X, t, a, c, a0, c0):
        return self.cells[t](X[:, t, :], (a, c))


@mutant("DJModel", "A copy of LSTM_cell per step starts with the same weights, but each copy then learns on its "
        "own: Tx cells instead of one shared cell, and the LSTM_cell the inference model uses never learns "
        "anything.")  # fmt: skip
class DJCopiedCellPerStep(DJNewCellPerStep.fn):
    def cell_for_a_step(self, LSTM_cell):
        return copy.deepcopy(LSTM_cell)


@mutant("DJModel", "Pass the state along: each step starts from the (a, c) the previous step returned, "
        "LSTM_cell(x, (a, c)). Called without it, the cell starts every step from zeros and forgets the "
        "melody.")  # fmt: skip
class DJNoState(_DJ):
    def step(self, X, t, a, c, a0, c0):
        return self.LSTM_cell(X[:, t, :])


@mutant("DJModel", "Start every step from the previous step's (a, c), not from (a0, c0): the initial state is only "
        "for the first step.")  # fmt: skip
class DJInitialStateEveryStep(_DJ):
    def step(self, X, t, a, c, a0, c0):
        return self.LSTM_cell(X[:, t, :], (a0, c0))


@mutant("DJModel", "nn.LSTMCell returns (a, c): the hidden state first, then the memory cell.")
class DJStatesSwapped(_DJ):
    def step(self, X, t, a, c, a0, c0):
        c, a = self.LSTM_cell(X[:, t, :], (a, c))
        return a, c


@mutant("DJModel", "Step t reads X[:, t, :], the t-th value of every melody: X is (m, Tx, n_values), so X[t] would "
        "be the whole t-th melody.")  # fmt: skip
class DJFirstValueEveryStep(_DJ):
    def step(self, X, t, a, c, a0, c0):
        return self.LSTM_cell(X[:, 0, :], (a, c))


@mutant("DJModel", "Stack the outputs with time first, torch.stack(outputs) (dim=0): (Tx, m, n_values), the layout of "
        "Y.")  # fmt: skip
class DJExamplesFirst(_DJ):
    def finish(self, outputs):
        return torch.stack(outputs, dim=1)


@mutant("DJModel", "Return the logits: nn.CrossEntropyLoss applies the softmax itself, so a softmax here would be "
        "applied twice.")  # fmt: skip
class DJSoftmax(_DJ):
    def finish(self, outputs):
        return torch.softmax(torch.stack(outputs), dim=-1)


@mutant("DJModel", "The scores come from the hidden state a (densor(a)), not from the memory cell c.")
class DJDenseOnMemory(_DJ):
    def forward(self, X, a0, c0):
        a, c, outputs = a0, c0, []
        for t in range(self.Tx):
            a, c = self.LSTM_cell(X[:, t, :], (a, c))
            outputs.append(self.densor(c))
        return torch.stack(outputs)


@mutant("DJModel", "Assign the layers as attributes (self.LSTM_cell = LSTM_cell): nn.Module registers only those, so "
        "in a plain list they are hidden from parameters() and the optimiser has nothing to train.")  # fmt: skip
class DJLayersInAList(nn.Module):
    def __init__(self, Tx, LSTM_cell, densor):
        super().__init__()
        self.Tx, self.layers = Tx, [LSTM_cell, densor]

    def forward(self, X, a0, c0):
        cell, densor = self.layers
        a, c, outputs = a0, c0, []
        for t in range(self.Tx):
            a, c = cell(X[:, t, :], (a, c))
            outputs.append(densor(a))
        return torch.stack(outputs)


# --- MusicInferenceModel ----------------------------------------------------------------------------------------


class _Inference(nn.Module):
    """The reference's loop; ``state`` (where a step starts) and ``next_input`` (what is fed back) are the parts a
    mistake changes."""

    def __init__(self, LSTM_cell, densor, Ty=100):
        super().__init__()
        self.LSTM_cell, self.densor, self.Ty = LSTM_cell, densor, Ty

    def state(self, a, c, a0, c0):
        return a, c

    def next_input(self, out, x0):
        return F.one_hot(out.argmax(dim=-1), num_classes=out.shape[-1]).float()

    def forward(self, x0, a0, c0):
        x, a, c, outputs = x0, a0, c0, []
        for _ in range(self.Ty):
            a, c = self.LSTM_cell(x, self.state(a, c, a0, c0))
            out = self.densor(a)
            outputs.append(out)
            x = self.next_input(out, x0)
        return torch.stack(outputs)


@mutant("MusicInferenceModel", "Feed the value just chosen back in: x for the next step is the one-hot vector of "
        "this step's argmax. Feeding x0 every time writes a melody that never hears itself.")  # fmt: skip
class InferenceFeedsX0(_Inference):
    def next_input(self, out, x0):
        return x0


@mutant("MusicInferenceModel", "Feed back a choice, not the probabilities: one-hot encode the argmax "
        "(F.one_hot(out.argmax(dim=-1), num_classes=out.shape[-1]).float()), as the training melodies were "
        "encoded.")  # fmt: skip
class InferenceFeedsProbabilities(_Inference):
    def next_input(self, out, x0):
        return torch.softmax(out, dim=-1)


@mutant("MusicInferenceModel", "Feed back the one-hot vector of the argmax, not the scores themselves: the cell was "
        "trained on one-hot inputs.")  # fmt: skip
class InferenceFeedsLogits(_Inference):
    def next_input(self, out, x0):
        return out


@mutant("MusicInferenceModel", "Take the argmax over the values (dim=-1), one choice per example; dim=0 compares "
        "the examples with each other.")  # fmt: skip
class InferenceArgmaxOverExamples(_Inference):
    def next_input(self, out, x0):
        return F.one_hot(out.argmax(dim=0), num_classes=out.shape[-1]).float()


@mutant("MusicInferenceModel", "Use the LSTM_cell and densor you are given, trained by DJModel: new layers start "
        "from random weights and have learned nothing.")  # fmt: skip
class InferenceNewLayers(_Inference):
    def __init__(self, LSTM_cell, densor, Ty=100):
        super().__init__(nn.LSTMCell(LSTM_cell.input_size, LSTM_cell.hidden_size),
                         nn.Linear(densor.in_features, densor.out_features), Ty)  # fmt: skip


@mutant("MusicInferenceModel", "Carry the state from step to step: each step starts from the (a, c) of the one "
        "before, not from (a0, c0).")  # fmt: skip
class InferenceInitialStateEveryStep(_Inference):
    def state(self, a, c, a0, c0):
        return a0, c0


@mutant("MusicInferenceModel", "Write Ty values: the first comes from x0, and each later one from the value before "
        "it, Ty steps in all.")  # fmt: skip
class InferenceOneStepShort(_Inference):
    def forward(self, x0, a0, c0):
        return super().forward(x0, a0, c0)[:-1]


n_values = 90  # the notebook's global, which a learner's forward may read instead of the layers' own size


@mutant("MusicInferenceModel", "Read the number of values off the layers (self.densor.out_features) or the output "
        "(out.shape[-1]), not the notebook's global n_values: the model must work for any vocabulary, and the checks "
        "use other sizes than 90.")  # fmt: skip
class InferenceGlobalSize(_Inference):
    def next_input(self, out, x0):
        return F.one_hot(out.argmax(dim=-1), num_classes=n_values).float()


# --- predict_and_sample -----------------------------------------------------------------------------------------


def _indices(inference_model, x_initializer, a_initializer, c_initializer):
    with torch.no_grad():
        pred = inference_model(x_initializer, a_initializer, c_initializer)
    return pred, pred.argmax(dim=-1).numpy()


@mutant("predict_and_sample", "Return results first, then indices: return results, indices.")
def sample_order_swapped(inference_model, x_initializer, a_initializer, c_initializer):
    pred, indices = _indices(inference_model, x_initializer, a_initializer, c_initializer)
    return indices, np.eye(pred.shape[-1], dtype=np.float32)[indices]


@mutant("predict_and_sample", "Take the argmax over the last axis, the values: pred is (Ty, m, n_values), and one "
        "value is chosen per step and per example.")  # fmt: skip
def sample_argmax_over_steps(inference_model, x_initializer, a_initializer, c_initializer):
    with torch.no_grad():
        pred = inference_model(x_initializer, a_initializer, c_initializer)
    indices = pred.argmax(dim=0).numpy()
    return np.eye(pred.shape[-1], dtype=np.float32)[indices], indices


@mutant("predict_and_sample", "results holds the choices as one-hot vectors (a 1 at each chosen index, 0 elsewhere), "
        "not the probabilities.")  # fmt: skip
def sample_probabilities(inference_model, x_initializer, a_initializer, c_initializer):
    pred, indices = _indices(inference_model, x_initializer, a_initializer, c_initializer)
    return torch.softmax(pred, dim=-1).numpy(), indices


@mutant("predict_and_sample", "Give one_hot the number of values (num_classes=pred.shape[-1]): without it, it "
        "makes only as many columns as the largest index chosen, plus one.")  # fmt: skip
def sample_one_hot_too_narrow(inference_model, x_initializer, a_initializer, c_initializer):
    pred, indices = _indices(inference_model, x_initializer, a_initializer, c_initializer)
    return F.one_hot(torch.as_tensor(indices)).float().numpy(), indices


@mutant("predict_and_sample", "Keep the examples' axis: indices is (Ty, m), even when m is 1.")
def sample_indices_squeezed(inference_model, x_initializer, a_initializer, c_initializer):
    pred, indices = _indices(inference_model, x_initializer, a_initializer, c_initializer)
    return np.eye(pred.shape[-1], dtype=np.float32)[indices], np.squeeze(indices)


@mutant("predict_and_sample", "Return NumPy arrays (tensor.numpy()), as the music helpers that read them expect.")
def sample_tensors(inference_model, x_initializer, a_initializer, c_initializer):
    with torch.no_grad():
        pred = inference_model(x_initializer, a_initializer, c_initializer)
    indices = pred.argmax(dim=-1)
    return F.one_hot(indices, num_classes=pred.shape[-1]).float(), indices


@mutant("predict_and_sample", "Run the model inside `with torch.no_grad():`: nothing will be trained here, and a "
        "tensor that records gradients cannot become a NumPy array.")  # fmt: skip
def sample_with_grad(inference_model, x_initializer, a_initializer, c_initializer):
    pred = inference_model(x_initializer, a_initializer, c_initializer).numpy()
    indices = np.argmax(pred, axis=-1)
    return np.eye(pred.shape[-1], dtype=np.float32)[indices], indices
