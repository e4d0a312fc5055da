#!/usr/bin/env bash
# Runs every SPEC / estimator / ARCH / process form of ../shared/DESIGN.md and the README with one
# lid.jar and writes the sha256 of every output (hashes.txt) and the summaries without timings
# (summaries.txt). Run it with two builds and diff the two folders: a refactor must leave both equal.
# usage: scripts/compare_contract_forms.sh JAR OUTDIR
set -u
JAR=$1; OUT=$2; rm -rf "$OUT"; mkdir -p "$OUT"
J=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
[ -x "$J" ] || { echo "set JAVA to a Java 25 binary" >&2; exit 2; }
run() { "$J" --add-modules jdk.incubator.vector -jar "$JAR" "$@" >/dev/null 2>>"$OUT/stderr.txt"; echo "rc=$? $*" >> "$OUT/log.txt"; }
i=0
for spec in "sphere:d=16,D=64,embed=rotate" "affine:D=10,dims=2-4-8,latent=uniform" "affine:D=10,dims=2-4-8,latent=gaussian" \
    "affine:D=10,dims=2-4-8,latent=laplace" "molrg:D=48,dims=4-8" "gaussian:D=20,d=5" lollipop swiss_roll torus_circle \
    "sphere:d=16:D=64:embed=rotate" "molrg:D=32,dims=2-6" "squiggly:D=10,dims=2-4-8,freq=5" "rqnsf:D=10,dims=5,latent=uniform" \
    "sphere:d=2+ball:d=3,D=5"; do
  i=$((i+1)); run datasets generate "$spec" --n 500 --seed 3 --out "$OUT/d$i.npy"
done
ALL=dsm,eb,ism,flipd,nb,fpregress,cfdm,mle,twonn,lpca,ess,mada,tle,mom,corrint,mind,fishers,danco
run estimate --data gaussian:D=20,d=5 --n 400 --model oracle --estimators "$ALL" --points 60 --out "$OUT/e1"
run estimate --data gaussian:D=20,d=5 --n 400 --model oracle --estimators "lidl:steps=10:deltas=3" --points 8 --out "$OUT/e1b"
run estimate --data molrg:D=32,dims=2-6 --n 600 --model oracle --estimators "flipd:t0=0.05,flipd:t0=knee,dsm:t=0.02:m=32,mle:k=20" --points 50 --out "$OUT/e2"
run estimate --data "affine:D=10,dims=2-4-8,latent=uniform" --n 800 --estimators "corrint:k1=10:k2=20,mle:k=20,lpca:ver=maxgap,twonn,danco:k=10" --out "$OUT/e3"
run train --data lollipop --model mlp:widths=32-32 --steps 60 --out "$OUT/m1.safetensors" --progress none
run train --data lollipop --model "mlp:widths=32-32,temb=16,ln=true" --process "vp:bmin=0.1,bmax=20" --steps 40 --out "$OUT/m2.safetensors" --progress none
run train --data "gaussian:D=6,d=2" --model sm-mlp --process "ve:smax=10" --steps 30 --out "$OUT/m3.safetensors" --progress none
run train --data "gaussian:D=6,d=2" --model mlp-unet --process rf --steps 30 --out "$OUT/m4.safetensors" --progress none
run train --data "gaussian:D=6,d=2" --model "mlp:widths=16" --process edm --steps 30 --out "$OUT/m5.safetensors" --progress none
run train --data "molrg:D=16,dims=2-3" --model molrg --steps 30 --out "$OUT/m6.safetensors" --progress none
run estimate --model "$OUT/m1.safetensors" --estimators dsm,flipd --points 40 --out "$OUT/e4"
run sample --model "$OUT/m1.safetensors" --n 100 --steps 20 --out "$OUT/s1.npy" --plot none
run predict --model "$OUT/m1.safetensors" --data lollipop --n 50 --t 0.05 --out "$OUT/p1.npy"
cd "$OUT" && find . -type f \( -name "*.npy" -o -name "*.csv" -o -name "*.safetensors" \) | sort | xargs sha256sum > hashes.txt
# summary.json minus timing fields
for f in $(find . -name summary.json | sort); do python3 -c "
import json,sys
d=json.load(open('$f'))
def strip(o):
    if isinstance(o,dict): return {k:strip(v) for k,v in o.items() if k not in ('seconds','peak_bytes','points_per_s')}
    if isinstance(o,list): return [strip(v) for v in o]
    return o
print('$f', json.dumps(strip(d),sort_keys=True))
" >> summaries.txt; done
