"""The CS231n lecture's character model, trained and questioned (:mod:`~lstm_explained.tasks.hello`).

- :func:`lecture_run`: the lecture's model, a tanh RNN with three hidden units reading ``hell`` and
  scored on ``ello``, beside the same model trained with its recurrence cut
  (:func:`without_recurrence`), which cannot tell the two ``l``\\ s apart.
- :func:`word_model`: the same kind of model on a small language over the same letters, where the
  next character is a real choice, one layer or stacked.
- :func:`writing`: many continuations of ``h``, written greedily or by sampling, fed back as one-hot
  rows or as the softmax, and what they are made of; :func:`sampling_reading` and
  :func:`feedback_reading` put the lecture's two questions to those numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks, stats
from ..cells import rnn_cell
from ..models.charlm import cycle
from ..models.generation import FEEDS, PICKS, generate
from ..models.toy import ToyModel, make_models
from ..runtime import cache
from ..tasks import hello, toy
from ..training.one_by_one import train_one_by_one

__all__ = [
    "LectureRun", "WordRun", "Writing", "feedback_reading", "lecture_run", "sampling_reading", "stacked_reading",
    "without_recurrence", "word_model", "writing",
]

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
    loss: Tensor  # per epoch
    flat_loss: Tensor  # per epoch

    def reading(self) -> str:
        """What the trained model and the one without recurrence do with the two ``l`` steps."""
        right, flat = self.correct()
        model = (
            "reads the same “l” at steps 2 and 3 and still answers “l” then “o”: the hidden state tells them apart"
            if right == 4 else f"gets {right} of the 4 steps right, so it has not learned the word"
        )
        cut = (
            "cannot get both right: the two steps read the same “l” from the same zero state, so they get the same scores"
            if flat < 4 else "gets all four right, so here the past was not needed"
        )
        return f"The trained model {model}. The same cell trained with its past cut off {cut}"

    def correct(self) -> tuple[int, int]:
        """How many of the four steps each trained model predicts right: ``(model, flat)``."""
        x, y = hello.VOCAB.one_hot(hello.HELLO[:-1]), hello.VOCAB.encode(hello.HELLO[1:])
        with torch.no_grad():
            return (
                int((self.model(x).argmax(-1) == y).sum()),
                int((without_recurrence(self.flat, x).argmax(-1) == y).sum()),
            )


def lecture_run(*, epochs: int = 300, lr: float = 0.1, seed: int = 0) -> LectureRun:
    """Train the lecture's ``hello`` model, and the same initial model without recurrence (cached).

    >>> run = lecture_run(epochs=100)
    >>> run.correct()
    (4, 3)
    """
    x, y = hello.VOCAB.one_hot(hello.HELLO[:-1]), hello.VOCAB.encode(hello.HELLO[1:])
    untrained, model, flat = (make_models("rnn", 4, HIDDEN, 4, n=1, seed=seed)[0] for _ in range(3))

    def fit():
        loss = train_one_by_one([model], x, y, epochs, lr)[:, 0]
        flat_loss = train_one_by_one([flat], x, y, epochs, lr, forward=without_recurrence)[:, 0]
        return {"model": model.state_dict(), "flat": flat.state_dict(), "loss": loss, "flat_loss": flat_loss}

    stored = cache.cached("hello_lecture", dict(epochs=epochs, lr=lr, seed=seed), fit, module=__name__)
    model.load_state_dict(stored["model"])
    flat.load_state_dict(stored["flat"])
    return LectureRun(untrained, model, flat, stored["loss"], stored["flat_loss"])


@dataclass
class WordRun:
    """A model of :func:`~lstm_explained.tasks.hello.word_stream`: its training loss per epoch (nats)
    and its bits per character on a stream it did not train on."""

    model: ToyModel
    loss: Tensor
    held_out_bits: float

    @property
    def train_bits(self) -> float:
        """Bits per character on the training stream after the last epoch."""
        return self.loss[-1].item() / math.log(2)

    def reading(self) -> str:
        """Training and held-out bits against the language's floor, in words."""
        floor = hello.entropy_rate()
        if self.train_bits < floor < self.held_out_bits:
            return (
                f"below the floor on its training text ({self.train_bits:.3f}) but above it on new text "
                f"({self.held_out_bits:.3f}): part of what it learned is its own training stream by heart"
            )
        return f"{self.train_bits:.3f} bits per character on its training text and {self.held_out_bits:.3f} on new text"


