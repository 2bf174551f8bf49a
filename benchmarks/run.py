"""Run every benchmark and write benchmarks/results.json and benchmarks/results.md.

    python benchmarks/run.py            # N = 1,000 and 10,000 (about 10 minutes on 2 cores)
    python benchmarks/run.py --quick    # N = 200 and 1,000, to try the harness (results to a temp folder)
    python benchmarks/run.py --only status_run --only validate   # some rows only (results to a temp folder)

Each figure is the median of several runs of the installed `pipeline` command in a subprocess,
measured beside a floor taken in the same run on the same files: what it costs merely to read
them (and parse their YAML, or detect their language, or let Hugo list them). Corpora are
generated, seeded, into a temporary folder and never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

PIPELINE = str(Path(sys.executable).parent / "pipeline") if (Path(sys.executable).parent / "pipeline").exists() \
    else shutil.which("pipeline") or "pipeline"
ENV = {**os.environ, "PIPELINE_NOW": "2026-11-23T10:00:00+01:00", "COLUMNS": "200"}

FLOOR_YAML = r"""
import sys, yaml
from pathlib import Path
loader = yaml.CSafeLoader
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    text = path.read_text(encoding="utf-8")
    _, front, _body = text.split("---\n", 2)
    yaml.load(front, Loader=loader)
"""

FLOOR_INGEST = r"""
import sys
from pathlib import Path
from langdetect import DetectorFactory, detect
DetectorFactory.seed = 0
source, target = Path(sys.argv[1]), Path(sys.argv[2])
target.mkdir(exist_ok=True)
for path in sorted(source.iterdir()):
    data = path.read_bytes()
    text = data.decode("utf-8", "replace")
    try:
        language = detect(text)
    except Exception:
        language = "??"
    (target / (path.stem + ".md")).write_text(language + "\n" + text, encoding="utf-8")
"""

# results.md: the table is written anew by each run; from this heading on, the text is kept.
NOTES_HEADING = "## Where the time goes"

BARE_TYPER = r"""
import typer
app = typer.Typer()

@app.command()
def hello(name: str = "world") -> None:
    print(name)

@app.command()
def other() -> None:
    pass

app()
"""


def compile_bytecode() -> None:
    """Measure the command as installed: pip compiles a package's bytecode when it installs it, but an
    editable install under PYTHONDONTWRITEBYTECODE would compile every module on every start."""
    import pipeline

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(pipeline.__file__).parent)], check=True,
                   stdout=subprocess.DEVNULL)


def run(command: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak memory (KiB) and exit code of one subprocess."""
    elapsed, rss, code, _cpu = run_timed(command, cwd)
    return elapsed, rss, code


def run_timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, int, float]:
    """Wall seconds, peak memory (KiB), exit code and CPU seconds (user and system, of the process and
    the workers it waited for): on a shared machine the CPU time moves far less than the wall time."""
    start = time.perf_counter()
    before = os.times()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    after = os.times()
    # wait4 counts the process alone; os.times() of this one counts every child reaped, workers included
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return elapsed, int(usage.ru_maxrss), os.waitstatus_to_exitcode(status), max(cpu, usage.ru_utime + usage.ru_stime)


def median(command: list[str], repeats: int, cwd: Path | None = None, before: Any = None) -> dict[str, float]:
    """Median wall and CPU seconds (the command and its workers) of `repeats` runs, and the peak memory."""
    times, cpus, memory = [], [], []
    for _ in range(repeats):
        if before is not None:
            before()
        seconds, rss, code, cpu = run_timed(command, cwd)
        if code not in (0, 1):  # 1: some file has errors, as corpora mean to; anything else measures a refusal
            raise SystemExit(f"{' '.join(command)} exited {code} in {cwd}")
        times.append(seconds)
        cpus.append(cpu)
        memory.append(rss)
    return {"seconds": round(statistics.median(times), 4), "cpu_seconds": round(statistics.median(cpus), 4),
            "peak_kib": max(memory)}


