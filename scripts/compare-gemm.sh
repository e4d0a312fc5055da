#!/usr/bin/env bash
# Side-by-side SGEMM: ./lid bench gemm against OpenBLAS (numpy, ../shared/baselines/numpy_gemm.py)
# at the same thread count, alternating the two in every round so both see the same machine
# state, and printing per-round and median ratios (this VM's speed drifts by +-15% over minutes).
# Usage: scripts/compare-gemm.sh [ROUNDS] [SIZES] [THREADS]   e.g. scripts/compare-gemm.sh 3 512,1024 1,2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=${1:-3}; sizes=${2:-512,1024}; threads=${3:-1,2}
baseline="$root/../shared/baselines/numpy_gemm.py"
py=python3
"$py" -c "import numpy" 2>/dev/null || py=/usr/bin/python3
out=$(mktemp -d)
"$root/lid" --version >/dev/null 2>&1 || true   # build first, outside the timings
for r in $(seq 1 "$rounds"); do
  for t in ${threads//,/ }; do
    "$root/lid" bench gemm --sizes "$sizes" --threads "$t" --format json 2>/dev/null \
      | sed "s/^/{\"round\":$r,\"who\":\"lid\",\"row\":/; s/\$/}/" >> "$out/rows.jsonl"
    OPENBLAS_NUM_THREADS=$t "$py" "$baseline" ${sizes//,/ } 2>/dev/null \
      | sed "s/^/{\"round\":$r,\"who\":\"openblas\",\"threads\":$t,\"row\":/; s/\$/}/" >> "$out/rows.jsonl"
  done
done
"$py" - "$out/rows.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
lid, ob = {}, {}
for r in rows:
    if r["who"] == "lid":
        lid[(r["round"], r["row"]["n"], r["row"]["threads"])] = r["row"]
    else:
        ob[(r["round"], r["row"]["n"], r["threads"])] = r["row"]
print(f"{'n':>6} {'threads':>7} {'lid GF/s':>9} {'OpenBLAS':>9} {'ratio':>6} {'of peak':>8}   per-round ratios")
for (n, t) in sorted({(k[1], k[2]) for k in lid}):
    keys = sorted(k for k in lid if k[1:] == (n, t) and k in ob)
    ratios = [lid[k]["gflops"] / ob[k]["gflops_median"] for k in keys]
    g = statistics.median(lid[k]["gflops"] for k in keys)
    o = statistics.median(ob[k]["gflops_median"] for k in keys)
    peak = statistics.median(lid[k]["fraction_of_peak"] for k in keys)
    print(f"{n:>6} {t:>7} {g:>9.1f} {o:>9.1f} {statistics.median(ratios):>6.2f} {peak:>8.2f}   "
          + " ".join(f"{x:.2f}" for x in ratios))
PY
rm -rf "$out"
