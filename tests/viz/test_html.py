"""Text coloured by a cell: escaped, on the book's scale, and a viewer that fetches nothing."""

import base64
import json
import html
import re

import pytest
import torch

from lstm_explained.viz import colours
from lstm_explained.viz import html as viz_html


def test_colored_html_escapes_markup_and_quotes():
    text = "<b>&'\"\n"
    out = viz_html.colored_html(text, torch.linspace(-1, 1, len(text)))
    assert re.sub(r"<[^>]+>", "", out) == html.escape(text)  # every character there, escaped
    assert out.count("<span") == len(text) and "<b>" not in out


@pytest.mark.parametrize(
    "text, values, message",
    [("ab", torch.tensor([0.0]), "2 characters but 1 values"), ("ab", torch.tensor([0.0, 1.5]), r"must lie in \[-1, 1\]")],
)
def test_colored_html_rejects_bad_values(text, values, message):
    with pytest.raises(ValueError, match=message):
        viz_html.colored_html(text, values)


def test_viewer_stores_every_cell_and_fetches_nothing():
    text = "x = '<&>'\n"
    values = torch.tanh(torch.randn(len(text), 3))
    out = viz_html.viewer_html(text, values, ["a", "b<", "c"], selected=1)
    assert not re.search(r"(https?:)?//[a-z]", out) and "b&lt;" in out
    assert re.sub(r"<[^>]+>", "", out.split("<pre")[1].split("</pre>")[0].split(">", 1)[1]) == html.escape(text)
    data = base64.b64decode(re.search(r'"data": "([^"]+)"', out).group(1))
    stored = torch.frombuffer(bytearray(data), dtype=torch.int8).view(3, len(text)).t().float() / 127
    assert (stored - values).abs().max() <= 0.5 / 127 + 1e-6
    assert out == viz_html.viewer_html(text, values, ["a", "b<", "c"], selected=1)  # stable across builds


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
        viz_html.viewer_html("abc\n", values, **kwargs)



def test_both_use_the_books_one_scale():
    out = viz_html.colored_html("ab", torch.tensor([-0.5, 0.25]))
    assert f"background:{colours.css(-0.5)};color:{colours.ink(-0.5)}" in out and f"background:{colours.css(0.25)}" in out
    viewer = viz_html.viewer_html("ab", torch.zeros(2, 1))
    config = json.loads(re.search(r"const config = (\{.*?\});", viewer).group(1))
    assert [tuple(p) for p in config["palette"]] == colours.palette(127)
    assert "function colour" not in viewer  # the script looks colours up; it has no scale of its own