def mark_workspace(folder: Path) -> None:
    """A workspace as `pipeline init` leaves it: an empty pipeline.toml (built-in defaults apply) and
    .pipeline/, where read-only commands keep their caches (they create no folder themselves)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pipeline.toml").touch()
    (folder / ".pipeline").mkdir(exist_ok=True)


def workspace_with_drafts(root: Path, count: int) -> Path:
    workspace = root / f"validate-{count}"
    corpus.write_drafts(workspace / "drafts", count)
    (workspace / "raw").mkdir()
    mark_workspace(workspace)
    return workspace


def clear_cache(workspace: Path) -> None:
    for path in (workspace / ".pipeline").glob("validate*"):
        path.unlink()


def hugo_site(root: Path, content: Path) -> Path | None:
    if shutil.which("hugo") is None:
        return None
    site = root / f"hugo-{content.parent.name}"
    site.mkdir()
    (site / "config.toml").write_text(f'baseURL = "https://example.org/"\ncontentDir = "{content}"\n')
    return site


def bench_startup(root: Path, repeats: int) -> dict[str, Any]:
    empty = root / "empty"
    (empty / "raw").mkdir(parents=True)
    mark_workspace(empty)
    bare = root / "bare_typer.py"
    bare.write_text(BARE_TYPER)
    results = {
        "help": median([PIPELINE, "--help"], repeats),
        "status_empty": median([PIPELINE, "status"], repeats, cwd=empty),
        "floor_bare_typer_help": median([sys.executable, str(bare), "--help"], repeats),
    }
    results["help_ratio"] = round(results["help"]["seconds"] / results["floor_bare_typer_help"]["seconds"], 2)
    return results


def bench_validate(root: Path, count: int, repeats: int, jobs: int | None) -> dict[str, Any]:
    workspace = workspace_with_drafts(root, count)
    drafts = workspace / "drafts"
    command = [PIPELINE, "validate"] + ([f"--jobs={jobs}"] if jobs else [])
    results: dict[str, Any] = {
        "files": count,
        "validate": median(command, repeats, cwd=workspace, before=lambda: clear_cache(workspace)),
        "validate_one_process": median([PIPELINE, "validate", "--jobs=1"], repeats, cwd=workspace,
                                       before=lambda: clear_cache(workspace)),
    }
    run(command, cwd=workspace)  # fill the cache
    results["revalidate_unchanged"] = median(command, repeats, cwd=workspace)
    floor = root / "floor_yaml.py"
    floor.write_text(FLOOR_YAML)
    results["floor_read_and_yaml"] = median([sys.executable, str(floor), str(drafts)], repeats)
    site = hugo_site(root, drafts)
    if site is not None:
        results["floor_hugo_list_all"] = median(["hugo", "list", "all", "--source", str(site)], repeats)
        results["validate_vs_hugo_ratio"] = round(
            results["validate"]["seconds"] / results["floor_hugo_list_all"]["seconds"], 2)
    results["validate_vs_yaml_ratio"] = round(
        results["validate"]["seconds"] / results["floor_read_and_yaml"]["seconds"], 2)
    return results


def bench_ingest(root: Path, count: int, repeats: int) -> dict[str, Any]:
    source = root / f"raw-{count}"
    corpus.write_raw(source, count)
    workspace = root / f"ingest-{count}"

    def fresh() -> None:
        shutil.rmtree(workspace, ignore_errors=True)
        mark_workspace(workspace)
        shutil.copytree(source, workspace / "raw", copy_function=shutil.copy2)

    results: dict[str, Any] = {
        "files": count,
        "ingest": median([PIPELINE, "ingest"], repeats, workspace, fresh),
        "ingest_one_process": median([PIPELINE, "ingest", "--jobs=1"], repeats, workspace, fresh),
    }
    floor = root / "floor_ingest.py"
    floor.write_text(FLOOR_INGEST)
    out = root / f"floor-out-{count}"
    results["floor_read_langdetect_write"] = median(
        [sys.executable, str(floor), str(source), str(out)], repeats,
        before=lambda: shutil.rmtree(out, ignore_errors=True))
    results["ingest_ratio"] = round(results["ingest"]["seconds"] / results["floor_read_langdetect_write"]["seconds"], 2)
    return results


def bench_incremental(root: Path, known: int, repeats: int) -> dict[str, Any]:
    """known files already ingested plus 10 new ones, beside the cost of ingesting those 10 alone."""
    workspace = root / f"incremental-{known}"
    corpus.write_raw(workspace / "raw", known)
    mark_workspace(workspace)
    setup_seconds, setup_rss, _ = run([PIPELINE, "ingest"], cwd=workspace)
    fresh_raw = root / "new-raw"
    corpus.write_raw(fresh_raw, 10 * repeats, seed=corpus.SEED + 99)
    new_files = sorted(fresh_raw.iterdir())
    times, alone = [], []
    for batch in range(repeats):
        chunk = new_files[batch * 10:(batch + 1) * 10]
        for path in chunk:
            shutil.copy2(path, workspace / "raw" / f"new-{path.name}")
        times.append(run([PIPELINE, "ingest"], cwd=workspace)[0])
        solo = root / f"solo-{batch}"
        (solo / "raw").mkdir(parents=True)
        mark_workspace(solo)
        for path in chunk:
            shutil.copy2(path, solo / "raw" / path.name)
        alone.append(run([PIPELINE, "ingest"], cwd=solo)[0])
    result = {
        "known_files": known,
        "first_ingest_of_known": {"seconds": round(setup_seconds, 3), "peak_kib": setup_rss},
        "incremental_10_new": {"seconds": round(statistics.median(times), 4)},
        "ten_new_alone": {"seconds": round(statistics.median(alone), 4)},
    }
    result["overhead_of_known_seconds"] = round(
        result["incremental_10_new"]["seconds"] - result["ten_new_alone"]["seconds"], 4)
    return result


def bench_status_and_run(root: Path, count: int, repeats: int) -> dict[str, Any]:
    """status cold (no cache) and warm, and a cron run with nothing new, on count drafts, beside
    `hugo list all` on the same files."""
    workspace = root / f"status-{count}"
    corpus.write_drafts(workspace / "drafts", count)
    (workspace / "raw").mkdir()
    mark_workspace(workspace)

    def no_cache() -> None:
        for path in (workspace / ".pipeline").glob("*.json"):
            path.unlink()

    results: dict[str, Any] = {
        "files": count,
        "status_cold": median([PIPELINE, "status"], repeats, cwd=workspace, before=no_cache),
    }
    run([PIPELINE, "status"], cwd=workspace)
    results["status_warm"] = median([PIPELINE, "status"], repeats, cwd=workspace)
    run([PIPELINE, "run"], cwd=workspace)  # its caches filled, as cron's every run after the first
    results["run_nothing_new"] = median([PIPELINE, "run"], repeats, cwd=workspace)
    # A newsroom's drafts came from ingest: each has its ingestion in the journal, which status reads too.
    journal_ingestions(workspace, count)
    run([PIPELINE, "status"], cwd=workspace)
    results["status_warm_journal"] = median([PIPELINE, "status"], repeats, cwd=workspace)
    site = hugo_site(root, workspace / "drafts")
    if site is not None:
        results["floor_hugo_list_all"] = median(["hugo", "list", "all", "--source", str(site)], repeats)
    return results


def journal_ingestions(workspace: Path, count: int) -> None:
    """One `ingested` entry for each generated draft, appended through the workspace as ingest appends them."""
    import hashlib
    from datetime import UTC, datetime

    from pipeline.store.journal import Action, entry
    from pipeline.store.workspace import Workspace

    moment = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    Workspace.open(workspace).append_journal([
        entry(moment, Action.INGESTED, f"drafts/draft-{index:05d}.md", source=f"raw/item-{index:05d}.txt",
              sha256=hashlib.sha256(str(index).encode()).hexdigest()) for index in range(count)])


def bench_ingest_growth(root: Path, counts: tuple[int, int]) -> dict[str, Any]:
    """One ingest of each count of new raw files into an empty workspace: wall and CPU time per file.
    Flat means a file costs the same however many were ingested before it in the run."""
    results: dict[str, Any] = {}
    for count in counts:
        workspace = root / f"growth-{count}"
        corpus.write_raw(workspace / "raw", count)
        mark_workspace(workspace)
        seconds, rss, code, cpu = run_timed([PIPELINE, "ingest"], cwd=workspace)
        if code not in (0, 1):
            raise SystemExit(f"ingest exited {code} in {workspace}")
        results[str(count)] = {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "peak_kib": rss,
                               "ms_per_file": round(seconds / count * 1000, 2),
                               "cpu_ms_per_file": round(cpu / count * 1000, 2)}
        shutil.rmtree(workspace)
    small, large = (results[str(count)] for count in counts)
    results["per_file_ratio"] = round(large["ms_per_file"] / small["ms_per_file"], 2)
    results["cpu_per_file_ratio"] = round(large["cpu_ms_per_file"] / small["cpu_ms_per_file"], 2)
    return results


HTML_PAGE = r"""
import json, statistics, sys, time
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import corpus
from pipeline.model.config import Config
from pipeline.reading.draft import SourceInfo, drafts_from_bytes
import trafilatura

