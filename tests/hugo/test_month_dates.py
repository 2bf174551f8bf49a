"""On a real Hugo: a site that publishes month dates shows an article known only to the month as
the month, in the site's language ("mei 2022"), never as the 1st of it."""

from __future__ import annotations

from pathlib import Path

from pipeline.store.workspace import Workspace
from tests.helpers import approve_in_process, cli, make_draft
from tests.hugo.test_hugo import build, read_page


def test_a_month_date_is_published_and_shown_as_the_month(tmp_path: Path) -> None:
    make_draft(tmp_path, "mei", date="2022-05-01T00:00:00+02:00", date_precision="month")
    make_draft(tmp_path, "jaar", date="2021-01-01T00:00:00+01:00", date_precision="year")
    make_draft(tmp_path, "dag", date="2022-05-17T00:00:00+02:00")
    (tmp_path / "pipeline.toml").write_text("[publish]\nmonth_dates = true\n", encoding="utf-8")
    for name in ("mei", "jaar", "dag"):
        approve_in_process(tmp_path, name)
    assert cli(tmp_path, "promote").exit_code == 0

    result = build(Workspace.open(tmp_path), include_drafts=False)

    assert result.ok, result.all_problems()
    pages = {page.source: Path(page.html) for page in result.pages}
    shown = {name: read_page(pages[f"published/{name}.md"]).one("time") for name in ("mei", "jaar", "dag")}
    assert (shown["mei"].text, shown["mei"].attrs["datetime"]) == ("mei 2022", "2022-05")
    assert (shown["jaar"].text, shown["jaar"].attrs["datetime"]) == ("2021", "2021")
    assert (shown["dag"].text, shown["dag"].attrs["datetime"]) == ("17 May 2022", "2022-05-17T00:00:00+02:00")
