"""A libFuzzer target (atheris) for the extractors: the first byte of an input picks the
media type, the rest is the file. An extractor may answer with text or with
ExtractionFailed; anything else that escapes, a crash in a native parser (pdfium,
Pillow, lxml) or an input that takes longer than libFuzzer's -timeout is a finding.

Run: python tests/fuzz/extract_target.py CORPUS_DIR -max_total_time=60"""

from __future__ import annotations

import contextlib
import io
import sys

import atheris

from tests.fuzz.media import TYPES

with atheris.instrument_imports(include=["gavah"]):
    from gavah.pipelines.extract import ExtractionFailed, Limits, run

# Small limits, so that a legitimate large output is not mistaken for a hang.
LIMITS = Limits(ocr=False, max_text_chars=200_000, max_members=50, max_unpacked=8 << 20,
                max_depth=2)


def one_input(data: bytes) -> None:
    if not data:
        return
    media_type = TYPES[data[0] % len(TYPES)]
    with contextlib.suppress(ExtractionFailed):
        run(io.BytesIO(data[1:]), media_type, LIMITS)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
