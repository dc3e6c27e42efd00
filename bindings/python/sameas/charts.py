"""Charts of what the model learned, how it scored, and how accurate it is.

Every function returns a matplotlib ``Figure`` (made without pyplot, so a script or the
command line leaves no open windows and a notebook shows it as the cell's result). Save one
with ``fig.savefig("m_u.png", dpi=150)``.

>>> import sameas
>>> tables = sameas.datasets.load_sample()
>>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
>>> fig = m_u_chart(linker)
>>> [ax.get_title() for ax in fig.axes]
['m = P(level | match)', 'u = P(level | non-match)', 'match weight of the level']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator

if TYPE_CHECKING:  # pragma: no cover
    from .evaluation import BlockingAnalysis, Evaluation
    from .explain import Explanation
    from .linker import Linker

__all__ = ["m_u_chart", "weight_distribution", "waterfall", "precision_recall",
           "threshold_scores", "blocking_counts", "cluster_sizes"]

MATCH = "#2b7bba"      # blue: m, links, totals
NON_MATCH = "#e08214"  # orange: u
FOR = "#1a9850"        # green: evidence for a match
AGAINST = "#d73027"    # red: evidence against
NEUTRAL = "#8c8c8c"
FONT = 9


def _thousands(x: float, _pos: Any = None) -> str:
    return f"{x:,.0f}"


def _compact(x: float, _pos: Any = None) -> str:
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= size:
            return f"{x / size:g}{suffix}"
    return f"{x:g}"


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig


def _model(model: "Linker | Mapping[str, Any]") -> dict:
    return dict(model.model) if hasattr(model, "model") else dict(model)


def level_table(model: "Linker | Mapping[str, Any]") -> pd.DataFrame:
    """One row per non-null level of each comparison: ``comparison, level, m, u, weight``
    (bits: the level's weight for a supervised model, else log2(m / u))."""
    rows = []
    for comparison in _model(model)["comparisons"]:
        for level in comparison["levels"]:
            if level["label"] == "null":
                continue
            m, u = float(level["m"]), float(level["u"])
            weight = level.get("weight")
            if weight is None:
                weight = math.log2(m / u) if m > 0 and u > 0 else (math.inf if m > 0 else -math.inf)
            rows.append({"comparison": comparison["name"], "level": level["label"], "m": m, "u": u,
                         "weight": float(weight)})
    return pd.DataFrame(rows, columns=["comparison", "level", "m", "u", "weight"])


def m_u_chart(model: "Linker | Mapping[str, Any]") -> Figure:
    """m and u of every comparison level, and the level's match weight, one row per level
    grouped by comparison. u is on a log scale: it spans many orders of magnitude."""
    levels = level_table(model)
    n = len(levels)
    fig = _figure(11, 1.2 + 0.28 * n)
    axes = fig.subplots(1, 3, sharey=True, gridspec_kw={"width_ratios": [1, 1, 1.2]})
    y = np.arange(n)[::-1]
    labels = [f"{c}: {lvl}" for c, lvl in zip(levels["comparison"], levels["level"])]
    axes[0].barh(y, levels["m"], color=MATCH, height=0.7)
    axes[0].set_xlim(0, 1)
    axes[0].set_title("m = P(level | match)", fontsize=FONT + 1)
    axes[1].barh(y, levels["u"], color=NON_MATCH, height=0.7)
    axes[1].set_xscale("log")
    axes[1].set_title("u = P(level | non-match)", fontsize=FONT + 1)
    weights = levels["weight"].to_numpy()
    finite = np.where(np.isfinite(weights), weights, 0.0)
    axes[2].barh(y, finite, color=np.where(finite >= 0, FOR, AGAINST), height=0.7)
    axes[2].axvline(0, color="black", linewidth=0.8)
    axes[2].set_title("match weight of the level", fontsize=FONT + 1)
    supervised = any("weight" in lvl for c in _model(model)["comparisons"] for lvl in c["levels"])
    axes[2].set_xlabel("bits (logistic coefficient / ln 2)" if supervised else "bits (log2 m/u)",
                       fontsize=FONT)
    axes[0].set_xlabel("probability", fontsize=FONT)
    axes[1].set_xlabel("probability (log scale)", fontsize=FONT)
    span = max(1.0, float(np.abs(finite).max()) if n else 1.0)
    axes[2].set_xlim(-span * 1.35, span * 1.35)
    for yi, w in zip(y, finite):
        axes[2].annotate(f"{w:+.1f}", (w, yi), xytext=(3 if w >= 0 else -3, 0),
                         textcoords="offset points", ha="left" if w >= 0 else "right",
                         va="center", fontsize=FONT - 1)
    axes[0].set_yticks(y, labels, fontsize=FONT)
    # A rule between comparisons.
    boundaries = np.flatnonzero(levels["comparison"].to_numpy()[1:] != levels["comparison"].to_numpy()[:-1])
    for ax in axes:
        ax.tick_params(axis="x", labelsize=FONT - 1)
        for b in boundaries:
            ax.axhline(y[b] - 0.5, color="#cccccc", linewidth=0.8)
        ax.set_ylim(-0.6, n - 0.4)
    fig.suptitle("What the model learned: each comparison level's m, u and weight",
                 fontsize=FONT + 2)
    return fig


def weight_distribution(predictions: pd.DataFrame, threshold: float | None = None,
                        bins: int = 60) -> Figure:
    """Histogram of the match weights of the scored pairs (log count), with the threshold
    (a match probability) marked."""
    weights = predictions["match_weight"].to_numpy(dtype=np.float64)
    fig = _figure(8, 3.8)
    ax = fig.subplots()
    if len(weights):
        edges = np.histogram_bin_edges(weights, bins=bins)
        counts, _ = np.histogram(weights, bins=edges)
        t = None if threshold is None else _weight_of(threshold)
        centres = (edges[:-1] + edges[1:]) / 2
        colours = [MATCH if t is not None and c >= t else NEUTRAL for c in centres]
        ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=colours,
               edgecolor="white", linewidth=0.3)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        if t is not None:
            links = int((weights >= t).sum())
            ax.axvline(t, color="black", linestyle="--", linewidth=1)
            ax.annotate(f"threshold p = {threshold:g}\n(w = {t:.1f} bits)\n{links:,} links",
                        (t, 1), xycoords=("data", "axes fraction"), xytext=(4, -4),
                        textcoords="offset points", ha="left", va="top", fontsize=FONT - 1,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85})
    ax.set_xlabel("match weight (bits); probability = 2^w / (1 + 2^w)", fontsize=FONT)
    ax.set_ylabel("pairs (log scale)", fontsize=FONT)
    ax.set_title(f"Match weights of {len(weights):,} scored pairs", fontsize=FONT + 1)
    ax.tick_params(labelsize=FONT - 1)
    return fig


