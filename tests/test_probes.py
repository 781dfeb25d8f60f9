"""Features on hand-written code whose answers are known, the search, and the rendering."""

import base64
import html
import re

import pytest
import torch

from lstm_explained import probes


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


def test_probe_r_is_scored_on_held_out_text():
    torch.manual_seed(0)
    feature = torch.randn(400)
    values = torch.randn(400, 3)
    values[:, 0] += feature  # a feature spread over no single... but linearly readable
    assert probes._probe_r(values, feature) > 0.6
    assert abs(probes._probe_r(torch.randn(400, 3), feature)) < 0.3


def test_colored_html_escapes_markup_and_quotes():
    text = "<b>&'\"\n"
    out = probes.colored_html(text, torch.linspace(-1, 1, len(text)))
    assert re.sub(r"<[^>]+>", "", out) == html.escape(text)  # every character there, escaped
    assert out.count("<span") == len(text) and "<b>" not in out


@pytest.mark.parametrize(
    "text, values, message",
    [("ab", torch.tensor([0.0]), "2 characters but 1 values"), ("ab", torch.tensor([0.0, 1.5]), r"must lie in \[-1, 1\]")],
)
def test_colored_html_rejects_bad_values(text, values, message):
    with pytest.raises(ValueError, match=message):
        probes.colored_html(text, values)


def test_viewer_stores_every_cell_and_fetches_nothing():
    text = "x = '<&>'\n"
    values = torch.tanh(torch.randn(len(text), 3))
    out = probes.viewer_html(text, values, ["a", "b<", "c"], selected=1)
    assert not re.search(r"(https?:)?//[a-z]", out) and "b&lt;" in out
    assert re.sub(r"<[^>]+>", "", out.split("<pre")[1].split("</pre>")[0].split(">", 1)[1]) == html.escape(text)
    data = base64.b64decode(re.search(r'"data": "([^"]+)"', out).group(1))
    stored = torch.frombuffer(bytearray(data), dtype=torch.int8).view(3, len(text)).t().float() / 127
    assert (stored - values).abs().max() <= 0.5 / 127 + 1e-6
    assert out == probes.viewer_html(text, values, ["a", "b<", "c"], selected=1)  # stable across builds


@pytest.mark.parametrize(
    "values, kwargs, message",
    [
        (torch.zeros(3, 2), {}, r"values must be \(4, K\)"),
        (torch.full((4, 2), 2.0), {}, r"must lie in \[-1, 1\]"),
        (torch.zeros(4, 2), {"names": ["only one"]}, "need 2 names"),
        (torch.zeros(4, 2), {"selected": 2}, "0 <= selected < 2"),
    ],
)
def test_viewer_rejects_bad_input(values, kwargs, message):
    with pytest.raises(ValueError, match=message):
        probes.viewer_html("abc\n", values, **kwargs)
