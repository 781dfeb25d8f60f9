"""The readings of the CS231n character model (:mod:`~lstm_explained.experiments.hello`): what the
lecture's model, the word models and their writings show, in words."""

from __future__ import annotations

from ..experiments.hello import LectureRun, WordRun, Writing
from ..models.charlm import cycle
from ..paired import compare_paired
from ..tasks import hello
from .words import counted, p_text

__all__ = ["feedback_reading", "feedback_summary", "lecture_reading", "overfit_reading", "sampling_reading", "stacked_reading", "word_reading", "writing_summary"]


def lecture_reading(run: LectureRun) -> str:
    """What the trained model and the one without recurrence do with the two ``l`` steps, in whole
    sentences; the one without recurrence can never get both right (the chapter's exercise proves
    it), so the sentence about it needs no other case.

    >>> from lstm_explained.experiments.hello import lecture_run
    >>> print(lecture_reading(lecture_run(steps=100)))
    The trained model reads the same “l” at steps 2 and 3 and still answers “l” then “o”: the hidden state tells them apart. A copy trained from the same start without recurrence gets 3 of the 4 steps right: steps 2 and 3 read the same “l” from the same zero state, so they get the same scores.
    """
    right, flat = run.correct()
    if flat == 4:
        raise ValueError("lecture_reading: a model without recurrence cannot answer both “l” steps; the run is not what it says")
    model = ("The trained model reads the same “l” at steps 2 and 3 and still answers “l” then “o”: the hidden state tells them apart."
             if right == 4 else f"The trained model gets {right} of the 4 steps right: it has not learned the word.")
    return (f"{model} A copy trained from the same start without recurrence gets {flat} of the 4 steps right: steps 2 and 3 read the same “l” "
            "from the same zero state, so they get the same scores.")


def word_reading(run: WordRun, seen_floor: float) -> str:
    """A word model's training and held-out bits, each against what the language's own model pays:
    ``seen_floor`` on the training text (:func:`~lstm_explained.analysis.word_floor.exact_bits`)
    and the entropy rate on new text, in two sentences.

    >>> import math, torch
    >>> print(word_reading(WordRun(None, torch.tensor([0.4 * math.log(2)]), 0.6), 0.467))
    The model needs 0.400 bits per character on its training text, where the language's own model needs 0.467. On new text it needs 0.600, against the language's average of 0.471.
    """
    rate = hello.entropy_rate()
    return (f"The model needs {run.train_bits:.3f} bits per character on its training text, where the language's own model "
            f"needs {seen_floor:.3f}. On new text it needs {run.held_out_bits:.3f}, against the language's average of {rate:.3f}.")


def overfit_reading(run: WordRun, seen_floor: float) -> str:
    """Whether the word model's scores go with its having learned its own training text: fewer bits
    there than the language's own model needs on that same text (``seen_floor``): it predicts that
    text better than the language does.

    >>> import math, torch
    >>> overfit_reading(WordRun(None, torch.tensor([0.4 * math.log(2)]), 0.6), 0.467)[:80]
    'That goes with how it scored above: on its training text it needs fewer bits tha'
    >>> overfit_reading(WordRun(None, torch.tensor([0.5 * math.log(2)]), 0.6), 0.467)[:60]
    'Its scores above do not show that: on its training text it n'
    """
    train = f"{run.train_bits:.3f}"
    if run.train_bits < seen_floor and train != f"{seen_floor:.3f}":
        return (f"That goes with how it scored above: on its training text it needs fewer bits than the language's own model "
                f"({train} against {seen_floor:.3f}), so it predicts that text better than the language does, and a text's "
                "particular words are exactly what came before.")
    return (f"Its scores above do not show that: on its training text it needs no fewer bits than the language's own model "
            f"({train} against {seen_floor:.3f}).")


def sampling_reading(greedy: Writing, sampled: Writing) -> str:
    """The lecture's "why sample?", answered by the two writings' numbers in whole sentences; the
    moral follows the distance to the language's mix alone.

    >>> g = Writing("greedy", "one-hot", ["ellhellhellhell"] * 3)
    >>> s = Writing("sample", "one-hot", ["ellohelloheelholeh", "eelholehellhellh", "ellheelhelloh"])
    >>> print(sampling_reading(g, s))
    Greedy writing gave 1 distinct text of 3, and sampling 3. Greedy writing used 1 of the 4 words, and sampling 4; greedy's text ends in a loop of 4 characters. Sampling's mix of words is closer to the language's (total variation distance 0.07 against 0.75). Sampling writes what the model learned in the proportions it learned them, which is the diversity the lecture's answer names.
    """
    n = len(greedy.texts)
    loop = cycle(greedy.texts[0])
    real = lambda w: len(set(w.words) & set(hello.WORDS))  # noqa: E731
    sentences = [
        f"Greedy writing gave {greedy.distinct} distinct text{'' if greedy.distinct == 1 else 's'} of {n}, and sampling {sampled.distinct}.",
        f"Greedy writing used {real(greedy)} of the {len(hello.WORDS)} words, and sampling {real(sampled)}"
        + (f"; greedy's text ends in a loop of {loop[1]} characters." if loop else "."),
    ]
    g, s = f"{greedy.distance:.2f}", f"{sampled.distance:.2f}"
    if s == g:
        sentences.append(f"The two mixes of words are equally far from the language's (total variation distance {s}).")
    else:
        closer = sampled.distance < greedy.distance
        sentences.append(f"Sampling's mix of words is {'closer to' if closer else 'no closer to'} the language's (total variation distance {s} against {g}).")
    if s != g and sampled.distance < greedy.distance:
        sentences.append("Sampling writes what the model learned in the proportions it learned them, which is the diversity the lecture's answer names.")
    else:
        sentences.append("On these numbers sampling did not bring the written mix closer to the language, so the lecture's answer is not borne out here.")
    return " ".join(sentences)