def _weight_of(probability: float) -> float:
    if probability <= 0:
        return -math.inf
    if probability >= 1:
        return math.inf
    return math.log2(probability / (1 - probability))


def waterfall(explanation: "Explanation", title: str | None = None) -> Figure:
    """The terms of one pair's match weight as a waterfall: the prior, each comparison's
    level weight and term-frequency term, running from the left, and the total. The bars are
    the explanation's own numbers, so they end exactly at its match weight."""
    terms = pd.DataFrame(explanation)
    labels = []
    for term, kind, level in zip(terms["term"], terms["kind"], terms["level"]):
        if kind == "prior":
            labels.append("prior")
        elif kind == "term_frequency":
            labels.append(f"{term}: {level}")
        else:
            labels.append(f"{term}: {level}")
    weights = terms["weight"].to_numpy(dtype=np.float64)
    ends = np.cumsum(weights)
    starts = ends - weights
    total = float(explanation.match_weight)
    n = len(weights) + 1
    fig = _figure(8, 1.0 + 0.32 * n)
    ax = fig.subplots()
    y = np.arange(n)[::-1]
    colours = [FOR if w > 0 else AGAINST if w < 0 else NEUTRAL for w in weights]
    colours[0] = NEUTRAL if len(colours) else NEUTRAL
    ax.barh(y[:-1], weights, left=starts, color=colours, height=0.65)
    ax.barh(y[-1], total, color=MATCH, height=0.65)
    for yi, start, end, w in zip(y[:-1], starts, ends, weights):
        ax.plot([end, end], [yi - 0.33, yi - 0.67], color="#777777", linewidth=0.6)
        right = max(start, end)
        left = min(start, end)
        ax.annotate(f"{w:+.2f}", (right if w >= 0 else left, yi),
                    xytext=(3 if w >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if w >= 0 else "right", va="center", fontsize=FONT - 1,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})
    ax.annotate(f"{total:.2f} bits, p = {explanation.match_probability:.4g}",
                (max(total, 0), y[-1]), xytext=(3, 0), textcoords="offset points", ha="left",
                va="center", fontsize=FONT - 1, fontweight="bold")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, labels + ["match weight"], fontsize=FONT)
    lo = min(0.0, float(np.min(np.r_[starts, ends, total])))
    hi = max(0.0, float(np.max(np.r_[starts, ends, total])))
    pad = (hi - lo) * 0.22 + 0.5
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_xlabel("match weight (bits), running total from the prior", fontsize=FONT)
    ax.tick_params(axis="x", labelsize=FONT - 1)
    ax.set_title(title or "Why this pair scores what it does", fontsize=FONT + 1)
    return fig


