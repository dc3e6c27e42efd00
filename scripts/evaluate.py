#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a clusters.csv against ground truth.

  evaluate.py out/demo/clusters.csv --sample               # truth of the bundled sample
  evaluate.py out/febrl3/clusters.csv --febrl              # FEBRL ids: rec-N-org / rec-N-dup-k
  evaluate.py out/fake/clusters.csv --truth fake_1000.csv --truth-id unique_id --truth-entity cluster
"""

import argparse
import json
import sys

import pandas as pd

from sameas.evaluation import febrl_entity, pairwise_scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("clusters")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--sample", action="store_true", help="the bundled sample's truth")
    group.add_argument("--febrl", action="store_true", help="entities from FEBRL record ids")
    group.add_argument("--truth", help="CSV with a record id column and an entity column")
    parser.add_argument("--truth-id", default="record_id")
    parser.add_argument("--truth-entity", default="person_id")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()

    clusters = pd.read_csv(args.clusters, dtype={"record_id": str, "source": str})
    if args.febrl:
        truth = febrl_entity(clusters["record_id"])
    else:
        if args.sample:
            from sameas.datasets import load_sample

            table = load_sample()["truth"].astype({"record_id": str, "source": str})
            # The sample files are sample_crm.csv and sample_social.csv; the truth says crm, social.
            clusters["source"] = clusters["source"].str.replace(r"^sample_", "", regex=True)
            key = ["source", "record_id"]
        else:
            table = pd.read_csv(args.truth, dtype=str, skipinitialspace=True)
            table = table.rename(columns={args.truth_id: "record_id"})
            key = ["record_id"]
        merged = clusters.merge(table[key + [args.truth_entity]], on=key, how="left", validate="one_to_one")
        missing = merged[args.truth_entity].isna().sum()
        if missing:
            print(f"evaluate: {missing} records have no truth", file=sys.stderr)
            return 2
        truth = merged[args.truth_entity]
    scores = pairwise_scores(clusters["cluster_id"], truth)
    if args.json:
        print(json.dumps(scores))
    else:
        print(
            f"pairwise precision {scores['precision']:.4f}  recall {scores['recall']:.4f}  "
            f"F1 {scores['f1']:.4f}  ({scores['true_positives']:,} of {scores['true_pairs']:,} true pairs "
            f"found, {scores['predicted_pairs']:,} predicted)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
