#!/usr/bin/env python3
"""Regenerate test/fixtures/linalg/*.json: LAPACK (numpy) reference results for
the TypeScript linear algebra in src/core/linalg.

Inputs are stored compactly: most are recipes that test/unit/linalg/fixtures.ts
rebuilds bit-for-bit from a seeded mulberry32 stream using only exact operations
(uniform draws are k/2^31 - 1, integer products, power-of-two scalings, and one
rounded product by 1e±150 which IEEE makes identical in both languages). Inputs
that need rounded arithmetic to build (prescribed singular values or
eigenvalues) are stored as explicit row-major data. Run from the repo root:

    python3 scripts/gen-linalg-fixtures.py
"""
import json
import os

import numpy as np

OUT = os.path.join("test", "fixtures", "linalg")
EPS = np.finfo(float).eps


def mulberry32(seed):
    """Same stream as mulberry32 in fixtures.ts (unsigned 32-bit outputs)."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    while True:
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & 0xFFFFFFFF) ^ t
        yield (t ^ (t >> 14)) & 0xFFFFFFFF


def uniform(seed, count):
    g = mulberry32(seed)
    return np.array([next(g) / 2**31 - 1 for _ in range(count)])


def integers(seed, count, max_int):
    g = mulberry32(seed)
    return np.array([float(next(g) % (2 * max_int + 1) - max_int) for _ in range(count)])


def build(rows, cols, recipe):
    """Must mirror buildInput in test/unit/linalg/fixtures.ts exactly."""
    kind = recipe["kind"]
    if kind == "uniform":
        a = uniform(recipe["seed"], rows * cols).reshape(rows, cols)
        if "columnLog2" in recipe:
            a = a * np.array([2.0 ** e for e in recipe["columnLog2"]])
        return a * recipe.get("scale", 1.0)
    if kind == "thin-product":
        k = recipe["rank"]
        b = integers(recipe["seed"], rows * k, 9).reshape(rows, k)
        c = integers(recipe["seed"] + 1, k * cols, 9).reshape(k, cols)
        return b @ c
    if kind == "symmetric-uniform":
        b = uniform(recipe["seed"], rows * cols).reshape(rows, cols)
        return b + b.T
    if kind == "hadamard":
        h = np.array([[1.0]])
        while h.shape[0] < rows:
            h = np.block([[h, h], [h, -h]])
        return h
    if kind == "ones":
        return np.ones((rows, cols))
    if kind == "zeros":
        return np.zeros((rows, cols))
    if kind == "data":
        return np.array(recipe["data"], dtype=float).reshape(rows, cols)
    raise ValueError(kind)


def orthogonal(rng, n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def prescribed_svd(rng, rows, cols, s):
    m = min(rows, cols)
    u, v = orthogonal(rng, rows)[:, :m], orthogonal(rng, cols)[:, :m]
    return (u * np.asarray(s, dtype=float)) @ v.T


def prescribed_eig(rng, values):
    q = orthogonal(rng, len(values))
    return (q * np.asarray(values, dtype=float)) @ q.T


def graded(n, cond):
    """n singular values from 1 down to 1/cond, evenly spaced in log scale."""
    return np.logspace(0, -np.log10(cond), n)


def canonical_columns(x):
    """Same rule as canonicalSign: last entry with |x| > 1e-9*max|x| positive."""
    x = x.copy()
    for j in range(x.shape[1]):
        col = x[:, j]
        big = np.nonzero(np.abs(col) > 1e-9 * np.abs(col).max())[0]
        if len(big) and col[big[-1]] < 0:
            x[:, j] = -col
    return x


def canonical_svd(a):
    u, s, vt = np.linalg.svd(a)
    v = vt.T.copy()
    rank = int(np.sum(s > max(a.shape) * EPS * s.max())) if s.size and s.max() > 0 else 0
    for i in range(rank):
        big = np.nonzero(np.abs(v[:, i]) > 1e-9 * np.abs(v[:, i]).max())[0]
        if v[big[-1], i] < 0:
            u[:, i], v[:, i] = -u[:, i], -v[:, i]
    u[:, rank:] = canonical_columns(u[:, rank:])
    v[:, rank:] = canonical_columns(v[:, rank:])
    return u, s, v, rank


def flat(x):
    return [float(t) for t in np.asarray(x).ravel()]


def svd_case(name, rows, cols, recipe, conditioning, vectors=False):
    a = build(rows, cols, recipe)
    u, s, v, rank = canonical_svd(a)
    case = {"name": name, "rows": rows, "cols": cols, "input": recipe,
            "conditioning": conditioning, "s": flat(s), "rank": rank}
    if vectors:
        case["U"], case["V"] = flat(u), flat(v)
    return case


def eigh_case(name, n, recipe, vectors=False):
    a = build(n, n, recipe)
    w, q = np.linalg.eigh(a)
    order = np.argsort(-w, kind="stable")
    case = {"name": name, "n": n, "input": recipe, "values": flat(w[order])}
    if vectors:
        case["vectors"] = flat(canonical_columns(q[:, order]))
    return case


def main():
    rng = np.random.default_rng(20240601)  # consumed in order: keep the case order stable
    svd_cases = [
        svd_case("worked example 3×2", 3, 2, {"kind": "data", "data": [1, 1, 1, 0, 0, 1]}, "well", True),
        svd_case("uniform 200×200", 200, 200, {"kind": "uniform", "seed": 1}, "well"),
        svd_case("uniform 150×40", 150, 40, {"kind": "uniform", "seed": 2}, "well"),
        svd_case("uniform 40×150", 40, 150, {"kind": "uniform", "seed": 3}, "well"),
        svd_case("uniform 100×100", 100, 100, {"kind": "uniform", "seed": 4}, "well"),
        svd_case("uniform 8×5 with vectors", 8, 5, {"kind": "uniform", "seed": 5}, "well", True),
        svd_case("uniform 5×8 with vectors", 5, 8, {"kind": "uniform", "seed": 6}, "well", True),
        svd_case("uniform 30×20 with vectors", 30, 20, {"kind": "uniform", "seed": 7}, "well", True),
        svd_case("1×1", 1, 1, {"kind": "data", "data": [-3.5]}, "well", True),
        svd_case("1×5", 1, 5, {"kind": "uniform", "seed": 8}, "well", True),
        svd_case("5×1", 5, 1, {"kind": "uniform", "seed": 9}, "well", True),
        svd_case("zeros 4×3", 4, 3, {"kind": "zeros"}, "singular", True),
        svd_case("zeros 2×5", 2, 5, {"kind": "zeros"}, "singular", True),
        svd_case("uniform 30×20 scaled 1e150", 30, 20, {"kind": "uniform", "seed": 10, "scale": 1e150}, "well"),
        svd_case("uniform 20×30 scaled 1e-150", 20, 30, {"kind": "uniform", "seed": 11, "scale": 1e-150}, "well"),
        svd_case("uniform 25×25 scaled 1e300", 25, 25, {"kind": "uniform", "seed": 12, "scale": 1e300}, "well"),
        svd_case("rank 5 product 60×40", 60, 40, {"kind": "thin-product", "seed": 13, "rank": 5}, "singular"),
        svd_case("rank 3 product 30×70", 30, 70, {"kind": "thin-product", "seed": 15, "rank": 3}, "singular"),
        svd_case("rank 1 product 9×9", 9, 9, {"kind": "thin-product", "seed": 17, "rank": 1}, "singular"),
        svd_case("Hadamard 16 (all σ = 4)", 16, 16, {"kind": "hadamard"}, "well"),
        svd_case("ones 6×4 (rank 1)", 6, 4, {"kind": "ones"}, "singular"),
        svd_case("repeated σ 12×10", 12, 10, {"kind": "data", "data": flat(prescribed_svd(
            rng, 12, 10, [3, 3, 3, 2, 2, 1, 1, 1, 0.5, 0.5]))}, "well"),
        svd_case("repeated σ with null space 10×14", 10, 14, {"kind": "data", "data": flat(prescribed_svd(
            rng, 10, 14, [2, 2, 2, 2, 1, 1, 0, 0, 0, 0]))}, "singular"),
        svd_case("graded cond 1e8 40×30", 40, 30, {"kind": "data", "data": flat(prescribed_svd(
            rng, 40, 30, graded(30, 1e8)))}, "ill"),
        svd_case("graded cond 1e15 30×30", 30, 30, {"kind": "data", "data": flat(prescribed_svd(
            rng, 30, 30, graded(30, 1e15)))}, "ill"),
        svd_case("columns scaled 2^0…2^-50 50×35", 50, 35, {"kind": "uniform", "seed": 19, "columnLog2": [
            -round(50 * j / 34) for j in range(35)]}, "ill"),
        svd_case("columns scaled 2^0…2^-400 20×12", 20, 12, {"kind": "uniform", "seed": 20, "columnLog2": [
            -round(400 * j / 11) for j in range(12)]}, "ill"),
    ]
    wilkinson = np.diag(np.abs(np.arange(-10, 11)).astype(float)) + np.diag(np.ones(20), 1) + np.diag(np.ones(20), -1)
    eigh_cases = [
        eigh_case("symmetric uniform 60×60", 60, {"kind": "symmetric-uniform", "seed": 21}),
        eigh_case("symmetric uniform 200×200", 200, {"kind": "symmetric-uniform", "seed": 22}),
        eigh_case("symmetric uniform 6×6 with vectors", 6, {"kind": "symmetric-uniform", "seed": 23}, True),
        eigh_case("ones 7×7 (7 and six 0s)", 7, {"kind": "ones"}),
        eigh_case("repeated 5,5,5,2,2,-1,-1,-1,0,0", 10, {"kind": "data", "data": flat(
            prescribed_eig(rng, [5, 5, 5, 2, 2, -1, -1, -1, 0, 0]))}),
        eigh_case("diagonal with repeats", 5, {"kind": "data", "data": flat(np.diag([3.0, 1, 3, 2, 1]))}),
        eigh_case("Wilkinson W21+ (near-equal pairs)", 21, {"kind": "data", "data": flat(wilkinson)}),
        eigh_case("1×1", 1, {"kind": "data", "data": [-2.5]}, True),
        eigh_case("2×2 swap", 2, {"kind": "data", "data": [0, 1, 1, 0]}, True),
        eigh_case("zeros 4×4", 4, {"kind": "zeros"}, True),
        eigh_case("graded 1…1e-12 12×12", 12, {"kind": "data", "data": flat(
            prescribed_eig(rng, graded(12, 1e12)))}),
    ]
    g = mulberry32(12345)
    generator = {"seed": 12345, "first": [next(g) for _ in range(5)]}
    os.makedirs(OUT, exist_ok=True)
    for name, body in [("svd.json", {"generator": generator, "cases": svd_cases}),
                       ("eigh.json", {"cases": eigh_cases})]:
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(body, f, separators=(",", ":"))
            f.write("\n")
        print(name, os.path.getsize(os.path.join(OUT, name)), "bytes")


if __name__ == "__main__":
    main()