def _thresholds(evaluation: "Evaluation | pd.DataFrame") -> tuple[pd.DataFrame, dict | None, float | None]:
    if isinstance(evaluation, pd.DataFrame):
        from .evaluation import best_threshold

        table = evaluation
        best = dict(best_threshold(table)) if len(table) else None
        return table, best, None
    return evaluation.thresholds, evaluation.best or None, evaluation.threshold


MAX_POINTS = 4000


def _thin(table: pd.DataFrame) -> pd.DataFrame:
    """At most about MAX_POINTS rows of a threshold table for drawing, evenly spaced in
    links, with the first, the last and the best-F1 row kept: a table of a million
    thresholds draws the same curve, and its SVG stays small."""
    n = len(table)
    if n <= MAX_POINTS:
        return table
    best = int(np.argmax(table["f1"].to_numpy()))
    rows = np.unique(np.r_[np.linspace(0, n - 1, MAX_POINTS).astype(np.int64), best])
    return table.iloc[rows]


def precision_recall(evaluation: "Evaluation | pd.DataFrame") -> Figure:
    """The precision-recall curve of the scored pairs, with the threshold that maximises F1
    and the settings' threshold marked. Recall stops at blocking recall."""
    table, best, threshold = _thresholds(evaluation)
    fig = _figure(6, 4.6)
    ax = fig.subplots()
    curve = _thin(table).iloc[::-1]
    ax.plot(curve["recall"], curve["precision"], color=MATCH, linewidth=1.6, drawstyle="steps-post",
            label="precision-recall curve")
    if best:
        ax.plot([best["recall"]], [best["precision"]], "o", color=FOR, markersize=8,
                label=f"best F1 {best['f1']:.3f} (p ≥ {best['match_probability']:.3g})")
    if threshold is not None and len(table):
        at = table[table["match_probability"].to_numpy() >= threshold]
        if len(at):
            row = at.iloc[0]
            ax.plot([row["recall"]], [row["precision"]], "s", color="black", markersize=6,
                    label=f"threshold p ≥ {threshold:g}: F1 {row['f1']:.3f}")
    if not isinstance(evaluation, pd.DataFrame):
        ax.axvline(evaluation.blocking_recall, color=NEUTRAL, linestyle=":", linewidth=1,
                   label=f"blocking recall {evaluation.blocking_recall:.3f}")
    # Zoom to the corner where the best threshold lies when the whole square would hide it.
    low = 0.0
    if best:
        near = min(best["precision"], best["recall"])
        low = near - 3 * (1 - near) - 0.01
        low = 0.0 if low < 0.5 else math.floor(low * 1000) / 1000
    top = 1 + (1 - low) * 0.01
    ax.set_xlim(low, top)
    ax.set_ylim(low, top)
    if low > 0:
        ax.set_title(f"Precision and recall of the links, by threshold (zoomed: from {low:g})",
                     fontsize=FONT + 1)
    ax.set_xlabel("recall (share of true pairs linked)", fontsize=FONT)
    ax.set_ylabel("precision (share of links that are true)", fontsize=FONT)
    if low == 0:
        ax.set_title("Precision and recall of the links, by threshold", fontsize=FONT + 1)
    ax.legend(fontsize=FONT - 1, loc="lower left")
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=FONT - 1)
    return fig


