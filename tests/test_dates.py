"""The one date parser: records, ``new --date``, ``new source --published`` and report options."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import parse_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A calendar date, spaces around it ignored
        ("2020-02-29", dt.date(2020, 2, 29)),
        (" 2021-03-04\n", dt.date(2021, 3, 4)),
        # Not a real day
        ("2021-02-29", None),
        ("2021-13-01", None),
        # Not the YYYY-MM-DD shape, though fromisoformat reads some of these
        ("2021-3-4", None),
        ("20210304", None),
        ("2021-W01-1", None),
        ("2021-03-04T10:00", None),
        ("２０２１-03-04", None),
        ("", None),
    ],
)
def test_parse_day_reads_only_a_real_yyyy_mm_dd(text: str, expected: dt.date | None) -> None:
    assert parse_day(text) == expected
