"""What sits in each stage of a workspace, and what to do next. Reads only; imports stay light."""

from __future__ import annotations

from typing import Any

from pipeline.config import Config
from pipeline.ingest import load_record
from pipeline.workspace import Workspace


def workspace_status(workspace: Workspace, config: Config) -> dict[str, Any]:
    record = load_record(workspace)
    raw_waiting = raw_failed = 0
    for raw in workspace.raw_files():
        known = record.by_path.get(raw.rel)
        if raw.problem:
            raw_failed += 1
        elif known is None or raw.stamp is None or known.get("stamp") != raw.stamp.as_list():
            raw_waiting += 1
        elif record.by_hash.get(known.get("sha256", ""), {}).get("status") == "failed":
            raw_failed += 1
    counts = {
        "raw waiting": raw_waiting,
        "raw failed": raw_failed,
        "drafts": len(workspace.draft_files()),
        "published": len(workspace.published_files()),
    }
    actions = []
    if raw_waiting:
        actions.append(f"pipeline ingest ({raw_waiting} new raw file(s))")
    if raw_failed:
        actions.append(f"fix or remove {raw_failed} raw file(s) that failed (pipeline ingest --json shows why)")
    if counts["drafts"]:
        actions.append("pipeline validate, then review the drafts")
    return {"workspace": str(workspace.root), "counts": counts, "next": actions}