def threshold_scores(evaluation: "Evaluation | pd.DataFrame") -> Figure:
    """Precision, recall and F1 against the match-weight threshold, with the best threshold
    (highest F1) and the settings' threshold marked; probability on the top axis."""
    table, best, threshold = _thresholds(evaluation)
    fig = _figure(8, 4.2)
    ax = fig.subplots()
    plotted = _thin(table)
    w = plotted["match_weight"].to_numpy()
    for column, colour, style in (("precision", MATCH, "-"), ("recall", NON_MATCH, "-"),
                                  ("f1", "black", "-")):
        ax.plot(w, plotted[column], color=colour, linestyle=style, drawstyle="steps-post",
                linewidth=1.5 if column == "f1" else 1.2, label=column if column != "f1" else "F1")
    if best:
        ax.axvline(best["match_weight"], color=FOR, linewidth=1.2,
                   label=f"best F1 {best['f1']:.3f} at w = {best['match_weight']:.1f} "
                         f"(p = {best['match_probability']:.3g})")
    if threshold is not None:
        ax.axvline(_weight_of(threshold), color="black", linestyle="--", linewidth=1,
                   label=f"threshold p = {threshold:g} (w = {_weight_of(threshold):.1f})")
    top = ax.secondary_xaxis("top", functions=(_probability_axis, _weight_axis))
    top.set_xlabel("match probability", fontsize=FONT)
    top.xaxis.set_major_locator(MaxNLocator(6))
    top.tick_params(labelsize=FONT - 1)
    top.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:.6g}"))
    # The ticks of the probability axis sit where they are legible: at chosen weights.
    top.set_xticks(_probability_ticks(float(w.min()), float(w.max())) if len(w) else [])
    ax.set_xlabel("threshold: match weight (bits) at or above which a pair is a link", fontsize=FONT)
    ax.set_ylabel("share", fontsize=FONT)
    ax.set_ylim(-0.02, 1.05)
    fig.legend(*ax.get_legend_handles_labels(), fontsize=FONT - 1, loc="outside lower center",
               ncols=3, frameon=False)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=FONT - 1)
    ax.set_title("Precision, recall and F1 by threshold", fontsize=FONT + 1)
    return fig


def _probability_ticks(low: float, high: float) -> list[float]:
    """Probabilities to label on a weight axis from `low` to `high` bits, at least a tenth of
    the axis apart so that their labels never overlap."""
    candidates = [1e-6, 1e-4, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1 - 1e-6]
    gap = (high - low) / 10
    ticks: list[float] = []
    for p in sorted(candidates, key=lambda p: abs(_weight_of(p))):  # 0.5 first, then outwards
        w = _weight_of(p)
        if low <= w <= high and all(abs(w - _weight_of(q)) >= gap for q in ticks):
            ticks.append(p)
    return sorted(ticks)


def _probability_axis(w):
    return 1.0 / (1.0 + np.exp2(-np.asarray(w, dtype=float)))


def _weight_axis(p):
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return np.log2(p / (1 - p))


