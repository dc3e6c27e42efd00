"""What the command line adds to a run for an analyst: training from labels, hashed
term-frequency keys, evaluation against a truth column, charts as PNG and SVG, and
``report.html``, one self-contained page (images embedded, no external CSS or script) with
the settings, the model, the summary, the blocking analysis, the weight distribution, the
cluster sizes, the doubtful pairs near the threshold and, with a truth, the accuracy.

The command line calls :func:`add_arguments`, :func:`train`, and at the end of a run
:func:`write_outputs`; a notebook can call :func:`write_report` directly:

>>> import pathlib, tempfile, sameas
>>> tables = sameas.datasets.load_sample()
>>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
>>> pairs = linker.predict()
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> page = write_report(folder / "report.html", linker, pairs, linker.cluster(pairs), threshold=0.9)
>>> "Doubtful pairs near the threshold" in page.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import io
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .evaluation import BlockingAnalysis, Evaluation
    from .linker import Linker

DOUBTFUL_PAIRS = 6  # on each side of the threshold


# -- command-line options -----------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The training, evaluation and report options of ``sameas dedupe|link``."""
    t = parser.add_argument_group("training from labels and sharing the model")
    t.add_argument("--labels", metavar="PAIRS_CSV",
                   help="train from labelled pairs (record_id_l, record_id_r, [source_l, source_r,] "
                        "match or clerical_match_score) instead of EM")
    t.add_argument("--label-column", metavar="COLUMN",
                   help="train from a cluster-id column of the input (records sharing a value are "
                        "one person; empty is unknown) instead of EM")
    t.add_argument("--supervised", choices=["count", "logistic"], default=None,
                   help="with labels: 'count' sets m from the labelled matches (default), "
                        "'logistic' fits a logistic regression whose coefficients are the weights")
    t.add_argument("--tf-key", metavar="SECRET",
                   help="write term-frequency values in model.json as keyed hashes (SipHash-2-4) "
                        "under this secret, and read a --model hashed with it")
    r = parser.add_argument_group("evaluation, charts and report")
    r.add_argument("--truth", metavar="COLUMN",
                   help="a ground-truth cluster column of the input: writes evaluation.json and "
                        "thresholds.csv (precision, recall, F1 at every threshold)")
    r.add_argument("--truth-pairs", metavar="PAIRS_CSV",
                   help="labelled pairs (as for --labels) to evaluate against instead of a column: "
                        "evaluation.json and thresholds.csv, without cluster scores")
    r.add_argument("--report", action="store_true",
                   help="write report.html: settings, model, blocking, weights, clusters, doubtful "
                        "pairs (and accuracy with --truth), one file that works offline")
    r.add_argument("--charts", metavar="DIR",
                   help="write each chart to DIR as PNG and SVG")
    r.add_argument("--blocking-only", action="store_true",
                   help="stop after counting what blocking will generate (no pair is made): "
                        "blocking.csv, largest_blocks.csv, settings.json; with --truth, the "
                        "blocking recall of each rule so far")


def check_arguments(args: argparse.Namespace) -> None:
    """Refuses combinations that cannot mean anything, before any work."""
    if args.labels and args.label_column:
        raise ValueError("--labels and --label-column: give one of them")
    if args.supervised and not (args.labels or args.label_column):
        raise ValueError("--supervised needs labels: --labels PAIRS_CSV or --label-column COLUMN")
    if args.model and (args.labels or args.label_column):
        raise ValueError("--model and labels: a loaded model is not trained again; give one of them")
    if args.truth and args.truth_pairs:
        raise ValueError("--truth and --truth-pairs: give one of them")
    for path in (args.labels, args.truth_pairs):
        if path and not Path(path).exists():
            raise FileNotFoundError(f"{path}: no such labels file")


def training_description(args: argparse.Namespace) -> str:
    if args.labels or args.label_column:
        what = f"labelled pairs {args.labels}" if args.labels else f"cluster column '{args.label_column}'"
        how = "logistic regression" if args.supervised == "logistic" else "m counted among labelled matches"
        return f"training from {what} ({how}, u by sampling)"
    return "training (u by sampling, m by EM, prior from deterministic rules)"


