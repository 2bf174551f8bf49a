"""An RFC 3339 moment read: the house's own form told by its shape is what the pattern and the reading give."""

from __future__ import annotations

from datetime import datetime

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.model.moments import RFC3339, parse_rfc3339, rfc3339_moment


def _as_before(value: str) -> datetime | None:
    """What validate's clock rules read of a date before: the pattern, then the reading."""
    return parse_rfc3339(value) if RFC3339.fullmatch(value) else None


def _same(value: str) -> None:
    found, wanted = rfc3339_moment(value), _as_before(value)
    assert found == wanted
    if wanted is not None:  # the same moment in the same zone, not only an equal instant
        assert found is not None and found.utcoffset() == wanted.utcoffset()
        assert found.isoformat() == wanted.isoformat()


HOUSE = "2026-02-11T00:00:00+01:00"
# Characters a hostile or damaged date may hold in any place: digits of other scripts and fullwidth ones (a
# pattern without re.ASCII and int() read them), a Z, t, a space, signs, a lone surrogate, a NUL.
ODD = "0123456789٣۴߂४১੩௫๓᠑１２٠-+:TtZz .,\x00\ud800éW"


@given(st.text(alphabet=ODD, max_size=30))
@example("2026-02-30T00:00:00+01:00")  # no such day
@example("2026-02-11T25:00:00+01:00")  # no such hour
@example("2026-02-11T00:00:00+24:00")  # no such offset
@example("2026-02-11T00:00:00-00:00")
@example("2026-02-11t00:00:00z")
@example("2026-02-11T00:00:00.5+01:00")
@example("2026-W07-3T00:00:00+01:00")  # a week date: fromisoformat reads it, the pattern does not
@example("2026-02-11 00:00:00+01:00")  # a space for T: fromisoformat reads it, the pattern does not
@example("2026-02-11T00:00+01:00:00")  # an offset with seconds, 25 characters
@example("2026-02-11T00:00:00.00000")  # 25 characters, no offset
@example("２０２６-02-11T00:00:00+01:00")
@example("2026-02-11T00:00:00+01:0٣")
def test_any_text_is_read_as_before(value: str) -> None:
    _same(value)


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
       st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59))
def test_the_house_form_of_any_moment_is_read_as_before(moment: datetime, minutes: int) -> None:
    sign = "-" if minutes < 0 else "+"
    text = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    assert len(text) == 25
    _same(text)
    assert rfc3339_moment(text) is not None


@given(st.integers(min_value=0, max_value=24), st.text(alphabet=ODD, min_size=1, max_size=2))
def test_the_house_form_with_a_place_changed_is_read_as_before(place: int, put: str) -> None:
    _same(HOUSE[:place] + put + HOUSE[place + 1:])
    _same(HOUSE[:place] + put + HOUSE[place:])  # one more character
    _same(HOUSE[:place] + HOUSE[place + 1:])  # one fewer


def test_the_house_form_is_read() -> None:
    moment = rfc3339_moment(HOUSE)
    assert moment is not None and moment.isoformat() == HOUSE
    assert rfc3339_moment("2026-02-30T00:00:00+01:00") is None