def blocking_counts(analysis: "BlockingAnalysis") -> Figure:
    """Pairs per blocking rule (all its pairs, and those new to it) and the cumulative
    pairs, each pair once; with a truth, the cumulative blocking recall."""
    rules = analysis.rules
    n = len(rules)
    fig = _figure(10, 1.4 + 0.45 * n)
    axes = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1.3, 1]})
    y = np.arange(n)[::-1]
    # Bars from 1 on the log axis; a rule with no new pair shows none.
    axes[0].barh(y + 0.18, np.maximum(rules["pairs"] - 1, 0), left=1, height=0.36, color="#9ecae1",
                 label="pairs of the rule")
    axes[0].barh(y - 0.18, np.maximum(rules["new_pairs"] - 1, 0), left=1, height=0.36, color=MATCH,
                 label="new: not found by an earlier rule")
    axes[1].barh(y, rules["cumulative_pairs"], height=0.6, color=MATCH)
    # Rules differ by orders of magnitude: log scale for each rule, linear for the total.
    axes[0].set_xscale("log")
    axes[0].xaxis.set_major_locator(LogLocator(base=10, numticks=12))
    biggest = max(1, int(rules["pairs"].max()) if n else 1)
    axes[0].set_xlim(0.8, biggest * 30)
    total = max(1, int(rules["cumulative_pairs"].max()) if n else 1)
    axes[1].set_xlim(0, total * (1.9 if "cumulative_recall" in rules else 1.35))
    axes[1].xaxis.set_major_locator(MaxNLocator(4))
    axes[0].xaxis.set_major_formatter(FuncFormatter(_compact))
    axes[1].xaxis.set_major_formatter(FuncFormatter(_thousands))
    for ax in axes:
        ax.tick_params(labelsize=FONT - 1)
    for yi, pairs, new in zip(y, rules["pairs"], rules["new_pairs"]):
        axes[0].annotate(f"{pairs:,}", (max(pairs, 1), yi + 0.18), xytext=(3, 0),
                         textcoords="offset points", va="center", fontsize=FONT - 1)
        axes[0].annotate(f"{new:,}", (max(new, 1), yi - 0.18), xytext=(3, 0),
                         textcoords="offset points", va="center", fontsize=FONT - 1)
    recall = rules["cumulative_recall"] if "cumulative_recall" in rules else None
    for i, (yi, total) in enumerate(zip(y, rules["cumulative_pairs"])):
        text = f"{total:,}"
        if recall is not None:
            text += f"  (recall {recall.iloc[i]:.3f})"
        axes[1].annotate(text, (max(total, 1), yi), xytext=(3, 0), textcoords="offset points",
                         va="center", fontsize=FONT - 1)
    axes[0].set_yticks(y, [_short(r, 48) for r in rules["rule"]], fontsize=FONT)
    axes[0].set_xlabel("candidate pairs (log scale)", fontsize=FONT)
    axes[1].set_xlabel("candidate pairs, cumulative", fontsize=FONT)
    axes[0].set_title("Pairs per blocking rule", fontsize=FONT + 1)
    axes[1].set_title("Cumulative, each pair once" + (" (blocking recall)" if recall is not None else ""),
                      fontsize=FONT + 1)
    fig.legend(*axes[0].get_legend_handles_labels(), fontsize=FONT - 1, loc="outside lower left",
               ncols=2, frameon=False)
    return fig


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cluster_sizes(clusters: pd.DataFrame) -> Figure:
    """How many entities hold 1, 2, 3, ... records (log count); sizes past 20 are binned."""
    sizes = clusters.groupby("cluster_id").size().to_numpy()
    fig = _figure(8, 3.8)
    ax = fig.subplots()
    if len(sizes):
        largest = int(sizes.max())
        if largest <= 20:
            edges = np.arange(1, largest + 2)
        else:
            edges = np.unique(np.r_[np.arange(1, 11), np.geomspace(11, largest + 1, 12).astype(int)])
        counts, _ = np.histogram(sizes, bins=edges)
        labels = [str(a) if b - a == 1 else f"{a}–{b - 1}" for a, b in zip(edges[:-1], edges[1:])]
        x = np.arange(len(counts))
        ax.bar(x, counts, color=[NEUTRAL] + [MATCH] * (len(counts) - 1), width=0.75)
        ax.set_yscale("log")
        ax.set_ylim(0.7, max(counts.max(), 1) * 4)
        ax.set_xticks(x, labels, fontsize=FONT - 1, rotation=0 if len(x) <= 12 else 90)
        for xi, c in zip(x, counts):
            if c:
                ax.annotate(f"{c:,}", (xi, c), xytext=(0, 2), textcoords="offset points",
                            ha="center", va="bottom", fontsize=FONT - 2)
        ax.set_title(f"{len(sizes):,} entities from {int(sizes.sum()):,} records; "
                     f"{int((sizes > 1).sum()):,} hold two or more, the largest {largest:,}",
                     fontsize=FONT + 1)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_xlabel("records per entity", fontsize=FONT)
    ax.set_ylabel("entities (log scale)", fontsize=FONT)
    ax.tick_params(axis="y", labelsize=FONT - 1)
    return fig