pages, rounds = int(sys.argv[2]), int(sys.argv[3])
folder = Path(sys.argv[4])
corpus.write_raw(folder, pages)
texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(folder.iterdir()) if p.stat().st_size > 200]
html = []
for index, text in enumerate(texts):
    blocks = [b for b in text.split("\n\n") if b.strip()]
    body = "".join(f"<p>{b}</p>" for b in blocks[1:])
    html.append(f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Artikel {index}</title>"
                f"<meta property='article:published_time' content='2026-02-11T08:00:00+01:00'></head><body>"
                f"<nav><a href='/'>Home</a> <a href='/nieuws'>Nieuws</a></nav><article><h1>Kop van artikel {index}</h1>"
                f"<p class='byline'>Door Redactie</p>{body}</article><footer>Deel dit artikel</footer></body></html>")
config = Config()
when = datetime(2026, 2, 11, tzinfo=timezone.utc)
for page in html[:2]:  # imports and first-call set-up are not a page's cost
    drafts_from_bytes(page.encode(), SourceInfo("raw/page.html", "0", when, when), config)
    trafilatura.extract(page)
ours, theirs = [], []
for _ in range(rounds):
    start = time.process_time()
    for page in html:
        drafts_from_bytes(page.encode(), SourceInfo("raw/page.html", "0", when, when), config)
    ours.append((time.process_time() - start) / len(html))
    start = time.process_time()
    for page in html:
        trafilatura.extract(page)
    theirs.append((time.process_time() - start) / len(html))
