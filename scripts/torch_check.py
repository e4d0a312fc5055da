#!/usr/bin/env python3
"""An independent cross-check of lid-engine against PyTorch.

Rebuilds the network of a checkpoint (architectures `mlp` and `sm-mlp`) in PyTorch from the
safetensors file alone, and compares with what lid-engine computes on the same points:

  * eps_hat(y, t) at the points (``lid predict``): max over points of ||ours - torch|| / ||torch||
    (the denominator floored at the median ||torch|| over the points);
  * DSM-LID with the same noise draws (the draws are regenerated here from lid-engine's
    documented Philox-4x32-10 streams: key = RandomKeys.key(estimator seed, ESTIMATOR_NOISE),
    stream = the point's index, Box-Muller normals), per point, relative difference;
  * FLIPD with the exact trace (torch: the full Jacobian by autograd in float64), per point.

Usage (with the python that ../shared/baselines/setup_torch.sh prints):

    PY=$(../shared/baselines/setup_torch.sh)
    "$PY" scripts/torch_check.py model.safetensors [--lid ./lid] [--points 64] [--t 0.05] [--m 8]

Exit status 0 when every difference is within its tolerance (eps-hat 1e-4, DSM-LID and FLIPD
1e-3 relative), 1 otherwise; 2 for bad input.
"""
import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors import safe_open

MASK32 = (1 << 32) - 1
MASK64 = (1 << 64) - 1


# ---- lid-engine's random numbers (kernels/Philox.java, kernels/RandomKeys.java) ----------------

PURPOSE_TAGS = {"ESTIMATOR_NOISE": 0x9B05688C2B3E6C1F, "ESTIMATOR_PROBES": 0x1F83D9ABFB41BD6B}


def fmix64(z):
    z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCD & MASK64
    z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53 & MASK64
    return z ^ (z >> 33)


def random_key(seed, purpose):
    return fmix64((seed * 0x9E3779B97F4A7C15 + PURPOSE_TAGS[purpose]) & MASK64)


def philox_blocks(key, stream, blocks):
    """Philox-4x32-10 words [len(blocks), 4] for counter (block lo, block hi, stream lo, stream hi)."""
    b = np.asarray(blocks, dtype=np.uint64)
    c0 = b & MASK32
    c1 = b >> np.uint64(32)
    s = stream & MASK64
    c2 = np.full_like(c0, s & MASK32)
    c3 = np.full_like(c0, s >> 32)
    k0, k1 = key & MASK32, key >> 32
    m0, m1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
    for r in range(10):
        if r > 0:
            k0 = (k0 + 0x9E3779B9) & MASK32
            k1 = (k1 + 0xBB67AE85) & MASK32
        p0 = m0 * c0
        p1 = m1 * c2
        n0 = (p1 >> np.uint64(32)) ^ c1 ^ np.uint64(k0)
        n2 = (p0 >> np.uint64(32)) ^ c3 ^ np.uint64(k1)
        c1 = p1 & np.uint64(MASK32)
        c3 = p0 & np.uint64(MASK32)
        c0, c2 = n0, n2
    return np.stack([c0, c1, c2, c3], axis=1)


def philox_normals(key, stream, count):
    """Elements 0..count-1 of the normal stream (key, stream), as float32 (Box-Muller in double)."""
    nblocks = (count + 3) // 4
    w = philox_blocks(key, stream, np.arange(nblocks))
    out = np.empty(nblocks * 4, dtype=np.float64)
    for pair in (0, 1):
        a, b = w[:, 2 * pair], w[:, 2 * pair + 1]
        u1 = ((a >> np.uint64(8)).astype(np.float64) + 0.5) * 2.0 ** -24
        u2 = (b >> np.uint64(8)).astype(np.float64) * 2.0 ** -24
        r = np.sqrt(-2.0 * np.log(u1))
        out[2 * pair::4] = r * np.cos(2 * math.pi * u2)
        out[2 * pair + 1::4] = r * np.sin(2 * math.pi * u2)
    return out[:count].astype(np.float32)


