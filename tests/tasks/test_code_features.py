"""What tokenize says each character is, on code whose answers are known, on Python 3.11 and 3.12+."""

import glob
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from lstm_explained.tasks import code_features, corpus

MODULE = Path(code_features.__file__)

F_STRINGS = [
    'x = f"a{b}c"\n',
    "y = f'{d[\"k\"]:>{w}}' + g('(')\n",  # brackets and quotes inside the braces belong to the string
    'z = f"""doc {f(1, [2])}\n  {{literal}}"""\n',
    "w = rf'{a!r}' f\"{b}\" # (\n",
    "v = f'{f\"{1}\"}'\n",  # nested
]


def spans(values):
    return [k for k, v in enumerate(values) if v]


def test_an_f_string_is_one_string_with_its_braces():
    text = F_STRINGS[1]
    found = code_features.scan(text)
    start, end = text.index("f'"), text.index("' +") + 1
    assert spans(found.short_string) == list(range(start, end)) + list(range(text.index("'('"), text.index("'('") + 3))
    assert found.depth[text.index("d[")] == 0  # the [ inside the braces does not open code
    assert found.close_distance[text.index("')") + 1] == 4  # the ) of g('(') is four characters after its (


def test_a_triple_quoted_f_string_is_a_docstring_kind():
    found = code_features.scan(F_STRINGS[2])
    assert spans(found.docstring) == list(range(4, len(F_STRINGS[2]) - 1)) and not any(found.short_string)


def test_close_distance_pairs_brackets_across_lines():
    text = "call(a,\n     [b, c],\n)\n"
    found = code_features.scan(text)
    assert found.close_distance[text.index("]")] == text.index("]") - text.index("[")
    assert found.close_distance[text.rindex(")")] == text.rindex(")") - text.index("(")
    assert sum(d >= 0 for d in found.close_distance) == 2


def test_bad_input():
    with pytest.raises(ValueError, match="does not tokenize as Python"):
        code_features.scan("x = [1,\n")
    with pytest.raises(TypeError, match="text must be a str"):
        code_features.scan(b"x = 1\n")


def newer_python() -> str | None:
    """A Python 3.12 or later that runs here, if any (the f-string tokenizer changed in 3.12)."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(12, 16)]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[2-9]*/bin/python3")))
    for exe in filter(None, candidates):
        try:
            out = subprocess.run([exe, "-c", "import sys; print(sys.version_info >= (3, 12))"], capture_output=True, text=True, timeout=30)
        except OSError:
            continue
        if out.returncode == 0 and out.stdout.strip() == "True":
            return exe
    return None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="this Python is already 3.12+; the tests above ran on it")
def test_python_3_12_reads_every_character_as_this_python_does():
    exe = newer_python()
    if exe is None:
        pytest.skip("no Python 3.12 or later found to compare with")
    modules = dict(corpus.stdlib_files())
    texts = F_STRINGS + [modules[name] for name in corpus.split(120_000, max_train_chars=10_000).valid_files]
    script = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('code_features', {str(MODULE)!r})\n"
        "m = importlib.util.module_from_spec(spec); sys.modules['code_features'] = m; spec.loader.exec_module(m)\n"
        "from dataclasses import asdict\n"
        "print(json.dumps([asdict(m.scan(t)) for t in json.load(sys.stdin)]))\n"
    )
    out = subprocess.run([exe, "-c", script], input=json.dumps(texts), capture_output=True, text=True, timeout=300, check=True)
    theirs = json.loads(out.stdout)
    ours = [asdict(code_features.scan(t)) for t in texts]
    for text, a, b in zip(texts, ours, theirs):
        assert a == b, f"Python 3.12+ reads this differently: {text[:80]!r}"
