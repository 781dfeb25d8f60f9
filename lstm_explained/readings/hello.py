"""The readings of the CS231n character model (:mod:`~lstm_explained.experiments.hello`): what the
lecture's model, the word models and their writings show, in words."""

from __future__ import annotations

from ..experiments.hello import LectureRun, WordRun, Writing
from ..models.charlm import cycle
from ..paired import compare_paired
from ..tasks import hello
from .words import counted, p_text

__all__ = ["feedback_reading", "feedback_summary", "lecture_reading", "sampling_reading", "stacked_reading", "word_reading"]


def lecture_reading(run: LectureRun) -> str:
    """What the trained model and the one without recurrence do with the two ``l`` steps.

    >>> from lstm_explained.experiments.hello import lecture_run
    >>> lecture_reading(lecture_run(steps=100))
    'The trained model reads the same “l” at steps 2 and 3 and still answers “l” then “o”: the hidden state tells them apart. The same cell trained with its past cut off cannot get both right: the two steps read the same “l” from the same zero state, so they get the same scores'
    """
    right, flat = run.correct()
    model = (
        "reads the same “l” at steps 2 and 3 and still answers “l” then “o”: the hidden state tells them apart"
        if right == 4 else f"gets {right} of the 4 steps right, so it has not learned the word"
    )
    cut = (
        "cannot get both right: the two steps read the same “l” from the same zero state, so they get the same scores"
        if flat < 4 else "gets all four right, so here the past was not needed"
    )
    return f"The trained model {model}. The same cell trained with its past cut off {cut}"


def word_reading(run: WordRun) -> str:
    """A word model's training and held-out bits against the language's floor, in words.

    >>> import math, torch
    >>> word_reading(WordRun(None, torch.tensor([0.4 * math.log(2)]), 0.6))
    'below the floor on its training text (0.400) but above it on new text (0.600): part of what it learned is its own training stream by heart'
    """
    floor = hello.entropy_rate()
    if run.train_bits < floor < run.held_out_bits:
        return (
            f"below the floor on its training text ({run.train_bits:.3f}) but above it on new text "
            f"({run.held_out_bits:.3f}): part of what it learned is its own training stream by heart"
        )
    return f"{run.train_bits:.3f} bits per character on its training text and {run.held_out_bits:.3f} on new text"


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


def _feedback(one_hot: Writing, soft: Writing):
    if len(one_hot.texts) != len(soft.texts):
        raise ValueError(f"feedback_reading: the two writings must come from the same seeds, got {len(one_hot.texts)} and {len(soft.texts)} texts")
    found = compare_paired(soft.only_real, one_hot.only_real)
    return sum(one_hot.only_real), sum(soft.only_real), len(one_hot.texts), found, found.a_only + found.b_only


def feedback_reading(one_hot: Writing, soft: Writing) -> str:
    """The lecture's other question, answered: does feeding the softmax back (``soft``) keep the
    words real as often as feeding the written character's one-hot row? Text ``k`` of both is
    written from sampling seed ``k``, so the two are pairs, compared by McNemar's exact test on the
    seeds whose texts came out differently (:func:`~lstm_explained.paired.compare_paired`). Three
    sentences: each arm's count, then what the test says.

    >>> a = Writing("sample", "one-hot", ["ellohelloh"] * 40)
    >>> b = Writing("sample", "soft", ["ellohollh"] * 20 + ["elloh"] * 20)
    >>> print(feedback_reading(a, b))
    With the one-hot row fed back, 40 of 40 texts (100%) hold only real words. With the softmax fed back, from the same 40 sampling seeds, 20 of 40 (50%) do. That is fewer: McNemar's test on the 20 seeds where only one of the two wrote only real words gives p < 0.0001.
    """
    a, b, n, found, differ = _feedback(one_hot, soft)
    counts = (f"With the one-hot row fed back, {a} of {n} texts ({a / n:.0%}) hold only real words. "
              f"With the softmax fed back, from the same {n} sampling seeds, {b} of {n} ({b / n:.0%}) do.")
    if not differ:
        return f"{counts} Every seed wrote texts that agree on this with both."
    test = f"McNemar's test on the {counted(differ, 'seed')} where only one of the two wrote only real words gives {p_text(found.p_value)}"
    if found.verdict == "indistinguishable":
        return f"{counts} The test cannot tell the two apart: {test}."
    return f"{counts} That is {'fewer' if found.verdict == 'lower' else 'more'}: {test}."


def feedback_summary(one_hot: Writing, soft: Writing) -> str:
    """:func:`feedback_reading` in a phrase, for a recap.

    >>> a = Writing("sample", "one-hot", ["ellohelloh"] * 40)
    >>> b = Writing("sample", "soft", ["ellohollh"] * 20 + ["elloh"] * 20)
    >>> feedback_summary(a, b)
    'texts with only real words fell from 100% to 50% (p < 0.0001)'
    """
    a, b, n, found, differ = _feedback(one_hot, soft)
    if found.verdict == "indistinguishable":
        return f"texts with only real words went from {a / n:.0%} to {b / n:.0%}, which the test cannot tell apart ({p_text(found.p_value) if differ else 'no seed differs'})"
    return f"texts with only real words {'fell' if found.verdict == 'lower' else 'rose'} from {a / n:.0%} to {b / n:.0%} ({p_text(found.p_value)})"


def stacked_reading(one: WordRun, two: WordRun) -> str:
    """A one-layer and a two-layer word model compared on held-out words, with the floor.

    >>> import torch
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
