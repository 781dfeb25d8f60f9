"""Features on hand-written code whose answers are known, correlations, probes, and the search."""


import pytest
import torch

from lstm_explained.analysis import probes
from lstm_explained.experiments import language_model
from lstm_explained.tasks import corpus
from lstm_explained.experiments.language_model import pretrained


def ones(text, *spans):
    """A 0/1 vector over ``text`` with 1 on each [start, stop) span."""
    v = torch.zeros(len(text))
    for a, b in spans:
        v[a:b] = 1
    return v


@pytest.mark.parametrize(
    "code, string_spans, comment_spans",
    [
        ("x = 'a'\n", [(4, 7)], []),
        ('s = "it\'s" # say "hi"\n', [(4, 10)], [(11, 21)]),
        ("t = '''a\n#b\n'''\n", [(4, 15)], []),  # a '#' inside a triple-quoted string is no comment
        ("u = rb'x' + f\"{y}\"\n", [(4, 9), (12, 18)], []),  # prefixes belong to the literal
        ("# 'quoted' in a comment\nz = 1\n", [], [(0, 23)]),
    ],
)
def test_strings_and_comments_are_what_tokenize_says(code, string_spans, comment_spans):
    f = probes.features(code)
    assert torch.equal(f["in_string"], ones(code, *string_spans))
    assert torch.equal(f["in_comment"], ones(code, *comment_spans))


def test_strings_split_into_docstrings_and_short_strings():
    code = 'def f():\n    """Doc."""\n    return b"x"\n'
    f = probes.features(code)
    doc = code.index('"""')
    short = code.index('b"x"')
    assert torch.equal(f["in_docstring"], ones(code, (doc, doc + 10)))
    assert torch.equal(f["in_short_string"], ones(code, (short, short + 4)))
    assert torch.equal(f["in_string"], f["in_docstring"] + f["in_short_string"])


def test_line_position_and_indent():
    code = "if x:\n    y = 1\n"
    f = probes.features(code)
    assert f["line_position"].tolist() == [0, 1, 2, 3, 4, 5] + list(range(10))
    assert f["indent"].tolist() == [0.0] * 6 + [4.0] * 10


def test_brackets_in_strings_and_comments_do_not_count():
    code = "a = f('(', [1, {2: ')'}])  # ((\n"
    depth = probes.features(code)["bracket_depth"]
    assert depth[code.index("'('") + 1].item() == 1  # inside f( ... : the '(' in the string adds nothing
    assert depth[code.index("2")].item() == 3
    assert depth[code.index("#") :].tolist() == [0.0] * len(code[code.index("#") :])


@pytest.mark.parametrize("bad, error, message", [("x = (1,\n", ValueError, "does not tokenize as Python"), (b"x", TypeError, "must be a str")])
def test_features_reject_what_they_cannot_read(bad, error, message):
    with pytest.raises(error, match=message):
        probes.features(bad)


def test_correlations_find_a_planted_cell_and_report_dead_cells_as_nan():
    torch.manual_seed(0)
    feature = (torch.rand(500) > 0.5).float()
    values = torch.randn(500, 4)
    values[:, 2] = -feature + 0.01 * torch.randn(500)
    values[:, 3] = 0.3
    r = probes.correlations(values, feature)
    assert r[2] < -0.99 and r[3].isnan() and r[:2].abs().max() < 0.2


def test_correlations_reject_a_constant_feature():
    with pytest.raises(ValueError, match="the feature is constant"):
        probes.correlations(torch.randn(5, 2), torch.ones(5))


def test_linear_probe_is_scored_on_text_it_was_not_fitted_on():
    torch.manual_seed(0)
    feature = torch.randn(800)
    readable = torch.randn(800, 3)
    readable[:, 0] += feature  # linearly readable from the cells
    assert probes.linear_probe_r(readable[:400], feature[:400], readable[400:], feature[400:]) > 0.6
    noise = torch.randn(800, 40)  # 40 cells of noise fit the first half, and tell nothing about the second
    assert abs(probes.linear_probe_r(noise[:400], feature[:400], noise[400:], feature[400:])) < 0.2
    with pytest.raises(ValueError, match="same H"):
        probes.linear_probe_r(noise[:400], feature[:400], readable[400:], feature[400:])


def test_report_chooses_on_one_text_and_scores_on_the_other():
    model, _ = pretrained("tiny")
    split = language_model.data_split("tiny")
    modules = dict(corpus.stdlib_files())
    half = len(split.valid_files) // 2
    select, score = (corpus.SEPARATOR.join(modules[n] for n in names) for names in (split.valid_files[:half], split.valid_files[half:]))
    rows = probes.report(model, select, score)
    assert [r.feature for r in rows] == list(probes.FEATURES)
    states = {"c": probes.cell_states(model, score).c}
    states["tanh(c)"] = torch.tanh(states["c"])
    feats = probes.features(score)
    for r in rows:
        assert 0 <= r.unit < model.lstm.hidden_size and r.state in ("c", "tanh(c)")
        expected = probes.correlations(states[r.state][:, r.unit : r.unit + 1], feats[r.feature])[0].item()
        assert r.r == pytest.approx(expected, abs=1e-5)  # the chosen cell, scored on the other text
        assert all(-1 <= v <= 1 for v in (r.select_r, r.r, r.control_r, r.probe_r, r.control_probe_r))


def test_report_names_features_that_never_change():
    model, _ = pretrained("tiny")
    with pytest.raises(ValueError, match=r"\['in_string', 'in_docstring', 'in_short_string', 'in_comment', 'indent'\] never change over select_text"):
        probes.report(model, "x = 1\ny = [2]\n", "s = 'a'  # c\nif s:\n    t = (1)\n")


def test_report_leaves_the_callers_random_state_alone():
    model, _ = pretrained("tiny")
    code = "def f(x):\n    '''Doc.'''\n    return [x, 'y']  # c\n"
    state = torch.random.get_rng_state()
    probes.report(model, code * 3, code * 2)
    assert torch.equal(torch.random.get_rng_state(), state)