print(json.dumps({"pages": len(html), "pipeline_seconds": statistics.median(ours),
                  "trafilatura_seconds": statistics.median(theirs)}))
"""


def bench_html_page(root: Path, pages: int, rounds: int) -> dict[str, Any]:
    """An HTML page read into a draft beside trafilatura alone on the same page: CPU seconds a page,
    in one process, medians over rounds."""
    script = root / "html_page.py"
    script.write_text(HTML_PAGE)
    output = subprocess.run([sys.executable, str(script), str(HERE), str(pages), str(rounds), str(root / "html-raw")],
                            env=ENV, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["ratio"] = round(result["pipeline_seconds"] / result["trafilatura_seconds"], 2)
    return result


def cpu(figure: dict[str, Any]) -> str:
    """A figure's CPU time beside its wall time: on a shared machine the steadier of the two."""
    return f"CPU {figure['cpu_seconds']:.3f} s" if "cpu_seconds" in figure else "CPU n/a"


def table(results: dict[str, Any]) -> str:
    lines = ["| figure | pipeline | floor | ratio | target |", "|---|---|---|---|---|"]
    start = results.get("startup")
    if start:
        lines.append(f"| `pipeline --help` | {start['help']['seconds']:.3f} s | bare typer app "
                     f"{start['floor_bare_typer_help']['seconds']:.3f} s | {start['help_ratio']} | <= 1.5 |")
        lines.append(f"| `pipeline status` (empty workspace) | {start['status_empty']['seconds']:.3f} s | | | |")
    for key, item in results.get("validate", {}).items():
        hugo = item.get("floor_hugo_list_all", {}).get("seconds")
        lines.append(f"| validate {key} drafts, one process | {item['validate_one_process']['seconds']:.3f} s "
                     "| | | |")
        lines.append(f"| validate {key} drafts | {item['validate']['seconds']:.3f} s | read+YAML "
                     f"{item['floor_read_and_yaml']['seconds']:.3f} s; hugo list all "
                     f"{hugo if hugo is not None else 'n/a'} s | {item.get('validate_vs_hugo_ratio', 'n/a')} "
                     f"(vs hugo) | < 1.0 vs hugo |")
        warm = item["revalidate_unchanged"]
        lines.append(f"| re-validate {key} unchanged | {warm['seconds']:.3f} s ({cpu(warm)}) | | | < 0.3 s |")
    ingest = results.get("ingest")
    if ingest:
        alone = ingest["ingest_one_process"]["seconds"]
        lines.append(f"| ingest {ingest['files']} new, one process | {alone:.3f} s | "
                     f"| {round(alone / ingest['floor_read_langdetect_write']['seconds'], 2)} | |")
        lines.append(f"| ingest {ingest['files']} new | {ingest['ingest']['seconds']:.3f} s | read+langdetect+write "
                     f"{ingest['floor_read_langdetect_write']['seconds']:.3f} s | {ingest['ingest_ratio']} | <= 1.5 |")
    inc = results.get("incremental")
    if inc:
        lines.append(f"| ingest 10 new among {inc['known_files']} known | {inc['incremental_10_new']['seconds']:.3f} s"
                     f" | the 10 alone {inc['ten_new_alone']['seconds']:.3f} s | "
                     f"+{inc['overhead_of_known_seconds']:.3f} s | < +1 s |")
    status = results.get("status_run")
    if status:
        hugo = status.get("floor_hugo_list_all", {}).get("seconds")
        floor = f"hugo list all {hugo:.3f} s" if hugo is not None else ""
        lines.append(f"| `status` on {status['files']} drafts, cold / warm | {status['status_cold']['seconds']:.3f} s"
                     f" / {status['status_warm']['seconds']:.3f} s ({cpu(status['status_warm'])}) | {floor} | "
                     "| < 1 s / < 0.4 s |")
        if "status_warm_journal" in status:
            lines.append(f"| `status` warm on {status['files']} drafts, each with its ingestion in the journal | "
                         f"{status['status_warm_journal']['seconds']:.3f} s ({cpu(status['status_warm_journal'])}) | "
                         f"{floor} | | < 0.4 s |")
        lines.append(f"| `run` with nothing new on {status['files']} drafts | "
                     f"{status['run_nothing_new']['seconds']:.3f} s ({cpu(status['run_nothing_new'])}) | {floor} | "
                     "| < 0.5 s |")
    page = results.get("html_page")
    if page:
        lines.append(f"| an HTML page read ({page['pages']} pages, CPU) | {page['pipeline_seconds']:.4f} s | "
                     f"trafilatura alone {page['trafilatura_seconds']:.4f} s | {page['ratio']} | <= 1.5 |")
    growth = results.get("ingest_growth")
    if growth:
        small, large = (key for key in growth if key.isdigit())
        lines.append(f"| ingest {large} new vs {small} new, per file (wall) | {growth[large]['ms_per_file']} ms | "
                     f"{growth[small]['ms_per_file']} ms | {growth['per_file_ratio']} | <= 1.1 |")
        lines.append(f"| ingest {large} new vs {small} new, per file (CPU) | {growth[large]['cpu_ms_per_file']} ms | "
                     f"{growth[small]['cpu_ms_per_file']} ms | {growth['cpu_per_file_ratio']} | <= 1.1 |")
        lines.append(f"| peak memory ingest {small}/{large} new | "
                     f"{growth[small]['peak_kib']}/{growth[large]['peak_kib']} KiB | | | |")
    memory = results.get("memory_kib", {})
    if "validate" in memory:
        lines.append(f"| peak memory validate small/large | {memory['validate']} KiB | | | nearly flat |")
    if "ingest" in memory:
        lines.append(f"| peak memory ingest small/large | {memory['ingest']} KiB | | | nearly flat |")
    return "\n".join(lines)


