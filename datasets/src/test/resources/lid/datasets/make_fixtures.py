"""Writes the NumPy-made test fixtures of the datasets module (run from this folder).

numpy 2.4.6 / scipy 1.17.1, python3:  python3 make_fixtures.py
skdim_ball30.csv is a copy of ../shared/reference/skdim_ball30.csv (fixtures.md section 1).
"""
import numpy as np

# byte-for-byte references for our writer (np.save, format 1.0, C order, little-endian)
np.save("numpy_f32_3x4.npy", (np.arange(12, dtype=np.float32).reshape(3, 4) / 4 - 1))
np.save("numpy_i32_5.npy", np.array([2, 4, 8, -1, 0], dtype=np.int32))

# format 2.0, Fortran order, float64
a = np.asfortranarray(np.array([[1.5, -2.25, 3.0], [4.0, 5.125, -6.5]], dtype=np.float64))
with open("numpy_f64_v2_fortran.npy", "wb") as f:
    np.lib.format.write_array(f, a, version=(2, 0))

# big-endian int64 labels
np.save("numpy_i64_be.npy", np.array([3, 1, 4, 1, 5], dtype=">i8"))

# unsupported dtype and a NaN, for the error paths
np.save("numpy_c8.npy", np.zeros((2, 2), dtype=np.complex64))
np.save("numpy_f32_nan.npy", np.array([[0.0, 1.0], [np.nan, 2.0]], dtype=np.float32))

# the N(0, 1) draws behind skdim_ball30.csv: RandomState(0).normal(size=(30, 5)); pushed through
# skdim's hyperBall map z -> z P(5/2, |z|^2/2)^(1/5) / |z| they give columns 0-4 of the fixture
z = np.random.RandomState(0).normal(size=(30, 5))
with open("ball30_normals.csv", "w") as f:
    for row in z:
        f.write(",".join(repr(float(v)) for v in row) + "\n")

if __name__ == "__main__":
    from scipy.special import gammainc
    r = np.linalg.norm(z, axis=1)
    x = z * (gammainc(2.5, r ** 2 / 2) ** (1 / 5) / r)[:, None]
    ref = np.loadtxt("skdim_ball30.csv", delimiter=",")[:, :5]
    print("max |ball(z) - fixture| =", np.abs(x - ref).max())
