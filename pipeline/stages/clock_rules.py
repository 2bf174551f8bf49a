"""The rules that depend on the time, of an article's dates as ``check_file`` found them: a date still to come is
a warning (the article is scheduled), an expiryDate passed an error. Apart from ``validate``, whose runner applies
them, so that ``status``, which applies them to the facts it keeps of every draft, imports none of the rest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pipeline.model.moments import rfc3339_moment
from pipeline.model.problems import ERROR, WARNING, Problem


def clock_problems(rel: str, dates: Sequence[tuple[str, str, int | None]], moment: datetime,
                   ) -> list[Problem]:
    """The rules that depend on the time: a date or publishDate still to come is a warning (the article
    is scheduled); an expiryDate passed is an error (Hugo would not show the article)."""
    return clock_rules(rel, dates, moment)[0]


def clock_rules(rel: str, dates: Sequence[tuple[str, str, int | None]], moment: datetime,
                ) -> tuple[list[Problem], datetime | None]:
    """``clock_problems``, and the first of the dates still to come: until then their answer holds (the
    desk times a draft's state again then, with each date read once)."""
    problems = []
    coming: datetime | None = None
    for name, value, line in dates:
        when = rfc3339_moment(value)
        if when is None:
            continue
        # Compared once: two moments in other zones are compared by their offsets and a subtraction, which cost more
        # than reading the date (every moment here has its offset: RFC 3339's form has one, so they are ordered).
        later = when > moment
        if later and (coming is None or when < coming):
            coming = when
        if name == "expiryDate":
            if not later:
                problems.append(Problem(rel, line, name, ERROR, "expired",
                                        f"{value} has passed: Hugo no longer shows the article; change or remove it"))
        elif later:
            problems.append(Problem(rel, line, name, WARNING, "date-future",
                                    f"{value} is still to come: the article is scheduled and appears from then"))
    return problems, coming