# The rows, each measured beside its own floor: --only names some of them.
ROWS = ("startup", "validate", "ingest", "incremental", "status_run", "html_page", "ingest_growth")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small corpora, to try the harness")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", action="append", choices=ROWS, default=None,
                        help="measure these rows only (each beside its own floor), again for more; the results "
                             "go to a temporary folder unless --output says where")
    parser.add_argument("--output", type=Path, default=None,
                        help="where to write the results (default: benchmarks/results.json; with --quick, a "
                             "temporary folder, so a trial never replaces the committed figures)")
    args = parser.parse_args()
    if args.output is None:
        quick = Path(tempfile.mkdtemp(prefix="pipeline-bench-quick-")) if args.quick or args.only else HERE
        args.output = quick / "results.json"
    small, large = (200, 1000) if args.quick else (1000, 10000)
    repeats = args.repeats
    wanted = set(args.only or ROWS)
    compile_bytecode()
    load_at_start = os.getloadavg()  # the machine may be shared: the ratios to a floor of the same run are what count
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as folder:
        root = Path(folder)
        rows: dict[str, Any] = {
            "startup": lambda: bench_startup(root, max(repeats, 7)),
            "validate": lambda: {str(n): bench_validate(root, n, repeats, None) for n in (small, large)},
            "ingest": lambda: bench_ingest(root, small, max(3, repeats // 2)),
            "incremental": lambda: bench_incremental(root, large, 3),
            "status_run": lambda: bench_status_and_run(root, large, repeats),
            "html_page": lambda: bench_html_page(root, 20 if args.quick else 100, 3),
            "ingest_growth": lambda: bench_ingest_growth(root, (200, 2000) if args.quick else (2000, 20000)),
        }
        results: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "repeats": repeats,
            **{row: measure() for row, measure in rows.items() if row in wanted},
        }
        memory: dict[str, str] = {}
        if "validate" in results:
            memory["validate"] = (f"{results['validate'][str(small)]['validate']['peak_kib']}/"
                                  f"{results['validate'][str(large)]['validate']['peak_kib']}")
        if "ingest" in results and "incremental" in results:
            memory["ingest"] = (f"{results['ingest']['ingest']['peak_kib']}/"
                                f"{results['incremental']['first_ingest_of_known']['peak_kib']}")
        results["memory_kib"] = memory
    text = table(results)
    load = os.getloadavg()
    results["load_average"] = [round(value, 2) for value in load]
    results["load_average_at_start"] = [round(value, 2) for value in load_at_start]
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    summary = args.output.with_suffix(".md")
    # What a person wrote under the figures (the profiles: where the time goes) stays.
    kept = summary.read_text(encoding="utf-8").partition(NOTES_HEADING)[1:] if summary.exists() else ("", "")
    summary.write_text(
        f"Benchmarks of {results['when']} on {results['machine']['cores']} cores (medians of {repeats} runs; "
        f"load average at the start {load_at_start[0]:.2f} {load_at_start[1]:.2f} {load_at_start[2]:.2f}, "
        f"at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})\n\n"
        f"{text}\n" + (f"\n{kept[0]}{kept[1]}" if kept[0] else ""), encoding="utf-8")
    print(text)
    print(f"results written to {args.output} and {args.output.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
