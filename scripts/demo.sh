#!/usr/bin/env bash
# Sets up what is missing, then links the bundled sample CRM and social-account tables,
# deduplicating both, and writes the results to out/demo (or the folder given).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"

OUT="${1:-$ROOT/out/demo}"
read -r CRM SOCIAL < <("$PY" -c "from sameas.datasets import sample_paths as p; s = p(); print(s['crm'], s['social'])")
echo "Linking the bundled sample: $CRM and $SOCIAL"
"$VENV/bin/sameas" link "$CRM" "$SOCIAL" --output "$OUT"
"$PY" "$ROOT/scripts/evaluate.py" "$OUT/clusters.csv" --sample
