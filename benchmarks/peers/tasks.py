"""The data sets, written once as the CSV files every tool reads, with their truth.

Every table gets the id column ``unique_id`` (unique across the tables of a task) and keeps
the columns a user would link on; the truth columns (FEBRL's person number, Splink's
``cluster`` and ``group``, pseudopeople's ``simulant_id``, the generator's ``person_id``) go to
``truth.csv`` instead, so that no tool can see them.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from common import ID, Job

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


@dataclass
class Task:
    name: str
    kind: str       # which hand-written peer configuration applies: febrl, fake, pseudopeople, customers
    link_type: str  # dedupe, link_only, link_and_dedupe
    command: str    # the sameas command: dedupe or link


TASKS = {
    "febrl3": Task("febrl3", "febrl", "dedupe", "dedupe"),
    "febrl4": Task("febrl4", "febrl", "link_only", "link"),
    "fake_1000": Task("fake_1000", "fake", "dedupe", "dedupe"),
    "fake_20000": Task("fake_20000", "fake", "dedupe", "dedupe"),
    "pseudopeople": Task("pseudopeople", "pseudopeople", "link_and_dedupe", "link"),
}


def customers_task(rows: int) -> Task:
    label = f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else f"{rows // 1000}k"
    return Task(f"customers_{label}", "customers", "dedupe", "dedupe")


def _febrl(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, skipinitialspace=True, keep_default_na=False)
    frame.columns = [c.strip() for c in frame.columns]
    frame = frame.apply(lambda c: c.str.strip())
    return frame.rename(columns={"rec_id": ID})


def _febrl_truth(frames) -> pd.DataFrame:
    ids = pd.concat([f[ID] for f in frames], ignore_index=True)
    return pd.DataFrame({ID: ids, "entity": ids.str.extract(r"rec-(\d+)-", expand=False)})


def _pseudopeople(shared: Path):
    census = pd.read_parquet(shared / "pseudopeople" / "decennial_census.parquet")
    ssa = pd.read_parquet(shared / "pseudopeople" / "social_security.parquet")

    def common(frame: pd.DataFrame, prefix: str, middle: pd.Series) -> pd.DataFrame:
        return pd.DataFrame({
            ID: [f"{prefix}-{i}" for i in range(len(frame))],
            "first_name": frame["first_name"].astype(str).to_numpy(),
            "middle_initial": middle.astype(str).str[:1].to_numpy(),
            "last_name": frame["last_name"].astype(str).to_numpy(),
            "date_of_birth": frame["date_of_birth"].dt.strftime("%Y-%m-%d").to_numpy(),
            "sex": frame["sex"].astype(str).to_numpy(),
        })

    tables = [common(census, "census", census["middle_initial"]),
              common(ssa, "ssa", ssa["middle_name"])]
    truth = pd.DataFrame({
        ID: pd.concat([t[ID] for t in tables], ignore_index=True),
        "entity": pd.concat([census["simulant_id"].astype(str), ssa["simulant_id"].astype(str)],
                            ignore_index=True),
    })
    return tables, truth


def build(task: Task, shared: Path, folder: Path, seed: int = 42) -> Job:
    """Writes the task's tables and truth to ``folder`` (once) and returns the job."""
    folder.mkdir(parents=True, exist_ok=True)
    truth_path = folder / "truth.csv"
    if task.kind == "customers":
        names = [f"{task.name}.csv"]
    elif task.name == "febrl4":
        names = ["febrl4a.csv", "febrl4b.csv"]
    elif task.name == "pseudopeople":
        names = ["census.csv", "social_security.csv"]
    else:
        names = [f"{task.name}.csv"]
    paths = [folder / n for n in names]
    if not truth_path.exists() or not all(p.exists() for p in paths):
        tables, truth = _make(task, shared, folder)
        for table, path in zip(tables, paths):
            table.to_csv(path, index=False)
        truth.to_csv(truth_path, index=False)
    return Job(task=task.name, kind=task.kind, link_type=task.link_type,
               inputs=[str(p) for p in paths], truth=str(truth_path), seed=seed,
               extra={"command": task.command})


def _make(task: Task, shared: Path, folder: Path):
    if task.name == "febrl3":
        frame = _febrl(shared / "febrl" / "dataset3.csv")
        return [frame], _febrl_truth([frame])
    if task.name == "febrl4":
        frames = [_febrl(shared / "febrl" / f"dataset4{s}.csv") for s in "ab"]
        return frames, _febrl_truth(frames)
    if task.kind == "fake":
        frame = pd.read_csv(shared / "splink" / f"{task.name}.csv", dtype=str, keep_default_na=False)
        label = "cluster" if "cluster" in frame.columns else "group"
        truth = pd.DataFrame({ID: frame["unique_id"], "entity": frame[label]})
        return [frame.drop(columns=[label])], truth
    if task.name == "pseudopeople":
        return _pseudopeople(shared)
    if task.kind == "customers":
        rows = int(task.name.split("_")[1].replace("k", "000").replace("m", "000000"))
        raw = folder / f"raw_{task.name}.csv"
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_customers.py"),
                        "--rows", str(rows), "--out", str(raw)], check=True)
        frame = pd.read_csv(raw, dtype=str, keep_default_na=False)
        truth = pd.read_csv(raw.with_name(raw.stem + "_truth.csv"), dtype=str)
        frame = frame.rename(columns={"id": ID})
        truth = truth.rename(columns={"id": ID, "person_id": "entity"})
        raw.unlink()
        raw.with_name(raw.stem + "_truth.csv").unlink()
        return [frame], truth[[ID, "entity"]]
    raise ValueError(f"unknown task {task.name}")
