"""Bad input to a cell gets an error that names the cell, the argument and what was expected."""

import pytest
import torch
from torch import nn

from lstm_explained import cells


_LSTM = nn.LSTMCell(3, 2).requires_grad_(False)


_W = (_LSTM.weight_ih, _LSTM.weight_hh)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: cells.lstm_cell(torch.zeros(4), None, *_W), ValueError, r"x has 4 features but weight_ih \(8, 3\) expects input_size 3"),
        (lambda: cells.lstm_cell(torch.zeros(3), None, torch.zeros(6, 3), torch.zeros(6, 2)), ValueError, r"weight_ih has 6 rows, not a multiple of the 4 gates i, f, g, o"),
        (lambda: cells.gru_cell(torch.zeros(3), None, torch.zeros(8, 3), torch.zeros(8, 2)), ValueError, r"8 rows, not a multiple of the 3 gates r, z, n"),
        (lambda: cells.lstm_cell(torch.zeros(3), None, _W[0], torch.zeros(8, 3)), ValueError, r"weight_hh has shape \(8, 3\), expected \(8, 2\)"),
        (lambda: cells.lstm_cell(torch.zeros(3), None, *_W, torch.zeros(4)), ValueError, r"bias_ih has shape \(4,\), expected \(8,\)"),
        (lambda: cells.lstm_cell(torch.zeros(5, 3), (torch.zeros(4, 2), torch.zeros(5, 2)), *_W), ValueError, r"h has shape \(4, 2\), expected \(5, 2\)"),
        (lambda: cells.lstm_cell(torch.zeros(3), (torch.zeros(2), torch.zeros(3)), *_W), ValueError, r"c has shape \(3,\), expected \(2,\)"),
        (lambda: cells.lstm_cell(torch.zeros(2, 2, 3), None, *_W), ValueError, r"x must be \(input_size,\) or \(batch, input_size\)"),
        (lambda: cells.lstm_cell(torch.zeros(3), torch.zeros(2), *_W), TypeError, r"state must be a pair \(h, c\) or None"),
        (lambda: cells.lstm_cell([0.0, 1.0, 2.0], None, *_W), TypeError, r"x must be a torch.Tensor, got list"),
        (lambda: cells.lstm_cell(torch.zeros(3, dtype=torch.long), None, *_W), TypeError, r"x must be a floating-point tensor"),
        (lambda: cells.lstm_cell(torch.zeros(3, dtype=torch.float64), None, *_W), TypeError, r"weight_ih has dtype torch.float32 but x has dtype torch.float64"),
        (lambda: cells.rnn_cell(torch.zeros(3), None, torch.zeros(2, 3), torch.zeros(2, 2), nonlinearity="sigmoid"), ValueError, r"rnn_cell: nonlinearity must be one of 'tanh', 'relu', got 'sigmoid'"),
        (lambda: cells.peephole_lstm_cell(torch.zeros(3), None, *_W, torch.zeros(2, 2)), ValueError, r"weight_ch has shape \(2, 2\), expected \(3, 2\)"),
        (lambda: cells.coupled_lstm_cell(torch.zeros(3), None, *_W), ValueError, r"weight_ih has 8 rows, not a multiple of the 3 gates f, g, o"),
    ],
)
def test_bad_input_names_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()