def train(linker: "Linker", args: argparse.Namespace) -> None:
    """Trains as the options say: from labels, or by EM."""
    method = args.supervised or "count"
    if args.labels:
        linker.train_from_labels(Path(args.labels), method=method)
    elif args.label_column:
        linker.train_from_labels(str(args.label_column), method=method)
    else:
        linker.train()


# -- figures to files and to HTML ---------------------------------------------------------


def _png(fig: "Figure", dpi: int = 100) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _img(fig: "Figure", alt: str) -> str:
    data = base64.b64encode(_png(fig)).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _table(frame: pd.DataFrame, floats: str = "{:.4g}") -> str:
    def cell(v: Any) -> str:
        if isinstance(v, (float, np.floating)):
            return html.escape(floats.format(v)) if np.isfinite(v) else html.escape(str(v))
        if isinstance(v, (int, np.integer)):
            return f"{int(v):,}"
        return html.escape("" if v is None else str(v))

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _pairs_table(items: list[tuple[str, Any]]) -> str:
    return _table(pd.DataFrame(items, columns=["", "value"]))


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 1150px; color: #222; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-bottom: .3em; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: .88em; }
th, td { border: 1px solid #ddd; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td:not(:first-child) { font-variant-numeric: tabular-nums; }
img { max-width: 100%; height: auto; display: block; margin: .5em 0; }
pre { background: #f7f7f7; padding: .8em; overflow-x: auto; font-size: .82em; }
.pair { border: 1px solid #ccc; border-radius: 4px; padding: .6em 1em; margin: 1em 0; }
.above { border-left: 5px solid #2b7bba; } .below { border-left: 5px solid #8c8c8c; }
.note { color: #555; font-size: .9em; } .differ { background: #fff3cd; }
nav a { margin-right: 1em; }
"""


# -- the report ---------------------------------------------------------------------------


def doubtful_pairs(predictions: pd.DataFrame, threshold: float, per_side: int = DOUBTFUL_PAIRS,
                   linker: "Linker | None" = None) -> pd.DataFrame:
    """The pairs nearest the threshold: up to ``per_side`` just at or above it (links the
    model barely made) and just below (links it barely refused), nearest first. With the
    ``linker``, also each pair's record indices (``left_index``, ``right_index``)."""
    p = predictions["match_probability"].to_numpy()
    w = predictions["match_weight"].to_numpy()
    above = np.flatnonzero(p >= threshold)
    below = np.flatnonzero(p < threshold)
    above = above[np.argsort(w[above], kind="stable")[:per_side]]
    below = below[np.argsort(-w[below], kind="stable")[:per_side]]
    chosen_rows = np.r_[above, below]
    chosen = predictions.iloc[chosen_rows].copy()
    chosen.attrs = {}
    chosen["side"] = ["link"] * len(above) + ["no link"] * len(below)
    if linker is not None:
        from .clustering import pair_indices

        left, right = pair_indices(linker, predictions)
        chosen["left_index"] = left[chosen_rows]
        chosen["right_index"] = right[chosen_rows]
    return chosen.reset_index(drop=True)


def _record(linker: "Linker", index: int, rows: np.ndarray, sources: np.ndarray) -> dict:
    """Record `index` as read, from its table (`rows`, `sources`: the core's per-record
    row and source, fetched once per report)."""
    return linker._tables[int(sources[index])].row(int(rows[index]))


def _compared(settings: dict, source: str, row: dict) -> tuple[dict, list[str]]:
    """A record's value of each settings column (its input columns in this source, joined)
    and the input columns the settings do not read."""
    values, used = {}, set()
    for column in settings.get("columns", []):
        inputs = column.get("inputs", {}).get(source, [column["name"]])
        used.update(inputs)
        values[column["name"]] = " ".join(str(row[c]) for c in inputs if row.get(c))
    return values, [c for c in row if c not in used]


def _pair_html(linker: "Linker", pair: pd.Series, settings: dict, rows: np.ndarray,
               sources: np.ndarray) -> str:
    index_l, index_r = int(pair["left_index"]), int(pair["right_index"])
    left = _record(linker, index_l, rows, sources)
    right = _record(linker, index_r, rows, sources)
    compared_l, rest_l = _compared(settings, pair["source_l"], left)
    compared_r, rest_r = _compared(settings, pair["source_r"], right)
    rows = []
    for name in compared_l:
        a, b = compared_l[name], compared_r[name]
        differ = ' class="differ"' if a.casefold() != b.casefold() else ""
        rows.append(f"<tr{differ}><th>{html.escape(name)}</th><td>{html.escape(a)}</td>"
                    f"<td>{html.escape(b)}</td></tr>")

    def others(row: dict, columns: list[str]) -> str:
        return "<br>".join(f"{html.escape(c)}: {html.escape(row[c])}" for c in columns if row.get(c))

    rows.append(f'<tr class="note"><th>other columns</th><td>{others(left, rest_l)}</td>'
                f"<td>{others(right, rest_r)}</td></tr>")
    side_l = html.escape(f"{pair['source_l']}:{pair['record_id_l']}")
    side_r = html.escape(f"{pair['source_r']}:{pair['record_id_r']}")
    records = (f"<table><thead><tr><th>column</th><th>{side_l}</th><th>{side_r}</th></tr></thead>"
               f"<tbody>{''.join(rows)}</tbody></table>")
    from .explain import Explanation

    e = Explanation._from_core(linker._core.explain(min(index_l, index_r), max(index_l, index_r)))
    terms = _table(e[["term", "level", "weight"]].assign(weight=e["weight"].map(lambda v: f"{v:+.2f}")))
    fig = e.waterfall(title=f"{side_l} and {side_r}")
    side = "above" if pair["side"] == "link" else "below"
    return (f'<div class="pair {side}"><h3>{side_l} and {side_r}: {e.match_weight:.2f} bits, '
            f'p = {e.match_probability:.4f} ({html.escape(pair["side"])})</h3>'
            f'<div style="display:flex; gap:2em; flex-wrap:wrap"><div>{records}</div>'
            f'<div>{terms}</div></div>{_img(fig, "waterfall of " + side_l + " and " + side_r)}</div>')


def write_report(path: str | os.PathLike, linker: "Linker", predictions: pd.DataFrame,
                 clusters: pd.DataFrame, *, threshold: float, summary: dict | None = None,
                 analysis: "BlockingAnalysis | None" = None, evaluation: "Evaluation | None" = None,
                 command: str | None = None, charts_dir: str | os.PathLike | None = None) -> Path:
    """Writes ``report.html`` (one file; images embedded as base64 PNG) and, with
    ``charts_dir``, each chart as PNG and SVG there. Returns the report's path."""
    from . import __version__, charts

    if analysis is None:
        analysis = linker.blocking_analysis()
    figures = make_figures(linker, predictions, clusters, threshold, analysis, evaluation)
    if charts_dir is not None:
        save_charts(figures, charts_dir)

    model = linker.model
    settings = linker.settings
    sections: list[tuple[str, str, str]] = []  # id, title, body

    facts = [("records", f"{len(clusters):,}"),
             ("sources", ", ".join(f"{s} ({n:,})" for s, n in
                                   clusters.groupby("source", sort=False).size().items())),
             ("link type", settings.get("link_type", "")),
             ("candidate pairs", f"{int(predictions.attrs.get('candidate_pairs', len(predictions))):,}"),
             ("threshold", f"p ≥ {threshold:g} (match weight ≥ {np.log2(threshold / (1 - threshold)):.2f} bits)"
              if 0 < threshold < 1 else f"p ≥ {threshold:g}"),
             ("links", f"{int((predictions['match_probability'].to_numpy() >= threshold).sum()):,}"),
             ("entities", f"{clusters['cluster_id'].nunique():,}")]
    if summary:
        for key in ("profiles", "refused_links"):
            if key in summary or key in summary.get("clustering", {}):
                value = summary.get(key, summary.get("clustering", {}).get(key))
                facts.append((key.replace("_", " "), f"{value:,}"))
        if "seconds" in summary:
            facts.append(("seconds per stage", ", ".join(f"{k} {v:.2f}" for k, v in summary["seconds"].items())))
    if len(predictions) < int(predictions.attrs.get("candidate_pairs", len(predictions))):
        facts.append(("note", f"only the {len(predictions):,} pairs kept after --pairs-floor are shown "
                              "in the weight distribution and evaluation"))
    sections.append(("summary", "Summary", _pairs_table(facts)))

    if evaluation is not None:
        e = evaluation
        rows = pd.DataFrame([
            {"what": f"links at the threshold (p ≥ {e.threshold:g})", **{k: e.at_threshold[k] for k in ("precision", "recall", "f1")}},
        ] + ([
            {"what": f"links at the best threshold (p ≥ {e.best['match_probability']:.4g}, w ≥ {e.best['match_weight']:.2f})",
             **{k: e.best[k] for k in ("precision", "recall", "f1")}},
        ] if e.best else []) + ([
            {"what": "clusters, pairwise", **{k: e.cluster_pairwise[k] for k in ("precision", "recall", "f1")}},
            {"what": "clusters, B-cubed", **{k: e.cluster_bcubed[k] for k in ("precision", "recall", "f1")}},
        ] if e.cluster_pairwise is not None else []))
        if e.cluster_pairwise is not None:
            against = (f"the ground-truth column <code>{html.escape(e.truth)}</code>: {e.true_pairs:,} "
                       f"true pairs among {e.records_evaluated:,} records with a known entity")
        else:
            against = (f"the labelled pairs <code>{html.escape(e.truth)}</code>: {e.pairs_evaluated:,} of "
                       f"them scored, {e.true_pairs:,} labelled matches (a labelled pair blocking "
                       "did not generate is never a link)")
        body = (f"<p>Against {against}. "
                f"Blocking generates {e.true_pairs_blocked:,} of them: blocking recall "
                f"<b>{e.blocking_recall:.4f}</b>, the most any threshold can reach.</p>"
                + _table(rows) + _img(figures["precision_recall"], "precision-recall curve")
                + _img(figures["thresholds"], "precision, recall and F1 by threshold"))
        sections.append(("accuracy", "Accuracy against the truth", body))

    levels = charts.level_table(linker)
    log = "".join(f"<li>{html.escape(line)}</li>" for line in model.get("training_log", []))
    prior = float(model["prior"])
    body = (f"<p>Training: <b>{html.escape(str(model.get('training_method', 'em')))}</b>; prior "
            f"{prior:.3g} ({np.log2(prior / (1 - prior)):+.2f} bits): the chance that two records "
            f"drawn at random are one person.</p>"
            + _img(figures["m_u"], "m and u per comparison level")
            + "<details><summary>m, u and weight of every level</summary>" + _table(levels) + "</details>"
            + (f"<details><summary>training log</summary><ul>{log}</ul></details>" if log else ""))
    sections.append(("model", "The model", body))

    rules = analysis.rules.copy()
    body = ("<p>Pairs per blocking rule, counted before any pair is generated; a pair found by "
            "several rules counts once, for the first (<i>new pairs</i>).</p>"
            + _table(rules) + _img(figures["blocking"], "pairs per blocking rule")
            + "<h3>Largest blocks</h3>" + _table(analysis.largest_blocks))
    sections.append(("blocking", "Blocking", body))

    sections.append(("weights", "Match weights",
                     "<p>The match weight of every scored pair; pairs at or above the threshold "
                     "are links.</p>" + _img(figures["weights"], "match weight distribution")))
    sections.append(("clusters", "Cluster sizes", _img(figures["cluster_sizes"], "cluster sizes")))

    doubtful = doubtful_pairs(predictions, threshold, linker=linker)
    rows, sources = linker._core.record_rows(), linker._core.record_sources()
    body = ("<p>The pairs nearest the threshold, where a wrong link is likeliest: the "
            f"{(doubtful.side == 'link').sum()} weakest links and the "
            f"{(doubtful.side == 'no link').sum()} strongest pairs left unlinked. Columns that "
            "differ are highlighted (the settings' columns, as compared); the terms add up to "
            "the match weight.</p>"
            + "".join(_pair_html(linker, row, settings, rows, sources)
                      for _, row in doubtful.iterrows()))
    sections.append(("doubtful", "Doubtful pairs near the threshold", body))

    shown = dict(settings)
    if isinstance(shown.get("hash_tf_keys"), dict) and "key" in shown["hash_tf_keys"]:
        shown["hash_tf_keys"] = {**shown["hash_tf_keys"], "key": "(secret, not shown)"}
    settings_text = html.escape(json.dumps(shown, indent=2, ensure_ascii=False))
    sections.append(("settings", "Settings", f"<pre>{settings_text}</pre>"))

    nav = "".join(f'<a href="#{sid}">{html.escape(title)}</a>' for sid, title, _ in sections)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>sameas report</title><style>{STYLE}</style></head><body>"
        f"<h1>sameas report</h1><p class=\"note\">sameas {html.escape(__version__)}, {when}"
        + (f"<br><code>{html.escape(command)}</code>" if command else "") + "</p>"
        f"<nav>{nav}</nav>"
        + "".join(f'<section id="{sid}"><h2>{html.escape(title)}</h2>{body}</section>'
                  for sid, title, body in sections)
        + "</body></html>\n")
    out = Path(path)
    out.write_text(page, encoding="utf-8")
    return out


def make_figures(linker: "Linker", predictions: pd.DataFrame, clusters: pd.DataFrame,
                 threshold: float, analysis: "BlockingAnalysis",
                 evaluation: "Evaluation | None" = None) -> "dict[str, Figure]":
    """The charts of a run, by file name: the model, the weights, blocking, cluster sizes,
    and with an evaluation the precision-recall curve and the scores by threshold."""
    from . import charts

    figures = {"m_u": charts.m_u_chart(linker),
               "weights": charts.weight_distribution(predictions, threshold),
               "blocking": charts.blocking_counts(analysis),
               "cluster_sizes": charts.cluster_sizes(clusters)}
    if evaluation is not None:
        figures["precision_recall"] = charts.precision_recall(evaluation)
        figures["thresholds"] = charts.threshold_scores(evaluation)
    return figures


def save_charts(figures: "dict[str, Figure]", directory: str | os.PathLike) -> list[Path]:
    """Each figure as ``<name>.png`` and ``<name>.svg`` in ``directory``."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in figures.items():
        for suffix in ("png", "svg"):
            path = folder / f"{name}.{suffix}"
            fig.savefig(path, dpi=120)
            written.append(path)
    return written


def write_outputs(linker: "Linker", args: argparse.Namespace, predictions: pd.DataFrame,
                  clusters: pd.DataFrame, threshold: float, summary: dict, out: Path,
                  progress: Any) -> dict:
    """After a run: evaluation.json and thresholds.csv with ``--truth``, the charts with
    ``--charts``, report.html with ``--report``. Returns what to add to the summary."""
    added: dict = {}
    evaluation = analysis = None
    if args.truth:
        _warn_if_compared(linker, args.truth, args.quiet)
        evaluation = progress.run(
            "evaluate", f"evaluating against column '{args.truth}'",
            lambda: linker.evaluate(truth=args.truth, predictions=predictions, threshold=threshold,
                                    clusters=clusters))
        analysis = linker.blocking_analysis(truth=args.truth)
        # Blocking recall counted from the rules, exact even when --pairs-floor dropped pairs.
        evaluation.true_pairs_blocked = int(analysis.rules["cumulative_true_pairs"].iloc[-1]) if len(analysis.rules) else 0
        evaluation.blocking_recall = analysis.blocking_recall
        added["evaluation"] = _write_evaluation(evaluation, out)
    elif args.truth_pairs:
        evaluation = progress.run(
            "evaluate", f"evaluating against labelled pairs {args.truth_pairs}",
            lambda: linker.evaluate(labels=args.truth_pairs, predictions=predictions,
                                    threshold=threshold))
        added["evaluation"] = _write_evaluation(evaluation, out)
    if args.report or args.charts:
        command = _command_line(sys.argv[1:])
        if args.report:
            path = progress.run("report", f"writing {out / 'report.html'}", lambda: write_report(
                out / "report.html", linker, predictions, clusters, threshold=threshold,
                summary=summary, analysis=analysis, evaluation=evaluation, command=command,
                charts_dir=args.charts))
            added["report"] = str(path)
        else:
            figures = make_figures(linker, predictions, clusters, threshold,
                                   analysis or linker.blocking_analysis(), evaluation)
            progress.run("report", f"writing charts to {args.charts}",
                         lambda: save_charts(figures, args.charts))
        if args.charts:
            added["charts"] = str(args.charts)
    return added


def blocking_only(linker: "Linker", args: argparse.Namespace, out: Path, progress: Any,
                  records: int) -> dict:
    """``--blocking-only``: the blocking analysis, written and summarised, before any pair
    is generated or any model trained."""
    if args.truth_pairs:
        raise ValueError("--blocking-only counts true pairs from a --truth column, not from pairs")
    analysis = progress.run("block", "counting what each blocking rule will generate",
                            lambda: linker.blocking_analysis(truth=args.truth))
    analysis.rules.to_csv(out / "blocking.csv", index=False, float_format="%.6g")
    analysis.largest_blocks.to_csv(out / "largest_blocks.csv", index=False)
    if args.charts:
        from . import charts

        save_charts({"blocking": charts.blocking_counts(analysis)}, args.charts)
    summary = {
        "blocking_only": True,
        "records_read": int(records),
        "candidate_pairs": analysis.total_pairs,
        "rules": analysis.rules.to_dict("records"),
        "largest_blocks": analysis.largest_blocks.groupby("rule", sort=False).head(1).to_dict("records"),
        "output": str(out),
    }
    if analysis.true_pairs is not None:
        summary["true_pairs"] = analysis.true_pairs
        summary["blocking_recall"] = analysis.blocking_recall
    summary = json.loads(json.dumps(summary, default=int))  # numpy integers as plain ones
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def print_blocking(summary: dict) -> None:
    """The ``--blocking-only`` summary on stdout: per rule its pairs, new and cumulative."""
    recall = "blocking_recall" in summary
    print(f"records read        {summary['records_read']:>10,}")
    print(f"{'rule':<44} {'pairs':>12} {'new':>12} {'cumulative':>12}" + ("   recall" if recall else ""))
    for rule in summary["rules"]:
        line = (f"{rule['rule'][:44]:<44} {rule['pairs']:>12,} {rule['new_pairs']:>12,} "
                f"{rule['cumulative_pairs']:>12,}")
        if recall:
            line += f"   {rule['cumulative_recall']:.4f}"
        print(line)
    print(f"candidate pairs     {summary['candidate_pairs']:>10,}   (each once)")
    for block in summary["largest_blocks"]:
        print(f"  largest block of {block['rule']}: {block['key']} "
              f"({block['records']:,} records, {block['pairs']:,} pairs)")
    if recall:
        print(f"blocking recall     {summary['blocking_recall']:>10.4f}   "
              f"(of {summary['true_pairs']:,} true pairs)")
    print(f"output              {summary['output']}/ (blocking.csv, largest_blocks.csv, settings.json, summary.json)")


def _write_evaluation(evaluation: "Evaluation", out: Path) -> dict:
    """thresholds.csv and evaluation.json; returns the summary written."""
    evaluation.thresholds.to_csv(out / "thresholds.csv", index=False, float_format="%.6g")
    summary = evaluation.summary()
    (out / "evaluation.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def _command_line(argv: list[str]) -> str | None:
    """The command as typed, with the --tf-key secret left out."""
    if not argv:
        return None
    shown, hide = [], False
    for arg in argv:
        if hide:
            shown.append("(secret)")
            hide = False
        elif arg == "--tf-key":
            shown.append(arg)
            hide = True
        elif arg.startswith("--tf-key="):
            shown.append("--tf-key=(secret)")
        else:
            shown.append(_quote(arg))
    return "sameas " + " ".join(shown)


def _quote(arg: str) -> str:
    return arg if arg and all(c.isalnum() or c in "-_./=:,@+" for c in arg) else "'" + arg.replace("'", "'\\''") + "'"


def _warn_if_compared(linker: "Linker", column: str, quiet: bool) -> None:
    used = {c.get("column", c.get("name")) for c in linker.settings.get("comparisons", [])}
    if column in used and not quiet:
        print(f"[sameas] warning: the truth column '{column}' is also compared by the settings: "
              "the accuracy measured is not that of a model without it", file=sys.stderr)
