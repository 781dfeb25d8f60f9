"""Text coloured by a cell's value, as HTML: one excerpt (:func:`colored_html`) or a viewer that
switches between cells (:func:`viewer_html`). Both use the book's scale, :mod:`lstm_explained.viz.colours`,
and need nothing from outside the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json

import torch
from torch import Tensor

from . import colours

__all__ = ["colored_html", "viewer_html"]


def _check_unit_range(values: Tensor, where: str) -> None:
    if values.numel() and (values.min() < -1 or values.max() > 1):
        raise ValueError(
            f"{where}: values must lie in [-1, 1] (use tanh(c) or a gate), got {values.min().item():.3f}..{values.max().item():.3f}"
        )


def colored_html(text: str, values: Tensor) -> str:
    """``text`` with each character's background coloured by its value in [-1, 1].

    Characters are HTML-escaped; each carries its value in a tooltip.

    >>> colored_html('a<"', torch.tensor([1.0, 0.0, -1.0]))
    '<pre class="lstm-cells" tabindex="0"><span style="background:rgb(255,0,0);color:#000" title="+1.00">a</span><span style="background:rgb(255,255,255);color:#000" title="+0.00">&lt;</span><span style="background:rgb(0,0,255);color:#fff" title="-1.00">&quot;</span></pre>'
    """
    if len(values) != len(text):
        raise ValueError(f"colored_html: {len(text)} characters but {len(values)} values")
    _check_unit_range(values, "colored_html")
    spans = "".join(
        f'<span style="background:{colours.css(v)};color:{colours.ink(v)}" title="{v:+.2f}">{html.escape(ch)}</span>' for ch, v in zip(text, values.tolist())
    )
    return f'<pre class="lstm-cells" tabindex="0">{spans}</pre>'


def viewer_html(text: str, values: Tensor, names: list[str] | None = None, selected: int = 0) -> str:
    """A self-contained viewer: pick any cell from a list, hover a character to read its value.

    ``values`` is ``(T, K)`` in [-1, 1], one column per cell; it is stored in the page as int8
    (steps of 1/127) and coloured by a few lines of JavaScript, with no server and nothing fetched.
    """
    if values.dim() != 2 or values.shape[0] != len(text):
        raise ValueError(f"viewer_html: values must be ({len(text)}, K) for {len(text)} characters, got {tuple(values.shape)}")
    _check_unit_range(values, "viewer_html")
    steps, cells = values.shape
    names = names or [f"cell {k}" for k in range(cells)]
    if len(names) != cells or not 0 <= selected < cells:
        raise ValueError(f"viewer_html: need {cells} names and 0 <= selected < {cells}")
    packed = torch.round(values.t().contiguous() * 127).to(torch.int8).numpy().tobytes()
    uid = "v" + hashlib.sha1(text.encode() + packed).hexdigest()[:12]  # stable across builds
    options = "".join(f'<option value="{k}"{" selected" if k == selected else ""}>{html.escape(n)}</option>' for k, n in enumerate(names))
    spans = "".join(f'<span data-t="{t}">{html.escape(ch)}</span>' for t, ch in enumerate(text))
    config = json.dumps({"steps": steps, "data": base64.b64encode(packed).decode(), "palette": colours.palette(127)})
    return f"""<div class="lstm-viewer" id="{uid}">
<label>cell <select>{options}</select></label> <span class="lstm-viewer-value">hover a character</span>
<pre class="lstm-cells" tabindex="0">{spans}</pre>
<script>
(function () {{
  const root = document.getElementById("{uid}");
  const config = {config};
  const raw = atob(config.data);
  const data = new Int8Array(raw.length);
  for (let i = 0; i < raw.length; i++) data[i] = (raw.charCodeAt(i) << 24) >> 24;
  const spans = root.querySelectorAll("pre span");
  const select = root.querySelector("select");
  const readout = root.querySelector(".lstm-viewer-value");
  const value = (t) => data[Number(select.value) * config.steps + t] / 127;
  function paint() {{  // colours come from the book's one scale, lstm_explained.viz.colours.palette
    spans.forEach((s, t) => {{ const [background, ink] = config.palette[Math.round(value(t) * 127) + 127]; s.style.background = background; s.style.color = ink; }});
  }}
  select.addEventListener("change", paint);
  root.querySelector("pre").addEventListener("mouseover", (event) => {{
    const t = event.target.dataset.t;
    if (t !== undefined) readout.textContent = `character ${{t}}: ${{value(Number(t)).toFixed(2)}}`;
  }});
  paint();
}})();
</script>
</div>"""
