#!/usr/bin/env python3
"""Compares freshly generated reference values with the committed ones, number by number.

    python3 Tests/reference/compare_fixtures.py COMMITTED.json REGENERATED.json [--rtol 1e-12]

Every number must agree within a relative tolerance (default 1e-12, with an absolute floor of
1e-300 for values at zero); strings, booleans, keys and list lengths must be equal. The
"generator" block (tool versions) is reported, not compared. Exits 1 and lists the first
differences when anything disagrees, so CI fails when lifelines, scipy or numpy would give
other answers than the ones the Swift tests check against — but not on a change in the 16th
digit, which a newer numpy produces without any change in meaning.
"""
import json
import math
import sys


def walk(a, b, path, rtol, out):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            out.append(f"{path}: keys differ: {sorted(set(a) ^ set(b))}")
            return
        for k in sorted(a):
            if path == "" and k == "generator":
                continue
            walk(a[k], b[k], f"{path}.{k}" if path else k, rtol, out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items committed, {len(b)} regenerated")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", rtol, out)
    elif isinstance(a, bool) or isinstance(b, bool) or isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        if a != b:
            out.append(f"{path}: {a!r} committed, {b!r} regenerated")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not math.isclose(a, b, rel_tol=rtol, abs_tol=1e-300):
            out.append(f"{path}: {a!r} committed, {b!r} regenerated (relative difference {abs(a - b) / max(abs(a), abs(b)):.3g})")
    elif a != b:
        out.append(f"{path}: {a!r} committed, {b!r} regenerated")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rtol = 1e-12
    if "--rtol" in sys.argv:
        rtol = float(sys.argv[sys.argv.index("--rtol") + 1])
        args = [a for a in args if a != sys.argv[sys.argv.index("--rtol") + 1]]
    committed, regenerated = (json.load(open(p, encoding="utf-8")) for p in args[:2])
    out = []
    walk(committed, regenerated, "", rtol, out)
    gen_a, gen_b = committed.get("generator", {}), regenerated.get("generator", {})
    if gen_a != gen_b:
        print(f"note: tool versions differ: committed {gen_a}, regenerated {gen_b}")
    if out:
        print(f"{len(out)} reference values differ beyond relative tolerance {rtol}:")
        for line in out[:20]:
            print("  " + line)
        sys.exit(1)
    print(f"{args[1]}: every value within relative tolerance {rtol} of {args[0]}")


if __name__ == "__main__":
    main()
