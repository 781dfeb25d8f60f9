"""Every benchmark of the book in one run, printed as one table (``nox -s bench``).

- **Build**: a cold build (a copy of the tracked files, a fresh output folder and an empty result
  cache, so everything trains and every example runs) and then an unchanged rebuild of the same
  output, each timed as ``nox -s docs`` runs its sphinx-build.
- **A sentence edited**: for each module of :mod:`lstm_explained.readings`, a one-line change to
  its code and the rebuild that follows (only the pages that import it re-run, from the result
  cache), with the pages that re-ran; then the edit is undone.
- **Pages**: from the build's own records: myst-nb's execution time of each chapter (in
  Sphinx's saved environment) and sphinx-gallery's running time of each example.
- **Tests**: the whole suite as ``nox -s tests`` runs it, on the site the cold build made, with
  the browser tests required: its total, each chapter's execution test, the browser's visit of
  every page, and the rest by folder (from pytest's JUnit report).
- **Many models at once**: :mod:`packed_speed`'s ratios (toy sequences) and :mod:`long_lag_speed`'s
  (batches of the adding problem), measured side by side in this run.
- **Character model**: training throughput of the book's configuration, characters per second
  over a few hundred steps, at one thread and at torch's default, side by side.

    python benchmarks/run_all.py [--skip-build] [--skip-tests] [--rounds 5] [--steps 200]

``--skip-build`` reads the records of the last build in ``docs/_build/html`` instead of building
(and runs the tests on that site); ``--skip-tests`` leaves the test suite out.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
import long_lag_speed  # noqa: E402
import packed_speed  # noqa: E402

from lstm_explained.experiments import language_model  # noqa: E402
from lstm_explained.training import tbptt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUILD = ["sphinx-build", "-W", "--keep-going", "-n", "-b", "html", "docs"]


def timed_build(tree: Path, out: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*BUILD, str(out)], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def fresh_tree(scratch: Path) -> Path:
    """A copy of the repository's tracked files: no gallery stamps or outputs from earlier builds."""
    tree = scratch / "repo"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, files):
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return tree


def sentence_edits(tree: Path, out: Path, env: dict[str, str]) -> list[tuple[str, float, list[str]]]:
    """(readings module, seconds to rebuild after a one-line code change to it, pages that re-ran)."""
    found = []
    for module in sorted((tree / "lstm_explained" / "readings").glob("*.py")):
        if module.name == "__init__.py":
            continue
        original = module.read_text()
        module.write_text(original + "\n_EDITED_FOR_THE_BENCHMARK = 1\n")  # code, not a comment: the page's digest changes
        try:
            before = {name: (data.get("exec_data") or {}).get("mtime") for name, data in _nb_metadata(out).items()}
            seconds = timed_build(tree, out, env)
            after = _nb_metadata(out)
            rerun = sorted(name for name, data in after.items() if (data.get("exec_data") or {}).get("mtime") != before.get(name))
        finally:
            module.write_text(original)
        found.append((module.stem, seconds, rerun))
    timed_build(tree, out, env)  # back to the unedited pages
    return found


def _nb_metadata(out: Path) -> dict:
    environment = out / ".doctrees" / "environment.pickle"
    if not environment.exists():
        return {}
    with environment.open("rb") as handle:
        return dict(getattr(pickle.load(handle), "nb_metadata", {}))


def page_times(out: Path) -> list[tuple[str, float]]:
    """(page, seconds) of every executed chapter and gallery example, slowest first."""
    times = []
    for docname, data in _nb_metadata(out).items():
        runtime = (data.get("exec_data") or {}).get("runtime")
        if runtime is not None:
            times.append((docname, runtime))
    for rst in sorted((out.parents[1] / "auto_examples").glob("plot_*.rst")):
        found = re.search(r"running time of the script:\*\*\s*\(\s*(\d+) minutes\s*([\d.]+) seconds\)", rst.read_text())
        if found:
            times.append((f"auto_examples/{rst.stem}", 60 * int(found.group(1)) + float(found.group(2))))
    return sorted(times, key=lambda item: -item[1])


