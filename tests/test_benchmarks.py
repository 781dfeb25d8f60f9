"""The benchmark table's readers: what they take from a build's and a test run's own records."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import run_all  # noqa: E402


def test_the_suite_times_are_grouped_by_chapter_browser_and_folder(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text("""<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">
      <testcase classname="tests.book.test_pages" name="test_chapter_executes_and_every_drawing_cell_shows_a_figure[variants]" time="30.5"/>
      <testcase classname="tests.book.test_pages" name="test_chapter_executes_and_every_drawing_cell_shows_a_figure[gates]" time="10.0"/>
      <testcase classname="tests.book.test_pages" name="test_pages_define_no_functions[gates]" time="0.5"/>
      <testcase classname="tests.book.test_site_browser" name="test_page[index.html]" time="200.0"/>
      <testcase classname="tests.book.test_site_browser" name="test_page[api.html]" time="0.1"/>
      <testcase classname="tests.experiments.test_variants" name="test_a" time="4.0"/>
      <testcase classname="tests.test_stats" name="test_b" time="1.0"/>
      <testcase classname="lstm_explained.stats" name="lstm_explained.stats.wilson_interval" time="0.2"/>
    </testsuite></testsuites>""")
    times = dict(run_all.suite_times(junit))
    assert run_all.suite_times(junit)[0][0] == "total" and times["total"] == pytest.approx(246.3)
    assert times["chapter variants executed"] == 30.5 and times["chapter gates executed"] == 10.0
    assert times["browser: every page and the viewer"] == pytest.approx(200.1)
    assert times["tests/book"] == 0.5 and times["tests/experiments"] == 4.0 and times["tests"] == 1.0
    assert times["doctests of lstm_explained"] == 0.2
    # every second is counted once
    assert abs(sum(v for k, v in times.items() if k != "total") - times["total"]) < 1e-9
