"""The compressors as conditional code lengths."""

import zlib

import pytest

from lstm_explained.models import compression


def test_conditional_length_is_the_extra_compressed_bytes():
    a, b = "import os\n" * 50, "import sys\n" * 30
    expected = 8 * (len(zlib.compress((a + b).encode(), 9)) - len(zlib.compress(a.encode(), 9))) / len(b)
    assert compression.conditional_bits_per_char(a, b, "gzip -9 (zlib)") == expected


@pytest.mark.parametrize("name", ["gzip -9 (zlib)", "xz -9e (lzma)"])
def test_a_dictionary_coder_that_read_the_text_first_finds_it_cheap(name):
    text = "".join(f"def f{k}(x):\n    return x * {k}\n" for k in range(300))
    alone = compression.conditional_bits_per_char("", text, name)
    assert compression.conditional_bits_per_char(text, text, name) < alone / 3


def test_bzip2_gains_less_from_a_repeat_than_a_dictionary_coder():
    # bzip2 sorts each 900 kB block (Burrows-Wheeler), it does not copy: a repeat costs it more
    text = "".join(f"def f{k}(x):\n    return x * {k}\n" for k in range(300))
    gain = {name: compression.conditional_bits_per_char("", text, name) - compression.conditional_bits_per_char(text, text, name) for name in compression.COMPRESSORS}
    assert 0 < gain["bzip2 -9 (bz2)"] < min(gain["gzip -9 (zlib)"], gain["xz -9e (lzma)"])


def test_bad_input():
    with pytest.raises(ValueError, match="unknown compressor 'zip'"):
        compression.conditional_bits_per_char("a", "b", "zip")
    with pytest.raises(ValueError, match="valid is empty"):
        compression.conditional_bits_per_char("a", "", "xz -9e (lzma)")
