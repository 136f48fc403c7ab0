"""The run's report: the JSON document, and the table printed from it."""

import argparse
import platform
import subprocess
import time
from datetime import UTC, datetime
from typing import Any

from bench import datagen
from bench.measure import Outcome, log
from bench.servers import PROJECT_ROOT, UVICORN_FLAGS, describe_cpu


def _git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def build_report(
    args: argparse.Namespace,
    info: datagen.DatasetInfo,
    dataset_seconds: float,
    outcomes: list[Outcome],
    rss: dict[str, Any],
    pinned: bool,
    started: float,
) -> dict[str, Any]:
    scenarios = [
        {
            "name": o.scenario.name,
            "summary": o.scenario.summary,
            "status": o.status,
            "note": o.note,
            "request": o.request,
            "api": o.api.to_dict() if o.api else None,
            "baseline": o.baseline.to_dict() if o.baseline else None,
            "ratio": round(o.ratio, 4) if o.ratio is not None else None,
            "cpu_ratio": round(o.cpu_ratio, 4) if o.cpu_ratio is not None else None,
            **o.extra,
        }
        for o in outcomes
    ]
    return {
        "meta": {
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "git": _git_revision(),
            "cpu": describe_cpu(),
            "python": platform.python_version(),
            "scale": args.scale,
            "database": args.database,
            "workers": args.workers,
            "pinning": "server on core 0, wrk on core 1" if pinned else "none",
            "nice": args.nice,
            "uvicorn": UVICORN_FLAGS,
            "wrk": f"wrk -t1 -c{args.connections} --latency --timeout=10s",
            "duration_s": args.duration,
            "budget_s": args.budget or None,
            "budget_note": getattr(args, "budget_note", ""),
            "warmup_s": args.warmup,
            "total_s": round(time.perf_counter() - started, 1),
        },
        "dataset": {
            "reused": info.reused,
            "ready_in_s": round(dataset_seconds, 1),
            "generation_s": info.generation_seconds,
            "generation_steps_s": info.steps,
            "generated_at": info.generated_at,
            "counts": info.counts,
        },
        "rss_mb": rss,
        "scenarios": scenarios,
        "graphql_versus_rest": graphql_versus_rest(scenarios),
    }


# GraphQL's targets are ratios to REST serving the same list in the same state (issue #8):
# (GraphQL scenario, REST scenario, the ratio of CPU per request to reach).
GRAPHQL_VERSUS_REST = [
    ("graphql_articles", "articles_list", 0.40),
    ("graphql_articles_warm", "articles_list_warm", 0.50),
]


def graphql_versus_rest(scenarios: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """REST's CPU per request over GraphQL's, for each pair measured in this run."""
    by_name = {item["name"]: item for item in scenarios if item["status"] == "ok" and item["api"]}
    pairs = []
    for graphql, rest, target in GRAPHQL_VERSUS_REST:
        if graphql in by_name and rest in by_name:
            ours = by_name[graphql]["api"]["server_cpu_ms_per_request"]
            theirs = by_name[rest]["api"]["server_cpu_ms_per_request"]
            if ours and theirs:
                pairs.append(
                    {"graphql": graphql, "rest": rest, "ratio": theirs / ours, "target": target}
                )
    return pairs


def _table_rows(report: dict[str, Any]) -> list[list[str]]:
    rows = [
        [
            "scenario", "req/s", "p50 ms", "p99 ms", "baseline req/s", "ratio",
            "CPU ms/req", "baseline CPU", "CPU ratio", "notes",
        ]
    ]  # fmt: skip
    for item in report["scenarios"]:
        api, base = item["api"], item["baseline"]
        if item["status"] != "ok" or api is None:
            note = f"{item['status']}: {item['note']}"
            rows.append([item["name"], *["-"] * 8, note])
            continue
        lat = api["latency_ms"]
        cpu = _cpu_cell(api)
        rows.append(
            [
                item["name"],
                f"{api['rps']:,.0f}" if api["rps"] >= 100 else f"{api['rps']:.1f}",
                f"{lat['p50']:.1f}",
                f"{lat['p99']:.1f}",
                f"{base['rps']:,.0f}" if base else "-",
                _percent(item["ratio"]),
                cpu,
                _cpu_cell(base) if base else "-",
                _percent(item["cpu_ratio"]),
                item["note"],
            ]
        )
    return rows


def _percent(value: float | None) -> str:
    return f"{value * 100:.1f}%" if value is not None else "-"


def _cpu_cell(result: dict[str, Any]) -> str:
    server, db = result.get("server_cpu_ms_per_request"), result.get("db_cpu_ms_per_request")
    if server is None:
        return "-"
    return f"{server:.3f}" + (f"+{db:.3f}db" if db is not None else "")


def format_table(report: dict[str, Any]) -> str:
    rows = _table_rows(report)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths) + "  -----")
    return "\n".join(lines)


def print_table(report: dict[str, Any]) -> None:
    meta, data = report["meta"], report["dataset"]
    made = "reused" if data["reused"] else f"generated in {data['generation_s']:.1f} s"
    nice = f", nice {meta['nice']}" if meta["nice"] is not None else ""
    log(
        f"\n{meta['scale']} scale on {meta['database']}, {meta['workers']} worker(s), "
        f"{meta['pinning']}{nice}; {meta['cpu']['model']} x{meta['cpu']['count']}; "
        f"{meta['warmup_s']:g} s warm-up + {meta['duration_s']:g} s per scenario; "
        f"data set {made}; total {meta['total_s']:.0f} s\n"
    )
    log(format_table(report))
    pairs = graphql_versus_rest(report["scenarios"])
    if pairs:
        log("\nGraphQL against REST (REST's CPU per request / GraphQL's):")
        for pair in pairs:
            log(
                f"  {pair['graphql']:22} vs {pair['rest']:20} {pair['ratio'] * 100:5.1f}%"
                f"  (target >= {pair['target'] * 100:.0f}%)"
            )
    rss = report["rss_mb"]
    servers = [key.removesuffix("_after_run_mb") for key in rss if key.endswith("_after_run_mb")]
    log("\nRSS per worker (MB), after start -> as the last scenario ends -> after 2 s idle:")
    for name in servers:
        log(
            f"  {name:12} {rss.get(f'{name}_after_start_mb')}"
            f" -> {rss.get(f'{name}_end_of_load_mb')} -> {rss[f'{name}_after_run_mb']}"
        )