# ---- noise processes and parameterisations (models/noise, models/params) ------------------------

def process_of(spec):
    name, _, opts = spec.partition(":")
    kv = dict(p.split("=") for p in opts.split(",")) if opts else {}
    if name == "vp":
        bmin, bmax = float(kv.get("bmin", 0.1)), float(kv.get("bmax", 20))
        integ = lambda t: bmin * t + 0.5 * (bmax - bmin) * t * t
        beta = lambda t: bmin + (bmax - bmin) * t
        a = lambda t: math.exp(-0.5 * integ(t))
        b = lambda t: math.sqrt(-math.expm1(-integ(t)))
        da = lambda t: -0.5 * beta(t) * a(t)
        db = lambda t: 0.5 * beta(t) * math.exp(-integ(t)) / b(t)
        return a, b, da, db
    if name == "rf":
        return (lambda t: 1 - t), (lambda t: t), (lambda t: -1.0), (lambda t: 1.0)
    raise SystemExit("torch_check: noise process '%s' is not covered (vp and rf are)" % spec)


def to_eps(param, a, b, da, db):
    """(cOut, cX) with eps_hat = cOut * out + cX * x."""
    if param == "eps":
        return 1.0, 0.0
    if param == "score":
        return -b, 0.0
    if param == "x0":
        return -a / b, 1 / b
    if param == "v":
        return a / (a * a + b * b), b / (a * a + b * b)
    if param == "flow":
        det = a * db - da * b
        return a / det, -da / det
    raise SystemExit("torch_check: parameterisation '%s' is not covered" % param)


# ---- the networks (models/nets/MlpScoreNet.java, SmMlp.java; engine/Embed.java) ----------------

def sinusoidal(t32, width, scale):
    half = width // 2
    freq = np.array([np.float32(math.exp(-math.log(10000.0) * j / max(1, half - 1)) * scale) for j in range(half)],
                    dtype=np.float32)
    arg = t32.astype(np.float64)[:, None] * freq.astype(np.float64)[None, :]
    return torch.from_numpy(np.concatenate([np.sin(arg), np.cos(arg)], axis=1).astype(np.float32))


def arch_of(text):
    name, _, opts = text.partition(":")
    return name, dict(p.split("=") for p in opts.split(",")) if opts else {}


class Net(torch.nn.Module):
    def __init__(self, arch, tensors, dim):
        super().__init__()
        self.name, self.opts = arch_of(arch)
        self.dim = dim
        p = lambda k: torch.from_numpy(tensors[k].astype(np.float64))
        if self.name == "mlp":
            widths = [int(w) for w in self.opts["widths"].split("-")]
            self.temb = int(self.opts.get("temb", 128))
            ln = self.opts.get("ln", "false") == "true"
            self.layers = []
            i = 0
            for _ in widths:
                self.layers.append(("linear", p("net.%d.weight" % i), p("net.%d.bias" % i)))
                i += 1
                if ln:
                    self.layers.append(("ln", p("net.%d.weight" % i), p("net.%d.bias" % i)))
                    i += 1
                self.layers.append(("silu",))
                i += 1
            self.layers.append(("linear", p("net.%d.weight" % i), p("net.%d.bias" % i)))
        elif self.name == "sm-mlp":
            self.time = int(self.opts.get("time", 64))
            self.klass = p("class_embedding") if "class_embedding" in tensors else None
            self.cond = [(p("cond1.weight"), p("cond1.bias")), (p("cond2.weight"), p("cond2.bias"))]
            depth = int(self.opts.get("depth", 4))
            self.trunk = [(p("linear%d.weight" % i), p("linear%d.bias" % i), p("norm%d.weight" % i), p("norm%d.bias" % i))
                          for i in range(depth)]
            self.out = (p("out.weight"), p("out.bias"))
        else:
            raise SystemExit("torch_check: architecture '%s' is not covered (mlp and sm-mlp are)" % self.name)

    def forward(self, x, t32):
        if self.name == "mlp":
            h = x if self.temb == 0 else torch.cat([x, sinusoidal(t32, self.temb, 1.0).double()], dim=1)
            for layer in self.layers:
                if layer[0] == "linear":
                    h = h @ layer[1].T + layer[2]
                elif layer[0] == "ln":
                    h = torch.nn.functional.layer_norm(h, h.shape[1:], layer[1], layer[2], 1e-5)
                else:
                    h = torch.nn.functional.silu(h)
            return h
        feats = sinusoidal(t32, self.time, 10000.0).double()
        if self.klass is not None:
            feats = torch.cat([feats, self.klass.expand(x.shape[0], -1)], dim=1)
        c = torch.nn.functional.silu(feats @ self.cond[0][0].T + self.cond[0][1]) @ self.cond[1][0].T + self.cond[1][1]
        h = torch.cat([x, c], dim=1)
        for w, b, g, bb in self.trunk:
            h = torch.nn.functional.silu(torch.nn.functional.layer_norm(h @ w.T + b, (w.shape[0],), g, bb, 1e-5))
        return h @ self.out[0].T + self.out[1]


