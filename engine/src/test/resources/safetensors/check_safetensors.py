#!/usr/bin/env python3
"""Reads a safetensors file by the format's rules (as huggingface/safetensors validates it) and
prints a JSON summary: {name: {"dtype", "shape", "sum", "first"}} plus "__metadata__".
Exit 1 with a message if the file breaks a rule."""
import json, struct, sys
import numpy as np

DT = {"F32": np.float32, "F16": np.float16, "F64": np.float64, "I32": np.int32, "I64": np.int64,
      "U8": np.uint8, "I8": np.int8}
path = sys.argv[1]
raw = open(path, "rb").read()
(n,) = struct.unpack("<Q", raw[:8])
if 8 + n > len(raw):
    sys.exit("header longer than file")
header = json.loads(raw[8:8 + n].decode("utf-8"))
data = raw[8 + n:]
meta = header.pop("__metadata__", {})
spans, out = [], {}
for name, info in header.items():
    b, e = info["data_offsets"]
    dt = np.dtype(DT[info["dtype"]]).newbyteorder("<")
    arr = np.frombuffer(data[b:e], dtype=dt).reshape(info["shape"])
    spans.append((b, e))
    out[name] = {"dtype": info["dtype"], "shape": list(arr.shape), "sum": float(arr.astype(np.float64).sum()),
                 "first": float(arr.reshape(-1)[0]) if arr.size else None}
spans.sort()
pos = 0
for b, e in spans:
    if b != pos:
        sys.exit("offsets do not tile the data")
    pos = e
if pos != len(data):
    sys.exit("trailing bytes")
out["__metadata__"] = meta
print(json.dumps(out, sort_keys=True))
