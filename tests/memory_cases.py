"""Pairs of solved counts (of 100 seeds) and what comparing them must find, shared by the memory experiment's and readings' tests."""

#: (solved by a, solved by b, verdict, the words the sentence must use)
COMPARISONS = [
    (91, 25, "higher", "remembers more often than"),
    (25, 91, "lower", "remembers less often than"),
    (20, 25, "indistinguishable", "The test cannot tell whether the LSTM remembers more or less often than"),
    # the two Wilson intervals overlap, yet the interval for the difference excludes zero
    (56, 40, "higher", "remembers more often than"),
]