class EpsModel:
    def __init__(self, ckpt):
        with safe_open(ckpt, "np") as f:
            self.meta = f.metadata()
            tensors = {k: f.get_tensor(k) for k in f.keys() if not k.startswith("optimizer/")}
        if "weight_format" in self.meta and self.meta.get("quantized_tensors"):
            raise SystemExit("torch_check: %s holds quantized weights; check the float checkpoint" % ckpt)
        self.dim = int(self.meta["dim"])
        self.net = Net(self.meta["arch"], tensors, self.dim)
        self.a, self.b, self.da, self.db = process_of(self.meta["process"])
        self.param = self.meta.get("param", "eps")

    def eps_hat(self, y, t):
        """eps_hat at y ([n, D] float64 tensor) and time t (the network sees float32(t))."""
        t32 = np.float32(t)
        ts = float(t32)
        c_out, c_x = to_eps(self.param, self.a(ts), self.b(ts), self.da(ts), self.db(ts))
        out = self.net(y, np.full(y.shape[0], t32, dtype=np.float32))
        return c_out * out + c_x * y


# ---- the checks ---------------------------------------------------------------------------------

def run(cmd, what):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit("torch_check: %s failed (exit %d): %s" % (what, r.returncode, " ".join(cmd)))
    return r


def read_csv(path):
    import csv
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    return {h: np.array([float(r[i]) for r in rows[1:]]) for i, h in enumerate(head)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkpoint")
    ap.add_argument("--lid", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lid"),
                    help="the lid command (a path, or a command line such as 'java -jar lid.jar')")
    ap.add_argument("--data", help="points to check on (PATH.npy); default: a sample of the checkpoint's training SPEC")
    ap.add_argument("--points", type=int, default=64)
    ap.add_argument("--t", type=float, default=0.05, help="time of eps-hat, DSM-LID and FLIPD")
    ap.add_argument("--m", type=int, default=8, help="DSM-LID noise draws")
    ap.add_argument("--estimator-seed", type=int, default=42)
    ap.add_argument("--work", help="folder for lid's outputs (default: a temporary one)")
    args = ap.parse_args()
    if not os.path.isfile(args.checkpoint):
        ap.error("no such checkpoint: " + args.checkpoint)
    torch.set_grad_enabled(True)
    model = EpsModel(args.checkpoint)
    lid = shlex.split(args.lid)
    work = args.work or tempfile.mkdtemp(prefix="torch_check_")
    os.makedirs(work, exist_ok=True)

    data = args.data
    if data is None:
        spec = model.meta.get("data.spec")
        if spec is None or spec.endswith(".npy") or spec.endswith(".csv"):
            raise SystemExit("torch_check: the checkpoint was not trained on a SPEC; pass --data PATH.npy")
        data = os.path.join(work, "points.npy")
        run(lid + ["datasets", "generate", spec, "--n", str(args.points), "--seed", "12345", "--out", data], "lid datasets generate")
    x = np.load(data).astype(np.float32)
    n, dim = x.shape
    if dim != model.dim:
        raise SystemExit("torch_check: the data has D = %d, the model %d" % (dim, model.dim))
    t = args.t
    a, b = model.a(t), model.b(t)

    # 1. eps-hat at the points themselves
    ours_eps = os.path.join(work, "eps.npy")
    run(lid + ["predict", "--model", args.checkpoint, "--data", data, "--t", repr(t), "--out", ours_eps], "lid predict")
    e_ours = np.load(ours_eps).astype(np.float64)
    with torch.no_grad():
        e_torch = model.eps_hat(torch.from_numpy(x.astype(np.float64)), t).numpy()
    # per point, relative to ||eps_hat|| there, floored at the median over points (where the model's eps_hat is
    # near 0, float32 rounding of its O(1) intermediate values dominates any relative measure)
    norms = np.linalg.norm(e_torch, axis=1)
    eps_rel = float(np.max(np.linalg.norm(e_ours - e_torch, axis=1) / np.maximum(norms, np.median(norms))))

    # 2. DSM-LID and exact FLIPD from lid estimate
    est = os.path.join(work, "est")
    dsm_spec, flipd_spec = "dsm:t=%r:m=%d" % (t, args.m), "flipd:t0=%r" % t
    run(lid + ["estimate", "--data", data, "--model", args.checkpoint, "--estimators", dsm_spec + "," + flipd_spec,
               "--estimator-seed", str(args.estimator_seed), "--threads", "2", "--no-plots", "--out", est], "lid estimate")
    ours = read_csv(os.path.join(est, "estimates.csv"))

    key = random_key(args.estimator_seed, "ESTIMATOR_NOISE")
    ax = (a * x.astype(np.float64)).astype(np.float32)
    fb = np.float32(b)
    dsm = np.empty(n)
    with torch.no_grad():
        for i in range(n):
            eps = philox_normals(key, i, args.m * dim).reshape(args.m, dim)
            y = (ax[i][None, :] + fb * eps).astype(np.float32)  # float32 arithmetic, as lid-engine
            e = model.eps_hat(torch.from_numpy(y.astype(np.float64)), t).numpy()
            dsm[i] = np.mean(np.sum((e - eps.astype(np.float64)) ** 2, axis=1))
    flipd = np.empty(n)
    for i in range(n):
        y = torch.from_numpy(ax[i:i + 1].astype(np.float64))
        jac = torch.autograd.functional.jacobian(lambda v: model.eps_hat(v, t)[0], y)[:, 0, :]
        with torch.no_grad():
            e = model.eps_hat(y, t)[0]
        flipd[i] = dim - b * float(torch.trace(jac)) + float(torch.sum(e * e))

    def rel(a_, b_):
        return float(np.max(np.abs(a_ - b_) / np.maximum(np.abs(b_), 1e-12)))

    dsm_rel, flipd_rel = rel(ours[dsm_spec], dsm), rel(ours[flipd_spec], flipd)
    result = {
        "checkpoint": args.checkpoint, "arch": model.meta["arch"], "process": model.meta["process"],
        "param": model.param, "points": n, "t": t, "m": args.m,
        "eps_hat_max_rel": eps_rel, "dsm_max_rel": dsm_rel, "flipd_max_rel": flipd_rel,
        "dsm_mean": {"lid": float(np.mean(ours[dsm_spec])), "torch": float(np.mean(dsm))},
        "flipd_mean": {"lid": float(np.mean(ours[flipd_spec])), "torch": float(np.mean(flipd))},
        "tolerances": {"eps_hat": 1e-4, "dsm": 1e-3, "flipd": 1e-3},
    }
    ok = eps_rel <= 1e-4 and dsm_rel <= 1e-3 and flipd_rel <= 1e-3
    result["ok"] = ok
    print(json.dumps(result, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
