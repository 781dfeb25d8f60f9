"""The lecture's loop: the reference the packed trainer must match, and what it refuses."""

import pytest
import torch

from lstm_explained.models.toy import ToyModel, make_models
from lstm_explained.training.one_by_one import train_one_by_one


def test_it_is_adam_on_the_mean_cross_entropy_one_model_at_a_time():
    x, y = torch.eye(3)[[0, 1, 2, 0, 1, 2]], torch.tensor([1, 2, 0, 1, 2, 0])
    models, copies = make_models("lstm", 3, 2, 3, n=2, seed=0), make_models("lstm", 3, 2, 3, n=2, seed=0)
    history = train_one_by_one(models, x, y, epochs=5, lr=0.05)
    for k, model in enumerate(copies):  # the same steps written out
        optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
        for epoch in range(5):
            loss = torch.nn.functional.cross_entropy(model(x), y)
            assert history[epoch, k].item() == pytest.approx(loss.item(), abs=1e-6)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()


def test_training_by_the_equations_gives_the_same_losses():
    x, y = torch.eye(3)[[0, 1, 2, 0, 1]], torch.tensor([1, 2, 0, 1, 2])
    a, b = make_models("gru", 3, 2, 3, n=1, seed=1), make_models("gru", 3, 2, 3, n=1, seed=1)
    torch.testing.assert_close(train_one_by_one(a, x, y, 4), train_one_by_one(b, x, y, 4, forward=ToyModel.by_equations), atol=1e-6, rtol=0)


@pytest.mark.parametrize("call, message", [
    (lambda: train_one_by_one([], torch.zeros(3, 3), torch.zeros(3, dtype=torch.long), 1), "train_one_by_one: models is empty"),
    (lambda: train_one_by_one(make_models("rnn", 3, 2, 3, 1, 0), torch.zeros(3, 3), torch.zeros(3, dtype=torch.long), 0), "train_one_by_one: epochs must be a positive int"),
    (lambda: train_one_by_one(make_models("rnn", 3, 2, 3, 1, 0), torch.zeros(3, 4), torch.zeros(3, dtype=torch.long), 1), r"train_one_by_one: x must be \(seq_len, 3\)"),
])
def test_messages_name_the_trainer_that_was_called(call, message):
    with pytest.raises(ValueError, match=message):
        call()
