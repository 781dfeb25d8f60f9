"""ShapeModel: which steps each shape reads and scores, and clear errors for a wrong wiring."""

import pytest
import torch

from lstm_explained.models.shapes import ShapeModel


def _model(shape, steps=None):
    torch.manual_seed(0)
    return ShapeModel(shape, 3, 5, 4, steps=steps)


def test_many_to_many_scores_each_step_from_the_past_only():
    model, x = _model("many-to-many"), torch.randn(2, 6, 3)
    later = x.clone()
    later[:, 4:] += 1.0
    out, changed = model(x), model(later)
    assert out.shape == (2, 6, 4)
    assert torch.equal(out[:, :4], changed[:, :4]) and not torch.allclose(out[:, 4:], changed[:, 4:])


def test_many_to_one_scores_the_last_step_of_the_layer():
    model, x = _model("many-to-one"), torch.randn(2, 6, 3)
    assert torch.allclose(model(x)[:, 0], model.head(model.rnn(x)[0][:, -1]))


def test_one_to_many_reads_one_input_then_zeros():
    model, x = _model("one-to-many", steps=5), torch.randn(2, 1, 3)
    padded = torch.cat([x, torch.zeros(2, 4, 3)], 1)
    assert torch.allclose(model(x), model.head(model.rnn(padded)[0]))


def test_seq_to_seq_decodes_from_the_encoders_last_state():
    model, x = _model("seq-to-seq", steps=4), torch.randn(2, 6, 3)
    _, last = model.rnn(x)
    expected = model.head(model.decoder(torch.zeros(2, 4, 3), last)[0])
    assert torch.allclose(model(x), expected)
    earlier = x.clone()
    earlier[:, 0] += 1.0  # the first input reaches every output through the encoder's state
    assert not torch.allclose(model(earlier)[:, -1], model(x)[:, -1])


def test_wrong_wiring_and_input_are_named():
    with pytest.raises(ValueError, match="one-to-many needs steps"):
        ShapeModel("one-to-many", 3, 5, 4)
    with pytest.raises(ValueError, match="many-to-one scores the input's own steps"):
        ShapeModel("many-to-one", 3, 5, 4, steps=3)
    with pytest.raises(ValueError, match="ShapeModel: shape must be one of"):
        ShapeModel("two-to-two", 3, 5, 4)
    with pytest.raises(ValueError, match=r"x must be \(batch, steps, 3\), got \(6, 3\)"):
        _model("many-to-one")(torch.zeros(6, 3))
    with pytest.raises(ValueError, match="one-to-many reads one step, got 2"):
        _model("one-to-many", steps=3)(torch.zeros(1, 2, 3))
