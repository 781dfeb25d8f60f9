"""What the models read: the lecture's toy sequences, and real text.

- :mod:`~lstm_explained.tasks.vocab`: characters to indices and one-hot rows;
- :mod:`~lstm_explained.tasks.hello`: the CS231n lecture's ``hello`` and a small language over its four letters;
- :mod:`~lstm_explained.tasks.shapes`: one tiny task for each shape of sequence problem (one-to-many, ...);
- :mod:`~lstm_explained.tasks.long_lag`: the adding problem and delayed recall, answers that lie far back, and the losses a task can state;
- :mod:`~lstm_explained.tasks.problems`: tasks as objects that own their data, sizes, loss, budget and test
  (the adding problem, a pattern read from every phase, the lagged stream) and the arena's four;
- :mod:`~lstm_explained.tasks.reber`: the embedded Reber grammar, and its continual stream with no reset;
- :mod:`~lstm_explained.tasks.toy`: the repeated patterns, next-character prediction on them,
  and the test of memory (:func:`~lstm_explained.tasks.toy.remembers`);
- :mod:`~lstm_explained.tasks.corpus`: Python's standard library as text, split into training and
  held-out modules;
- :mod:`~lstm_explained.tasks.code_features`: what ``tokenize`` says each character of code is.
"""