def word_model(
    *, num_layers: int = 1, hidden_size: int = 16, n_words: int = 200, epochs: int = 300, lr: float = 0.02, seed: int = 0
) -> WordRun:
    """A tanh RNN of ``num_layers`` layers trained on ``n_words`` words (stream seed ``seed``),
    scored on ``n_words`` others (stream seed ``seed + 1``); cached.

    >>> run = word_model(n_words=20, epochs=5)
    >>> run.loss.shape, run.held_out_bits > hello.entropy_rate()
    (torch.Size([5]), True)
    """
    _checks.int_in("word_model", "seed", seed, 0)
    x, y, _ = toy.next_char_task(hello.word_stream(n_words, seed), hello.VOCAB)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ToyModel("rnn", 4, hidden_size, 4, num_layers=num_layers)

    def fit():
        loss = train_one_by_one([model], x, y, epochs, lr)[:, 0]
        return {"state": model.state_dict(), "loss": loss}

    key = dict(num_layers=num_layers, hidden_size=hidden_size, n_words=n_words, epochs=epochs, lr=lr, seed=seed)
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


def sampling_reading(greedy: Writing, sampled: Writing) -> str:
    """The lecture's "why sample?", answered by the two writings' numbers.

    >>> g = Writing("greedy", "one-hot", ["ellhellhellhell"] * 3)
    >>> s = Writing("sample", "one-hot", ["ellohelloheelholeh", "eelholehellhellh", "ellheelhelloh"])
    >>> sampling_reading(g, s)
    "greedy picking wrote the same text every time (1 distinct of 3), always the word hell, and it ends in a loop of 4 characters; sampling wrote 3 distinct texts, using 4 of the 4 words, and its mix of words is closer to the language (distance 0.07 against 0.75). Sampling writes what the model learned in the proportions it learned them, which is the diversity the lecture's answer names"
    """
    loop = cycle(greedy.texts[0])
    words = list(greedy.shares)
    used = "always the word " + words[0] if len(words) == 1 else f"{len(words)} kinds of word"
    same = "the same text every time" if greedy.distinct == 1 else f"{greedy.distinct} different texts"
    ends = f"it ends in a loop of {loop[1]} characters" if loop else "it does not fall into a loop"
    real = len(set(sampled.words) & set(hello.WORDS))
    closer = (
        "closer to" if sampled.distance < greedy.distance else "no closer to"
    ) + f" the language (distance {sampled.distance:.2f} against {greedy.distance:.2f})"
    moral = (
        ". Sampling writes what the model learned in the proportions it learned them, which is the diversity the lecture's answer names"
        if sampled.distance < greedy.distance and sampled.distinct > greedy.distinct else
        ". On these numbers sampling did not bring the written mix closer to the language, so the lecture's answer is not borne out here"
    )
    return (
        f"greedy picking wrote {same} ({greedy.distinct} distinct of {len(greedy.texts)}), {used}, and {ends}; "
        f"sampling wrote {sampled.distinct} distinct texts, using {real} of the {len(hello.WORDS)} words, "
        f"and its mix of words is {closer}{moral}"
    )


def feedback_reading(one_hot: Writing, soft: Writing) -> str:
    """The lecture's other question, answered: does feeding the softmax back (``soft``) keep the
    words real as often as feeding the written character's one-hot row? Compared as two shares of
    independent texts (:func:`~lstm_explained.stats.compare_shares`).

    >>> a = Writing("sample", "one-hot", ["ellohelloh"] * 40)
    >>> b = Writing("sample", "soft", ["ellohollh"] * 20 + ["elloh"] * 20)
    >>> feedback_reading(a, b)
    'with the one-hot fed back 40 of 40 texts (100%) hold only real words; with the softmax fed back 20 of 40 (50%), which is lower'
    """
    a, b = sum(one_hot.only_real), sum(soft.only_real)
    na, nb = len(one_hot.texts), len(soft.texts)
    verdict = stats.compare_shares(b, nb, a, na)
    said = {"lower": "which is lower", "higher": "which is higher", "indistinguishable": "which the test cannot tell apart"}
    return (
        f"with the one-hot fed back {a} of {na} texts ({a / na:.0%}) hold only real words; "
        f"with the softmax fed back {b} of {nb} ({b / nb:.0%}), {said[verdict]}"
    )


def stacked_reading(one: WordRun, two: WordRun) -> str:
    """A one-layer and a two-layer word model compared on held-out words, with the floor.

    >>> a = WordRun(None, torch.zeros(1), 0.69)
    >>> stacked_reading(a, WordRun(None, torch.zeros(1), 0.66))
    "the two-layer model needs 0.660 bits per character on the held-out words, fewer than the one-layer model's 0.690, both above the floor of 0.471; one seed of each on 200 words cannot rank stacking in general"
    """
    floor = hello.entropy_rate()
    return (
        f"the two-layer model needs {two.held_out_bits:.3f} bits per character on the held-out words, "
        + ("fewer than" if two.held_out_bits < one.held_out_bits else "no fewer than")
        + f" the one-layer model's {one.held_out_bits:.3f}, "
        + ("both above" if min(one.held_out_bits, two.held_out_bits) > floor else "against")
        + f" the floor of {floor:.3f}; one seed of each on 200 words cannot rank stacking in general"
    )
