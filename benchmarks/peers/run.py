#!/usr/bin/env python3
"""sameas beside Splink, recordlinkage and dedupe: the same tables, in one run.

    PYTHONPATH=<sameas package> python benchmarks/peers/run.py [--tasks febrl3,febrl4,...]
        [--tools sameas,splink,recordlinkage,dedupe] [--customers 100000,1000000]
        [--timeout 1800] [--peers-python .venv-peers/bin/python] [--markdown]

Tasks: febrl3, febrl4, fake_1000, fake_20000, pseudopeople (issue 5's accuracy table) and
generated customers of the given sizes (issue 7's scale comparison; ``--customers`` alone runs
only those). Each tool runs in its own process (``*_runner.py``) with a time limit; one that
does not finish is reported as "did not finish in N s". recordlinkage and dedupe need pandas
2, so they run in a second interpreter (``--peers-python``, default ``.venv-peers``, made by
``SAMEAS_PEERS_VENV=1 scripts/setup.sh``); where it is absent they are skipped and said so.

Printed per task and tool: pairwise precision, recall and F1 of the tool's own clusters at
match probability 0.9, the best F1 over a grid of thresholds (connected components of the
tool's pairs) and its threshold, the share of true pairs among the pairs kept (above the floor
0.01; an upper bound of recall), seconds from reading the files to the clusters (imports
excluded), the process's wall seconds and peak memory, and the time ratio to sameas.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Scorer  # noqa: E402
from tasks import TASKS, build, customers_task  # noqa: E402

REPO = HERE.parents[1]
RUNNERS = {"sameas": "sameas_runner.py", "splink": "splink_runner.py",
           "recordlinkage": "recordlinkage_runner.py", "dedupe": "dedupe_runner.py"}
NEEDS_PEERS_PYTHON = {"recordlinkage", "dedupe"}


def run_tool(tool: str, job_path: Path, out: Path, python: str, timeout: float) -> dict:
    """Runs one runner in its own process group; wall seconds, peak memory, or why it stopped."""
    out.mkdir(parents=True, exist_ok=True)
    log = open(out / "log.txt", "w", encoding="utf-8")
    start = time.perf_counter()
    process = subprocess.Popen([python, str(HERE / RUNNERS[tool]), str(job_path), str(out)],
                               stdout=log, stderr=subprocess.STDOUT, cwd=HERE, start_new_session=True)
    deadline = start + timeout
    status = rusage = None
    while True:
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            log.close()
            return {"status": f"did not finish in {timeout:g} s", "wall": timeout}
        time.sleep(0.05)
    wall = time.perf_counter() - start
    log.close()
    result = {"wall": wall, "peak_mib": rusage.ru_maxrss / 1024}
    if os.waitstatus_to_exitcode(status) != 0:
        tail = (out / "log.txt").read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        result["status"] = "failed: " + " / ".join(tail)
        return result
    result["status"] = "ok"
    result.update(json.loads((out / "meta.json").read_text(encoding="utf-8")))
    return result


def score(result: dict, out: Path, scorer: Scorer) -> None:
    pairs = pd.read_parquet(out / "pairs.parquet")
    clusters = pd.read_parquet(out / "clusters.parquet")
    result["at_threshold"] = scorer.clusters(clusters)
    result["best_threshold"], result["best"] = scorer.best(pairs)
    result["pairs_kept"] = len(pairs)
    result["pairs_recall"] = scorer.blocking_recall(pairs)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{model or platform.processor()}, {os.cpu_count()} cores{memory}, "
            f"load average {os.getloadavg()[0]:.1f} at the start")


def versions(python: str | None) -> dict:
    found = {}
    for module in ("sameas", "splink", "duckdb"):
        try:
            found[module] = __import__(module).__version__
        except (ImportError, AttributeError):
            pass
    if python:
        code = ("import json, importlib.metadata as m\n"
                "print(json.dumps({p: m.version(p) for p in ('recordlinkage', 'dedupe')}))")
        try:
            found.update(json.loads(subprocess.run([python, "-c", code], capture_output=True,
                                                   text=True, check=True).stdout))
        except (subprocess.CalledProcessError, OSError, json.JSONDecodeError):
            pass
    return found


def markdown(results: list[dict]) -> str:
    lines = ["| data | tool | P @0.9 | R @0.9 | F1 @0.9 | best F1 (threshold) | true pairs kept | "
             "seconds | × sameas | wall s | peak MiB |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    by_task: dict[str, float] = {}
    for r in results:
        if r["tool"] == "sameas" and r["status"] == "ok":
            by_task[r["task"]] = r["seconds"]
    for r in results:
        if r["status"] != "ok":
            lines.append(f"| {r['task']} | {r['tool']} | {r['status']} | | | | | | | | |")
            continue
        a = r["at_threshold"]
        ratio = r["seconds"] / by_task[r["task"]] if r["task"] in by_task else float("nan")
        lines.append(
            f"| {r['task']} | {r['tool']} | {a['precision']:.4f} | {a['recall']:.4f} | {a['f1']:.4f} | "
            f"{r['best']['f1']:.4f} ({r['best_threshold']:g}) | {r['pairs_recall']:.4f} | "
            f"{r['seconds']:.2f} | {ratio:.2f} | {r['wall']:.1f} | {r['peak_mib']:,.0f} |")
    chosen = [r for r in results if r["tool"] == "sameas" and r["status"] == "ok"]
    if chosen:
        lines += ["", "Settings sameas chose (comparisons: levels between null and else; blocking rules):", ""]
        for r in chosen:
            c = r["configuration"]
            comparisons = "; ".join(f"{name} ({', '.join(levels[1:-1])})" for name, levels in c["comparisons"].items())
            lines.append(f"- {r['task']}: {comparisons}. Blocking: {', '.join(c['blocking_rules'])} "
                         f"({c['candidate_pairs']:,} candidate pairs).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=None, help="comma-separated; default: all five accuracy tasks")
    parser.add_argument("--customers", default="", help="comma-separated row counts of generated customers")
    parser.add_argument("--tools", default="sameas,splink,recordlinkage,dedupe")
    parser.add_argument("--only", default="", help="task=tool,tool;task=tool: limit the tools of a task")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per tool and task")
    parser.add_argument("--shared-data", type=Path,
                        default=Path(os.environ.get("SAMEAS_SHARED_DATA_DIR", REPO.parent / "shared" / "data")))
    parser.add_argument("--work", type=Path, default=REPO / "build" / "peers")
    parser.add_argument("--python", default=sys.executable, help="interpreter for sameas and Splink")
    parser.add_argument("--peers-python", default=str(REPO / ".venv-peers" / "bin" / "python"),
                        help="interpreter with recordlinkage and dedupe (pandas 2)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()

    names = args.tasks.split(",") if args.tasks else ([] if args.customers else list(TASKS))
    tasks = [TASKS[n] for n in names]
    tasks += [customers_task(int(n)) for n in args.customers.split(",") if n]
    tools = args.tools.split(",")
    only = {}
    for item in filter(None, args.only.split(";")):
        task, chosen = item.split("=")
        only[task] = chosen.split(",")
    peers_python = os.path.abspath(args.peers_python) if Path(args.peers_python).exists() else None

    print(f"machine: {machine()}", file=sys.stderr)
    results = []
    for task in tasks:
        folder = args.work / "data" / task.name
        job = build(task, args.shared_data, folder)
        job_path = folder / "job.json"
        job.save(job_path)
        scorer = Scorer(pd.read_csv(job.truth, dtype=str))
        for tool in only.get(task.name, tools):
            python = args.python
            if tool in NEEDS_PEERS_PYTHON:
                if peers_python is None:
                    results.append({"task": task.name, "tool": tool,
                                    "status": f"not run: no {args.peers_python} (SAMEAS_PEERS_VENV=1 scripts/setup.sh makes it)"})
                    continue
                python = peers_python
            out = args.work / "out" / task.name / tool
            print(f"[peers] {task.name}: {tool} ...", file=sys.stderr, flush=True)
            result = {"task": task.name, "tool": tool, **run_tool(tool, job_path, out, python, args.timeout)}
            if result["status"] == "ok":
                score(result, out, scorer)
                a = result["at_threshold"]
                print(f"[peers] {task.name}: {tool} F1 {a['f1']:.4f} at 0.9, best {result['best']['f1']:.4f} "
                      f"at {result['best_threshold']:g}, {result['seconds']:.2f} s", file=sys.stderr, flush=True)
            else:
                print(f"[peers] {task.name}: {tool} {result['status']}", file=sys.stderr, flush=True)
            results.append(result)
    report = {"machine": machine(), "versions": versions(peers_python), "results": results,
              "command": " ".join(sys.argv)}
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    if args.markdown:
        print(markdown(results))
    else:
        for r in results:
            print(json.dumps({k: v for k, v in r.items() if k not in ("configuration",)}, default=str))


if __name__ == "__main__":
    main()
