"""The CS231n lecture's character model, trained and questioned (:mod:`~lstm_explained.tasks.hello`).

- :func:`lecture_run`: the lecture's model, a tanh RNN with three hidden units reading ``hell`` and
  scored on ``ello``, beside the same model trained with its recurrence cut
  (:func:`without_recurrence`), which cannot tell the two ``l``\\ s apart.
- :func:`word_model`: the same kind of model on a small language over the same letters, where the
  next character is a real choice, one layer or stacked.
- :func:`writing`: many continuations of ``h``, written greedily or by sampling, fed back as one-hot
  rows or as the softmax, and what they are made of; :func:`~lstm_explained.readings.hello.sampling_reading`
  and :func:`~lstm_explained.readings.hello.feedback_reading` put the lecture's two questions to those numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks
from ..cells import rnn_cell
from ..models.generation import FEEDS, PICKS, generate
from ..models.toy import ToyModel, make_models
from ..runtime import cache
from ..tasks import hello, toy
from ..training.one_by_one import train_one_by_one

__all__ = ["LectureRun", "WordRun", "Writing", "lecture_run", "without_recurrence", "word_model", "writing"]

#: The lecture's hidden layer has three units.
HIDDEN = 3


def without_recurrence(model: ToyModel, x: Tensor) -> Tensor:
    """``model``'s scores with every step starting from :math:`h_{t-1} = 0`, so that
    :math:`W_{hh}` never acts: :math:`h_t = \\tanh(W_{ih} x_t + b_{ih} + b_{hh})`.

    >>> gen = torch.manual_seed(0)
    >>> model = ToyModel("rnn", 4, 3, 4)
    >>> x = hello.VOCAB.one_hot("hell")
    >>> scores = without_recurrence(model, x)
    >>> torch.equal(scores[2], scores[3]), torch.equal(model(x)[2], model(x)[3])
    (True, False)
    """
    rnn = model.rnn
    # each row of x read as its own batch item from a zero state: the cell, without its past
    return model.head(rnn_cell(x, None, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0))


@dataclass
class LectureRun:
    """The lecture's model before and after training, and the one trained without recurrence."""

    untrained: ToyModel
    model: ToyModel
    flat: ToyModel  # trained through without_recurrence
    loss: Tensor  # after every step
    flat_loss: Tensor  # after every step

    def correct(self) -> tuple[int, int]:
        """How many of the four steps each trained model predicts right: ``(model, flat)``."""
        x, y = hello.VOCAB.one_hot(hello.HELLO[:-1]), hello.VOCAB.encode(hello.HELLO[1:])
        with torch.no_grad():
            return (
                int((self.model(x).argmax(-1) == y).sum()),
                int((without_recurrence(self.flat, x).argmax(-1) == y).sum()),
            )


def lecture_run(*, steps: int = 300, lr: float = 0.1, seed: int = 0) -> LectureRun:
    """Train the lecture's ``hello`` model, and the same initial model without recurrence (cached),
    ``steps`` Adam steps each over the whole of ``hell`` (the lecture's epochs).

    >>> run = lecture_run(steps=100)
    >>> run.correct()
    (4, 3)
    """
    x, y = hello.VOCAB.one_hot(hello.HELLO[:-1]), hello.VOCAB.encode(hello.HELLO[1:])
    untrained, model, flat = (make_models("rnn", 4, HIDDEN, 4, n=1, seed=seed)[0] for _ in range(3))

    def fit():
        loss = train_one_by_one([model], x, y, steps, lr)[:, 0]
        flat_loss = train_one_by_one([flat], x, y, steps, lr, forward=without_recurrence)[:, 0]
        return {"model": model.state_dict(), "flat": flat.state_dict(), "loss": loss, "flat_loss": flat_loss}

    stored = cache.cached("hello_lecture", dict(steps=steps, lr=lr, seed=seed), fit, module=__name__)
    model.load_state_dict(stored["model"])
    flat.load_state_dict(stored["flat"])
    return LectureRun(untrained, model, flat, stored["loss"], stored["flat_loss"])