def writing_summary(greedy: Writing, sampled: Writing) -> str:
    """:func:`sampling_reading` for a recap: how many distinct texts each way of writing gave, and
    how far each mix of words is from the language's, in one sentence.

    >>> g = Writing("greedy", "one-hot", ["ellhellhellhell"] * 3)
    >>> s = Writing("sample", "one-hot", ["ellohelloheelholeh", "eelholehellhellh", "ellheelhelloh"])
    >>> writing_summary(g, s)
    "Of 3 texts from the word model, greedy writing gave 1 distinct one and sampling 3, at total variation distances of 0.75 and 0.07 from the language's mix of words."
    """
    n = len(greedy.texts)
    return (f"Of {n} texts from the word model, greedy writing gave {greedy.distinct} distinct "
            f"{'one' if greedy.distinct == 1 else 'ones'} and sampling {sampled.distinct}, at total variation distances of "
            f"{greedy.distance:.2f} and {sampled.distance:.2f} from the language's mix of words.")


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
        return f"{counts} On every seed the two feedings agree: each seed wrote only real words with both or with neither."
    test = f"McNemar's test on the {counted(differ, 'seed')} where only one of the two wrote only real words gives {p_text(found.p_value)}"
    if found.verdict == "indistinguishable":
        return f"{counts} The test cannot tell the two apart: {test}."
    return f"{counts} That is {'fewer' if found.verdict == 'lower' else 'more'}: {test}."


def feedback_summary(one_hot: Writing, soft: Writing) -> str:
    """:func:`feedback_reading` in one sentence, for a recap.

    >>> a = Writing("sample", "one-hot", ["ellohelloh"] * 40)
    >>> b = Writing("sample", "soft", ["ellohollh"] * 20 + ["elloh"] * 20)
    >>> feedback_summary(a, b)
    'Fed back the softmax instead of the one-hot, the share of texts with only real words fell from 100% to 50% (p < 0.0001).'
    """
    a, b, n, found, differ = _feedback(one_hot, soft)
    lead = "Fed back the softmax instead of the one-hot, the share of texts with only real words"
    if not differ:
        return f"{lead} stayed at {a / n:.0%}, seed for seed (no seed differs)."
    if found.verdict == "indistinguishable":
        return f"{lead} went from {a / n:.0%} to {b / n:.0%}, which the test cannot tell apart ({p_text(found.p_value)})."
    return f"{lead} {'fell' if found.verdict == 'lower' else 'rose'} from {a / n:.0%} to {b / n:.0%} ({p_text(found.p_value)})."


def stacked_reading(one: WordRun, two: WordRun) -> str:
    """A one-layer and a two-layer word model, with the same units per layer and the same training,
    compared on held-out words and with the floor, in whole sentences.

    >>> import torch
    >>> a = WordRun(None, torch.zeros(1), 0.69)
    >>> print(stacked_reading(a, WordRun(None, torch.zeros(1), 0.66)))
    With the same units per layer and the same training, the two-layer model needs 0.660 bits per character on the held-out words, fewer than the one-layer model's 0.690, both above the floor of 0.471. One seed of each on 200 words cannot rank stacking in general.
    """
    floor = hello.entropy_rate()
    a, b = f"{one.held_out_bits:.3f}", f"{two.held_out_bits:.3f}"
    than = "as many as" if a == b else "fewer than" if two.held_out_bits < one.held_out_bits else "more than"
    where = (f"both above the floor of {floor:.3f}" if min(one.held_out_bits, two.held_out_bits) > floor
             else f"with at least one at or below the floor of {floor:.3f}, which on new text only chance allows")
    return (f"With the same units per layer and the same training, the two-layer model needs {b} bits per character "
            f"on the held-out words, {than} the one-layer model's {a}, {where}. "
            "One seed of each on 200 words cannot rank stacking in general.")
