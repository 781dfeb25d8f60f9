"""The readings' shared English: a list never comes out empty or with a stray comma."""

import pytest

from lstm_explained.readings.words import listed


@pytest.mark.parametrize("n", range(1, 6))
def test_a_list_has_one_and_and_a_comma_between_the_others(n):
    names = [f"x{k}" for k in range(n)]
    text = listed(names)
    assert all(name in text for name in names)
    assert text.count(" and ") == (n > 1) and text.count(", ") == max(0, n - 2)
    assert not text.startswith((",", " ")) and not text.endswith((",", " and"))


def test_nothing_to_list_is_an_error():
    with pytest.raises(ValueError, match="nothing to list"):
        listed([])
