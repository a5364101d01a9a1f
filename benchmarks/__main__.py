"""`make bench`: every figure with its target, as ratios to baselines measured in this run.

    python -m benchmarks [--repeats N]

Prints a table and writes benchmarks/results/latest.json. Speed is measured here only,
never in the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import filtering, machine, memory, startup
from benchmarks.databases import make_databases
from benchmarks.size import sizes as database_sizes

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


@dataclass
class Figure:
    """One measured figure: a ratio (or a yes/no check) with its target."""

    name: str
    measured: str
    ratio: float | None
    target: float | None
    passed: bool


def _ratio_figure(name: str, measured: str, ratio: float, target: float) -> Figure:
    return Figure(name, measured, round(ratio, 2), target, ratio <= target)


def _limit_figure(name: str, seconds: float, limit_seconds: float) -> Figure:
    """An absolute time against a limit (the ratio column shows the fraction of the limit)."""
    return Figure(
        name,
        f"{_ms(seconds)} (limit {_ms(limit_seconds)})",
        round(seconds / limit_seconds, 2),
        1.0,
        seconds <= limit_seconds,
    )


def _subprocess_json(module: str, *args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _postgres_time_to_content(
    sqlite_file: Path, repeats: int, report: dict[str, Any]
) -> list[Figure]:
    """The same database copied into PostgreSQL (`refterm copy-to`), timed against the bare app.

    The server is a throwaway local cluster on a unix socket (the one the tests start): the
    figure is refterm's own cost on PostgreSQL (engine, first queries), not a network's.
    """
    from tests import pg_cluster

    name = "time to content on PostgreSQL, 10,000 contacts"
    reason = pg_cluster.why_unavailable()
    if reason is not None:
        report["postgresql"] = {"skipped": reason}
        print(f"   skipped: {reason}", flush=True)
        return []
    with pg_cluster.running_cluster() as socket:
        pg_cluster.execute(socket, "CREATE DATABASE bench")
        url = pg_cluster.url(socket, "bench")
        subprocess.run(
            [sys.executable, "-m", "refterm", "--db", str(sqlite_file), "copy-to", url],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        runs = startup.time_to_content({10_000: url}, repeats)
    medians = {key: statistics.median(values) for key, values in runs.items()}
    report["postgresql"] = {"runs": runs, "medians": medians}
    ratio = medians["10000"] / medians["bare"]
    measured = f"{_ms(medians['10000'])} vs bare {_ms(medians['bare'])}"
    return [_ratio_figure(name, measured, ratio, 2.5)]


def run(repeats: int) -> dict[str, Any]:
    report: dict[str, Any] = {"machine": machine.describe(), "repeats": repeats}
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="refterm-bench-") as temp:
        folder = Path(temp)
        started = time.perf_counter()
        print("making databases of 1,000, 10,000 and 100,000 contacts...", flush=True)
        databases = make_databases(folder)
        report["database_seconds"] = round(time.perf_counter() - started, 1)

        print("1. time to content (real terminal, process start to Today data)...", flush=True)
        runs = startup.time_to_content(databases, repeats)
        medians = {key: statistics.median(values) for key, values in runs.items()}
        report["time_to_content"] = {"runs": runs, "medians": medians}
        bare = medians["bare"]
        for size, target in ((1_000, None), (10_000, 2.5), (100_000, 3.0)):
            ratio = medians[str(size)] / bare
            measured = f"{_ms(medians[str(size)])} vs bare {_ms(bare)}"
            name = f"time to content, {size:,} contacts"
            if target is None:
                figures.append(Figure(name, measured, round(ratio, 2), None, True))
            else:
                figures.append(_ratio_figure(name, measured, ratio, target))

        print("1b. time to content on PostgreSQL (10,000 contacts, a local cluster)...", flush=True)
        figures.extend(_postgres_time_to_content(databases[10_000], repeats, report))

        print("2. scaling: Contacts opened and filtered (Pilot), peak memory...", flush=True)
        small = _subprocess_json("benchmarks.scaling", str(databases[1_000]), str(repeats))
        large = _subprocess_json("benchmarks.scaling", str(databases[100_000]), str(repeats))
        report["scaling"] = {"1000": small, "100000": large}
        low, high = statistics.median(small["open"]), statistics.median(large["open"])
        figures.append(
            _ratio_figure(
                "open Contacts, 100,000 vs 1,000", f"{_ms(high)} vs {_ms(low)}", high / low, 1.5
            )
        )
        low, high = statistics.median(small["filter"]), statistics.median(large["filter"])
        figures.append(
            Figure(
                "filter typed in one go (martin capg), 100,000 vs 1,000",
                f"{_ms(high)} vs {_ms(low)}",
                round(high / low, 2),
                None,
                True,
            )
        )
        rss = {
            size: [memory.peak_rss_kib(databases[size]) for _ in range(max(repeats // 2, 1))]
            for size in (1_000, 100_000)
        }
        report["peak_rss_kib"] = {str(size): values for size, values in rss.items()}
        low_rss, high_rss = statistics.median(rss[1_000]), statistics.median(rss[100_000])
        figures.append(
            _ratio_figure(
                "peak RSS, 100,000 vs 1,000",
                f"{high_rss / 1024:.0f} MiB vs {low_rss / 1024:.0f} MiB",
                high_rss / low_rss,
                1.5,
            )
        )

        print("2d. filter per keystroke and the palette (Pilot, 1,000 and 100,000)...", flush=True)
        typed = {
            "1000": _subprocess_json("benchmarks.filtering", str(databases[1_000]), str(repeats)),
            "100000": _subprocess_json(
                "benchmarks.filtering", str(databases[100_000]), str(repeats), "--palette"
            ),
        }
        report["filter_per_key"] = typed
        for name, query in filtering.QUERIES.items():
            low = typed["1000"]["median"][name]
            high = typed["100000"]["median"][name]
            figures.append(
                _ratio_figure(
                    f"filter per key, {name} ({query!r}), 100,000 vs 1,000",
                    f"{_ms(high)} vs {_ms(low)} (median key)",
                    high / low,
                    1.5,
                )
            )
        slowest = typed["100000"]["p95_all_keys"]
        figures.append(
            _limit_figure("keystroke-to-rows p95 at 100,000 (every key)", slowest, 0.050)
        )
        palette = typed["100000"]["palette"]
        searches = [value for values in palette["search"].values() for value in values]
        spelled = ", ".join(f"{query} -> {first}" for query, first in palette["first"].items())
        figures.append(
            _limit_figure(
                f"palette close spellings p95 at 100,000 ({len(palette['search'])} queries)",
                filtering.p95(searches),
                0.050,
            )
        )
        report["palette_found"] = spelled
        figures.append(
            Figure(
                "palette name index read and built, 100,000 (once per change)",
                _ms(palette["index_seconds"]),
                None,
                None,
                True,
            )
        )

        print("3. import: 50,000 LinkedIn rows against plain executemany...", flush=True)
        imported = _subprocess_json("benchmarks.importing", str(folder), str(repeats))
        report["import"] = imported
        plain = imported["median_plain"]
        for key, label in (("new", "into an empty database"), ("duplicates", "all duplicates")):
            seconds = statistics.median(imported[key])
            figures.append(
                _ratio_figure(
                    f"import 50,000 rows, {label}",
                    f"{_ms(seconds)} vs executemany {_ms(plain)}",
                    seconds / plain,
                    5.0,
                )
            )

        print("3b. import: a LinkedIn archive (10,000 connections, 50,000 messages)...", flush=True)
        archive = _subprocess_json("benchmarks.archive_import", str(folder), str(repeats))
        report["archive_import"] = archive
        archive_plain = archive["median_plain"]
        for key, label in (("new", "into the demo database"), ("again", "the same archive again")):
            seconds = statistics.median(archive[key])
            figures.append(
                _ratio_figure(
                    f"archive import (10,000 connections, 50,000 messages), {label}",
                    f"{_ms(seconds)} vs executemany {_ms(archive_plain)}",
                    seconds / archive_plain,
                    10.0,
                )
            )

        measured = database_sizes(databases[100_000], folder)
        report["database_bytes_100000"] = measured
        with_index, without_index = measured["with_index"], measured["without_index"]
        figures.append(
            Figure(
                "database size at 100,000, with vs without the search index",
                f"{with_index / 2**20:.1f} MiB vs {without_index / 2**20:.1f} MiB",
                round(with_index / without_index, 2),
                None,
                True,
            )
        )

        print("4. start-up imports...", flush=True)
        costs = {}
        for label, statement in (
            ("import refterm.cli.main", "import refterm.cli.main"),
            ("import refterm.app", "import refterm.app"),
            (
                "everything the Today screen needs",
                "import refterm.cli.main, refterm.app, refterm.db.engine, "
                "refterm.core.agenda, refterm.screens.today",
            ),
        ):
            total, per_package, modules = startup.import_costs(statement)
            late = startup.late_modules_loaded(modules)
            biggest = sorted(per_package.items(), key=lambda item: -item[1])[:8]
            costs[label] = {
                "seconds": round(total, 3),
                "biggest": {name: round(seconds, 3) for name, seconds in biggest},
                "late_modules": late,
            }
            figures.append(
                Figure(
                    f"{label}: no {'/'.join(startup.LATE_MODULES)}",
                    f"{_ms(total)}; loaded: {', '.join(late) or 'none of them'}",
                    None,
                    None,
                    not late,
                )
            )
        late_at_content = large["late_modules_at_content"]
        figures.append(
            Figure(
                "running app, Today shown: no late modules",
                f"loaded: {', '.join(late_at_content) or 'none of them'}",
                None,
                None,
                not late_at_content,
            )
        )
        report["imports"] = costs
    report["machine"]["load_at_end"] = machine.load_average()
    report["figures"] = [asdict(figure) for figure in figures]
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def print_table(report: dict[str, Any]) -> None:
    info = report["machine"]
    print()
    print(
        f"refterm benchmarks · {info['cpus']} CPUs ({info['cpu']}) · Python {info['python']} · "
        f"SQLite {info['sqlite']} · Textual {info['textual']} · load {info['load_at_start']} "
        f"-> {info['load_at_end']} · median of {report['repeats']}"
    )
    rows = [("figure", "measured", "ratio", "target", "")]
    for figure in report["figures"]:
        ratio = "" if figure["ratio"] is None else f"{figure['ratio']:.2f}x"
        target = "" if figure["target"] is None else f"<= {figure['target']}x"
        verdict = "PASS" if figure["passed"] else "FAIL"
        if figure["target"] is None and figure["ratio"] is not None:
            verdict = "info"
        rows.append((figure["name"], figure["measured"], ratio, target, verdict))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    for label, cost in report["imports"].items():
        biggest = ", ".join(
            f"{name} {seconds * 1000:.0f} ms" for name, seconds in cost["biggest"].items()
        )
        print(f"{label}: {cost['seconds'] * 1000:.0f} ms; biggest: {biggest}")
    print(f"run took {report['seconds']:.0f} s; written to {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (median)")
    options = parser.parse_args()
    report = run(options.repeats)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_table(report)
    if not all(figure["passed"] for figure in report["figures"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
