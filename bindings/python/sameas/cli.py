"""The ``sameas`` command: ``sameas dedupe INPUT --output DIR`` and
``sameas link LEFT RIGHT --output DIR``."""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ._tables import read_tables, write_csv
from . import report
from .linker import Linker, set_threads, threads


def peak_memory_mib() -> float:
    """The process's peak resident memory so far (getrusage ru_maxrss), in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Progress:
    """Stage lines on stderr, with the seconds each stage took and the peak memory after it."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.seconds: dict[str, float] = {}
        self.peak_mib: dict[str, float] = {}

    def run(self, stage: str, what: str, fn):
        if not self.quiet:
            print(f"[sameas] {what} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed
        self.peak_mib[stage] = peak_memory_mib()
        if not self.quiet:
            print(f"[sameas] {what}: done in {elapsed:.2f} s", file=sys.stderr, flush=True)
        return result

    def split(self, stage: str, parts: dict[str, float]) -> None:
        """Replaces `stage` by `parts` (their seconds measured inside it), the rest of the
        stage's time going to its last part."""
        total = self.seconds.pop(stage)
        peak = self.peak_mib.pop(stage)
        names = list(parts)
        rest = total - sum(parts[n] for n in names[:-1])
        for name in names:
            self.seconds[name] = self.seconds.get(name, 0.0) + (
                parts[name] if name != names[-1] else max(rest, 0.0))
            self.peak_mib[name] = max(self.peak_mib.get(name, 0.0), peak)

    def report(self) -> None:
        """The table of seconds and peak memory per stage, on stderr."""
        if self.quiet:
            return
        print("[sameas] stage       seconds   peak MiB", file=sys.stderr)
        for stage, seconds in self.seconds.items():
            print(f"[sameas] {stage:<10} {seconds:>8.2f} {self.peak_mib.get(stage, 0):>10.0f}",
                  file=sys.stderr)
        print(f"[sameas] {'total':<10} {sum(self.seconds.values()):>8.2f} {peak_memory_mib():>10.0f}",
              file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sameas",
        description="Find the records that describe the same person.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--output", "-o", required=True, help="folder for clusters.csv, pairs.csv, model.json, settings.json")
        p.add_argument("--settings", help="settings JSON file; chosen from the data when absent")
        p.add_argument("--model", help="a model.json to use instead of training")
        p.add_argument("--id-column", help="the column with each record's id (found when the name is obvious)")
        p.add_argument("--threshold", type=float, help="match probability at or above which a pair is a link")
        p.add_argument("--pairs-floor", type=float, default=0.0,
                       help="keep and write to pairs.csv only pairs with at least this probability "
                            "(default: all); pairs below both it and the threshold are dropped as "
                            "they are scored and never held in memory")
        p.add_argument("--threads", type=int, default=0,
                       help="threads for every stage (default 0: one per core); the output does "
                            "not depend on it")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
        g = p.add_argument_group("clustering and profiles")
        g.add_argument("--unique-per", action="append", default=None, metavar="COLUMN",
                       help="no entity holds two records sharing a value of this input column "
                            "(e.g. platform: one account per platform); repeatable. Default: the "
                            "settings' unique_per, which the automatic settings fill with a "
                            "platform column they recognise")
        g.add_argument("--no-unique-per", action="store_true",
                       help="cluster without the settings' unique_per (a person may then hold "
                            "two accounts on one platform)")
        g.add_argument("--duplicate-free", action="append", default=[], metavar="SOURCE",
                       help="this source (its name or file) holds each person at most once; repeatable")
        g.add_argument("--split-below", type=float, metavar="P",
                       help="split clusters at bridges (links whose removal disconnects them) "
                            "with probability below P")
        g.add_argument("--min-average-link", type=float, metavar="P",
                       help="split clusters whose links average below P at their weakest links")
        g.add_argument("--previous", metavar="CLUSTERS_CSV",
                       help="clusters.csv of an earlier run: entities keep their ids")
        g.add_argument("--profile-rules", metavar="JSON",
                       help="survivorship rules for profiles.csv (default: from column roles; "
                            "the rules used are saved to profile_rules.json)")
        report.add_arguments(p)

    dedupe = sub.add_parser("dedupe", help="find duplicates within one table")
    dedupe.add_argument("input", help="CSV or Parquet file")
    common(dedupe)
    link = sub.add_parser("link", help="link two tables and deduplicate each")
    link.add_argument("left", help="CSV or Parquet file")
    link.add_argument("right", help="CSV or Parquet file")
    link.add_argument("--link-only", action="store_true", help="only pairs across the two tables")
    common(link)
    return parser


def run(args: argparse.Namespace) -> dict:
    report.check_arguments(args)
    if args.threads < 0:
        raise ValueError(f"--threads: {args.threads} is not 0 (all cores) or more")
    if not 0 <= args.pairs_floor <= 1:
        raise ValueError(f"--pairs-floor: {args.pairs_floor} is not a probability in [0, 1]")
    set_threads(args.threads)
    progress = Progress(args.quiet)
    out = Path(args.output)
    inputs = [args.input] if args.command == "dedupe" else [args.left, args.right]
    tables = progress.run("read", "reading " + ", ".join(inputs), lambda: read_tables(inputs))
    records_in = sum(t.num_rows for t in tables)
    if args.command == "dedupe":
        link_type = "dedupe"
    else:
        link_type = "link_only" if args.link_only else "link_and_dedupe"

    settings = None
    if args.settings:
        path = Path(args.settings)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such settings file")
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not valid JSON: {error}") from None
    elif args.model:
        model_path = Path(args.model)
        if not model_path.exists():
            raise FileNotFoundError(f"{model_path}: no such model file")
        settings = json.loads(model_path.read_text(encoding="utf-8")).get("settings")
    if settings is not None and isinstance(settings, dict):
        settings = dict(settings)
        settings.setdefault("link_type", link_type)
        if args.command == "link" and settings["link_type"] == "dedupe":
            settings["link_type"] = link_type
        if args.id_column:
            settings["id_column"] = args.id_column
    linker = progress.run(
        "prepare",
        "preparing records" if settings is not None else "choosing settings and preparing records",
        lambda: Linker(tables, settings, link_type=link_type if settings is None else None,
                       id_column=args.id_column if settings is None else None,
                       settings_origin=args.settings or args.model),
    )
    if args.threshold is not None:
        if not 0 <= args.threshold <= 1:
            raise ValueError(f"--threshold: {args.threshold} is not a probability in [0, 1]")
    threshold = args.threshold if args.threshold is not None else float(linker.settings["threshold"])

    out.mkdir(parents=True, exist_ok=True)
    settings_text = json.dumps(linker.settings, indent=2, ensure_ascii=False)
    (out / "settings.json").write_text(settings_text + "\n", encoding="utf-8")
    if settings is None and not args.quiet:
        print("[sameas] settings chosen from the data (saved to "
              f"{out / 'settings.json'}; edit and pass --settings to re-run):", file=sys.stderr)
        print(settings_text, file=sys.stderr)
    if args.blocking_only:
        return report.blocking_only(linker, args, out, progress, records_in)

    counts = progress.run("block", "counting the pairs of each blocking rule", linker.count_pairs)
    if not args.quiet:
        for rule in counts.to_dict("records"):
            for key, size in rule["oversized"]:
                print(f"[sameas] rule '{rule['rule']}': block {key} holds {size:,} records, more "
                      f"than max_block_size; paired by a sorted-neighbourhood window",
                      file=sys.stderr)
    if args.model:
        progress.run("train", f"loading model {args.model}",
                     lambda: linker.load_model(args.model, tf_key=args.tf_key))
    else:
        progress.run("train", report.training_description(args), lambda: report.train(linker, args))
    linker.save_model(out / "model.json", tf_key=args.tf_key)
    if not args.quiet:
        for line in linker.model.get("training_log", []):
            print(f"[sameas]   {line}", file=sys.stderr)

    # Clustering needs every pair at or above the threshold, pairs.csv those at or above the
    # floor: pairs below both are dropped as they are scored.
    keep_floor = min(args.pairs_floor, threshold)
    pairs = progress.run("score", "blocking, comparing and scoring pairs",
                         lambda: linker.predict(threshold=keep_floor if keep_floor > 0 else None))
    progress.split("score", {"block": pairs.attrs["seconds"]["block"], "score": 0.0})
    candidate_pairs = int(pairs.attrs["candidate_pairs"])
    sources = {Path(path).resolve(): t.source for path, t in zip(inputs, tables)}
    duplicate_free = [sources.get(Path(s).resolve(), s) for s in args.duplicate_free]
    # One account per platform (the settings' unique_per) unless told otherwise.
    if args.unique_per is None:
        args.unique_per = [] if args.no_unique_per else list(linker.settings.get("unique_per", []))
    clustering = progress.run(
        "cluster", f"clustering links at probability >= {threshold:g}",
        lambda: linker.clustering(pairs, threshold, unique_per=args.unique_per,
                                  duplicate_free=duplicate_free, split_below=args.split_below,
                                  min_average_link=args.min_average_link, previous=args.previous))
    clusters = clustering.clusters
    rules = linker.profile_rules(args.profile_rules, per=args.unique_per)
    # Profiles are built and written in C++ a few thousand clusters at a time, never held.
    profiles = progress.run("merge", "building and writing profiles",
                            lambda: linker.write_profiles(clusters, out / "profiles.csv", rules))

    def write():
        linker.write_clusters(clusters, out / "clusters.csv")
        written = pairs
        if args.pairs_floor > keep_floor:
            keep = pairs["match_probability"].to_numpy() >= args.pairs_floor
            written = pairs[keep].reset_index(drop=True)
            written.attrs["left_index"] = pairs.attrs["left_index"][keep]
            written.attrs["right_index"] = pairs.attrs["right_index"][keep]
        linker.write_pairs(written, out / "pairs.csv")
        write_csv(clustering.refused_links, out / "refused_links.csv")
        write_csv(clustering.quality, out / "cluster_quality.csv")
        (out / "profile_rules.json").write_text(json.dumps(rules, indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
        if args.previous:
            clustering.changes.to_csv(out / "entity_changes.csv", index=False)

    progress.run("write", f"writing {out}", write)
    sizes = clusters.groupby("cluster_id").size()
    summary = {
        "records_read": int(records_in),
        "records_per_source": {t.source: int(t.num_rows) for t in tables},
        "candidate_pairs": candidate_pairs,
        "pairs_kept": int(len(pairs)),
        "pairs_written": int((pairs["match_probability"].to_numpy() >= args.pairs_floor).sum()),
        "pairs_per_rule": {r["rule"]: int(r["pairs"]) for r in counts.to_dict("records")},
        "links": int((pairs["match_probability"].to_numpy() >= threshold).sum()),
        "entities": int(len(sizes)),
        "entities_with_several_records": int((sizes > 1).sum()),
        "records_in_clusters_csv": int(len(clusters)),
        "threshold": threshold,
        "pairs_floor": args.pairs_floor,
        "clustering": {
            "unique_per": list(args.unique_per),
            "duplicate_free": duplicate_free,
            "split_below": args.split_below,
            "min_average_link": args.min_average_link,
            **clustering.summary,
        },
        "profiles": int(profiles),
        # The prior and how training found it: the deterministic rules' pairs and their
        # recall (given, measured in the training pairs, from the model, or assumed).
        "prior": linker.model.get("prior"),
        "prior_from": next((line for line in linker.model.get("training_log", [])
                            if line.startswith("prior ")), ""),
        "prepare": linker.prepare_counts,
        "seconds": {k: round(v, 3) for k, v in progress.seconds.items()},
        "peak_memory_mib": {k: round(v, 1) for k, v in progress.peak_mib.items()},
        "peak_memory_mib_total": round(peak_memory_mib(), 1),
        "threads": threads(),
        "oversized_blocks": [
            {"rule": r["rule"], "key": key, "size": int(size)}
            for r in counts.to_dict("records") for key, size in r["oversized"]],
        "output": str(out),
    }
    if summary["records_in_clusters_csv"] != records_in:  # never drop a record silently
        raise RuntimeError(f"{records_in} records read but {len(clusters)} written to clusters.csv")
    summary.update(report.write_outputs(linker, args, pairs, clusters, threshold, summary, out, progress))
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    progress.report()
    return summary


def print_summary(summary: dict) -> None:
    per_source = ", ".join(f"{k} {v}" for k, v in summary["records_per_source"].items())
    print(f"records read        {summary['records_read']:>10,}   ({per_source})")
    print(f"candidate pairs     {summary['candidate_pairs']:>10,}")
    for rule, n in summary["pairs_per_rule"].items():
        print(f"  rule {rule:<40} {n:>10,} pairs (before removing pairs of earlier rules)")
    if summary.get("prior_from"):
        print(f"prior               {summary['prior_from']}")
    print(f"links (p >= {summary['threshold']:g})  {summary['links']:>10,}")
    print(f"entities            {summary['entities']:>10,}   ({summary['entities_with_several_records']:,} with two or more records)")
    clustering = summary.get("clustering", {})
    if clustering:
        print(f"refused links       {clustering['refused_links']:>10,}   (would break a constraint; refused_links.csv)")
        if clustering["bridges_removed"] or clustering["low_average_splits"]:
            print(f"split               {clustering['bridges_removed']:>10,} weak bridges, "
                  f"{clustering['low_average_splits']:,} low-average clusters")
        if "entities_kept" in clustering:
            print(f"entity ids          {clustering['entities_kept']:>10,} kept, {clustering['entities_new']:,} new, "
                  f"{clustering['entities_merged']:,} merged, {clustering['entities_split']:,} split, "
                  f"{clustering['entities_retired']:,} retired (entity_changes.csv)")
    print("seconds per stage   " + ", ".join(f"{k} {v:.2f}" for k, v in summary["seconds"].items()))
    evaluation = summary.get("evaluation")
    if evaluation:
        at, best = evaluation["at_threshold"], evaluation["best"]
        print(f"accuracy (pairs)    precision {at['precision']:.4f}, recall {at['recall']:.4f}, "
              f"F1 {at['f1']:.4f} at p >= {at['threshold']:g}"
              + (f"; best F1 {best['f1']:.4f} at p >= {best['match_probability']:.4g}" if best
                 else "; no pair scored"))
        print(f"blocking recall     {evaluation['blocking_recall']:>10.4f}   "
              f"({evaluation['true_pairs_blocked']:,} of {evaluation['true_pairs']:,} true pairs)")
        if "cluster_pairwise" in evaluation:
            print(f"accuracy (clusters) pairwise F1 {evaluation['cluster_pairwise']['f1']:.4f}, "
                  f"B-cubed F1 {evaluation['cluster_bcubed']['f1']:.4f} (evaluation.json, thresholds.csv)")
    if summary.get("report"):
        print(f"report              {summary['report']}")
    if summary.get("charts"):
        print(f"charts              {summary['charts']}/ (PNG and SVG)")
    print(f"output              {summary['output']}/ (clusters.csv, pairs.csv, profiles.csv, cluster_quality.csv, refused_links.csv, model.json, settings.json, summary.json)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        summary = run(args)
    except (ValueError, FileNotFoundError, KeyError, RuntimeError, OSError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"sameas: error: {message}", file=sys.stderr)
        return 2
    if "blocking_only" in summary:
        report.print_blocking(summary)
    else:
        print_summary(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
