"""Link the bundled social accounts to the bundled CRM, then read why a pair matched.

    .venv/bin/python examples/python/link_sample.py
"""

import sameas
from sameas.evaluation import pairwise_scores

tables = sameas.datasets.load_sample()
linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]})
print("settings chosen from the data:")
for column in linker.settings["columns"]:
    print(f"  {column['name']:<15} role {column['role']:<12} inputs {column.get('inputs', 'same name')}")
print(linker.count_pairs().to_string(index=False))

linker.train()
for line in linker.model["training_log"]:
    print(" ", line)

pairs = linker.predict()
print(pairs.sort_values("match_weight", ascending=False).head(10).to_string(index=False))

clusters = linker.cluster(pairs, threshold=0.5)
truth = tables["truth"].astype(str)
merged = clusters.merge(truth, on=["source", "record_id"])
print(pairwise_scores(merged["cluster_id"], merged["person_id"]))