@dataclass
class WordRun:
    """A model of :func:`~lstm_explained.tasks.hello.word_stream`: its training loss after every step (nats)
    and its bits per character on a stream it did not train on."""

    model: ToyModel
    loss: Tensor
    held_out_bits: float

    @property
    def train_bits(self) -> float:
        """Bits per character on the training stream after the last step."""
        return self.loss[-1].item() / math.log(2)


def word_model(
    *, num_layers: int = 1, hidden: int = 16, n_words: int = 200, steps: int = 300, lr: float = 0.02, seed: int = 0
) -> WordRun:
    """A tanh RNN of ``num_layers`` layers of ``hidden`` units trained on ``n_words`` words (stream
    seed ``seed``), ``steps`` Adam steps each over the whole stream (epochs), and scored on
    ``n_words`` others (stream seed ``seed + 1``); cached.

    >>> run = word_model(n_words=20, steps=5)
    >>> run.loss.shape, run.held_out_bits > hello.entropy_rate()
    (torch.Size([5]), True)
    """
    _checks.int_in("word_model", "seed", seed, 0)
    x, y, _ = toy.next_char_task(hello.word_stream(n_words, seed), hello.VOCAB)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ToyModel("rnn", 4, hidden, 4, num_layers=num_layers)

    def fit():
        loss = train_one_by_one([model], x, y, steps, lr)[:, 0]
        return {"state": model.state_dict(), "loss": loss}

    key = dict(num_layers=num_layers, hidden=hidden, n_words=n_words, steps=steps, lr=lr, seed=seed)
    stored = cache.cached("hello_words", key, fit, module=__name__)
    model.load_state_dict(stored["state"])
    x, y, _ = toy.next_char_task(hello.word_stream(n_words, seed + 1), hello.VOCAB)
    with torch.no_grad():
        bits = F.cross_entropy(model(x), y).item() / math.log(2)
    return WordRun(model, stored["loss"], bits)


@dataclass
class Writing:
    """``texts``: continuations of ``h`` written with one ``pick`` and ``feed``, one per seed."""

    pick: str
    feed: str
    texts: list[str]

    @property
    def words(self) -> list[str]:
        """Every complete word written; a text's last piece may be cut off, so it is left out."""
        return [w for text in self.texts for w in hello.split_words("h" + text)[:-1]]

    @property
    def distinct(self) -> int:
        """How many different texts were written."""
        return len(set(self.texts))

    @property
    def only_real(self) -> list[bool]:
        """For each text, whether all its complete words are words of the language."""
        return [all(w in hello.WORDS for w in hello.split_words("h" + text)[:-1]) for text in self.texts]

    @property
    def shares(self) -> dict[str, float]:
        """Each word's share of the words written, most frequent first."""
        counts = Counter(self.words)
        return {w: n / len(self.words) for w, n in counts.most_common()}

    @property
    def distance(self) -> float:
        """Total variation distance between the words written and the language's (each of
        :data:`~lstm_explained.tasks.hello.WORDS` a quarter): 0 is the same mix, 1 nothing shared."""
        truth = {w: 1 / len(hello.WORDS) for w in hello.WORDS}
        shares = self.shares
        return sum(abs(shares.get(w, 0.0) - truth.get(w, 0.0)) for w in set(shares) | set(truth)) / 2


def writing(model: ToyModel, *, pick: str, feed: str = "one-hot", n: int = 100, length: int = 60) -> Writing:
    """``n`` continuations of ``h`` of ``length`` characters, seeds 0 to ``n - 1``.

    >>> gen = torch.manual_seed(0)
    >>> w = writing(ToyModel("rnn", 4, 3, 4), pick="greedy", n=3, length=12)
    >>> w.texts[0], w.distinct, w.words
    ('hooooooooooo', 1, ['h', 'h', 'h'])
    """
    _checks.one_of("writing", "pick", pick, PICKS)
    _checks.one_of("writing", "feed", feed, FEEDS)
    _checks.positive_int("writing", "n", n)
    texts = [generate(model, hello.VOCAB, "h", length, pick=pick, feed=feed, seed=s) for s in range(n)]
    return Writing(pick, feed, texts)