def suite_times(junit: Path) -> list[tuple[str, float]]:
    """(part of the suite, seconds) from pytest's JUnit report, the total first: each chapter's
    execution test, the browser's visit of every page (its shared fixture included), and the
    other tests by folder, doctests by package."""
    parts: dict[str, float] = defaultdict(float)
    total = 0.0
    for case in ElementTree.parse(junit).iter("testcase"):
        seconds, where, name = float(case.get("time", 0)), case.get("classname", ""), case.get("name", "")
        total += seconds
        chapter = re.fullmatch(r"test_chapter_executes\w*\[(\w+)\]", name)
        if chapter:
            parts[f"chapter {chapter.group(1)} executed"] += seconds
        elif where.endswith("test_site_browser"):
            parts["browser: every page and the viewer"] += seconds
        elif where.startswith("tests."):
            parts["tests/" + "/".join(where.split(".")[1:-1]) if where.count(".") > 1 else "tests"] += seconds
        else:  # a doctest: the module path
            parts[f"doctests of {where.split('.')[0]}"] += seconds
    return [("total", total), *sorted(parts.items(), key=lambda item: -item[1])]


def run_suite(tree: Path, env: dict[str, str]) -> list[tuple[str, float]]:
    """The whole test suite in ``tree``, browser tests required, timed part by part."""
    junit = Path(tempfile.mkdtemp(prefix="lstm-explained-suite-")) / "junit.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}"], cwd=tree,
                   env={**env, "LSTM_EXPLAINED_BROWSER": "required"}, check=True, stdout=subprocess.DEVNULL)
    return suite_times(junit)


def charlm_throughput(steps: int, threads: int) -> float:
    """Characters per second of the book's character-model training, over ``steps`` steps."""
    config = dataclasses.replace(tbptt.CONFIGS["default"], steps=steps, warmup=min(10, steps))
    split = language_model.data_split(config)
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        _, record = tbptt.train(config, split, progress=False)
    finally:
        torch.set_num_threads(previous)
    return record.chars_seen / record.seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="read the last build's records instead of building")
    parser.add_argument("--skip-tests", action="store_true", help="leave the test suite out")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args(argv)
    rows = []
    if args.skip_build:
        out, tree, env = ROOT / "docs" / "_build" / "html", ROOT, dict(os.environ)
    else:
        scratch = Path(tempfile.mkdtemp(prefix="lstm-explained-bench-"))
        tree = fresh_tree(scratch)  # a clean clone's files, so nothing from an earlier build is reused
        out = tree / "docs" / "_build" / "html"
        env = {**os.environ, "LSTM_EXPLAINED_CACHE": str(scratch / "cache")}
        cold = timed_build(tree, out, env)
        unchanged = timed_build(tree, out, env)
        rows += [("build", "cold (empty result cache)", f"{cold:.0f} s"), ("build", "unchanged rebuild", f"{unchanged:.1f} s"),
                 ("build", "cold / unchanged", f"{cold / unchanged:.0f}x")]
        for module, seconds, rerun in sentence_edits(tree, out, env):
            rows.append(("a sentence edited", f"readings.{module}: re-ran {', '.join(rerun) or 'nothing'}", f"{seconds:.1f} s"))
    for page, seconds in page_times(out):
        rows.append(("pages, cold", page, f"{seconds:.1f} s"))
    if not args.skip_tests:
        for part, seconds in run_suite(tree, env):
            rows.append(("tests", part, f"{seconds:.0f} s"))
    default_threads = torch.get_num_threads()
    for threads in dict.fromkeys([default_threads, 1]):
        torch.set_num_threads(threads)
        for kind, target in packed_speed.TARGETS.items():
            r = packed_speed.measure(kind, args.rounds)
            rows.append(("many models at once", f"{kind}, {threads} thread(s), target {target:.0f}x", f"{r['ratio']:.1f}x"))
    torch.set_num_threads(1)
    for setting, (length, sizes) in long_lag_speed.SETTINGS.items():
        for kind, hidden in sizes.items():
            r = long_lag_speed.measure(kind, hidden, length, args.rounds)
            rows.append(("many models at once", f"{kind} ({hidden} units), adding problem of length {length} ({setting}), 1 thread", f"{r['ratio']:.1f}x"))
    torch.set_num_threads(default_threads)
    speeds = {threads: charlm_throughput(args.steps, threads) for threads in dict.fromkeys([default_threads, 1])}
    for threads, speed in speeds.items():
        rows.append(("character model", f"training, {threads} thread(s)", f"{speed / 1000:.1f}k chars/s"))
    if len(speeds) == 2:
        rows.append(("character model", f"{default_threads} threads / 1 thread", f"{speeds[default_threads] / speeds[1]:.2f}x"))
    width = [max(len(r[k]) for r in rows) for k in range(3)]
    print(f"torch {torch.__version__}, {os.cpu_count()} CPU cores")
    for group, what, value in rows:
        print(f"{group:<{width[0]}}  {what:<{width[1]}}  {value:>{width[2]}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
