"""sameas as users run it: ``sameas dedupe|link`` with automatic settings and unsupervised
training, nothing else but the floor of pairs written (``--pairs-floor``, so that it writes
the same pairs a Splink user keeps with ``predict(threshold_match_probability=...)``).

    python sameas_runner.py JOB_JSON OUT_DIR

The command runs in this interpreter (``python -m sameas.cli``; PYTHONPATH chooses the
package). ``seconds`` is the sum of the command's own stage times (read to write); the
settings it chose are kept in ``meta.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from common import ID, Job, write_result


def describe(settings: dict) -> dict:
    """The chosen settings in short: comparisons with their levels, blocking rules."""
    def level(spec: dict) -> str:
        kind = spec.get("kind") or spec.get("type") or "?"
        for key in ("threshold", "max_distance", "days"):
            if key in spec:
                return f"{kind}({spec[key]:g})"
        return kind

    def rule(spec) -> str:
        if isinstance(spec, str):
            return spec
        parts = spec.get("parts", spec) if isinstance(spec, dict) else spec
        out = []
        for p in parts:
            t = p.get("transform", "exact")
            out.append(p["column"] if t == "exact" else f"{t}({p['column']})")
        return " & ".join(out)

    return {
        "comparisons": {c.get("name", c.get("column")): [level(l) for l in c.get("levels", [])]
                        for c in settings.get("comparisons", [])},
        "blocking_rules": [rule(r) for r in settings.get("blocking_rules", [])],
        "threshold": settings.get("threshold"),
    }


def main() -> None:
    job = Job.load(sys.argv[1])
    out = Path(sys.argv[2])
    run_dir = out / "sameas_output"
    command = [sys.executable, "-m", "sameas.cli", job.extra.get("command", "dedupe"), *job.inputs,
               "--output", str(run_dir), "--pairs-floor", str(job.floor), "--quiet"]
    if job.link_type == "link_only":
        command.append("--link-only")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"sameas failed ({done.returncode}): {done.stderr.strip()}")
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    settings = json.loads((run_dir / "settings.json").read_text(encoding="utf-8"))
    pairs = pd.read_csv(run_dir / "pairs.csv", usecols=["record_id_l", "record_id_r", "match_probability"],
                        dtype={"record_id_l": str, "record_id_r": str})
    pairs = pairs.rename(columns={"record_id_l": "id_l", "record_id_r": "id_r"})
    clusters = pd.read_csv(run_dir / "clusters.csv", dtype=str).rename(columns={"record_id": ID})
    stages = summary["seconds"]
    configuration = describe(settings)
    configuration["candidate_pairs"] = summary["candidate_pairs"]
    write_result(out, pairs, clusters, sum(stages.values()), configuration, stages,
                 notes=" ".join(command[2:3] + ["--pairs-floor", str(job.floor)]
                                + (["--link-only"] if job.link_type == "link_only" else [])))


if __name__ == "__main__":
    main()
