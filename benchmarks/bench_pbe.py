"""Timings of the generic PBE solver (:func:`gametrees.verify.pbe.solve_pbe`).

Run ``python benchmarks/bench_pbe.py`` (``--repeat N`` for the best of N runs). Prints,
for beer-quiche and for the Yoder & Cohen baseline tree on the default 11-offer grid
(with thresholds) -- and, for comparison, the model-specific enumerator
(``per_offer_exact`` + ``best_response_set``) on the same tree -- the best wall time and
the number of PBE paths. Nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametrees.builders import MODELS  # noqa: E402
from gametrees.verify.pbe import solve_pbe  # noqa: E402
from gametrees.verify.yoder_cohen.combine import best_response_set  # noqa: E402
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact  # noqa: E402


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    """``fn()`` and its best wall time over ``repeat`` runs, in seconds."""
    best = float("inf")
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return out, best


def bench_pbe(repeat: int = 3, grid: int = 11) -> list[tuple[str, str, float, int]]:
    """Rows ``(game, method, seconds, PBE paths)``; also printed as a table."""
    rows = []
    bq = MODELS["beer_quiche"]
    game = bq.build(bq.params(), ())
    res, t = best_of(lambda: solve_pbe(game), repeat)
    rows.append(("beer-quiche", "generic solve_pbe", t, len(res.equilibria)))
    res, t = best_of(lambda: solve_pbe(game, mixed=False, refinements=False), repeat)
    rows.append(("beer-quiche", "generic, pure only, no refinements", t, len(res.equilibria)))

    spec = MODELS["baseline"]
    p = spec.params()
    offers = spec.grid(p, grid)
    tree, t_build = best_of(lambda: spec.build(p, offers), repeat)
    label = f"baseline, {grid}-offer grid ({len(offers)} offers)"
    rows.append((label, "build the tree", t_build, 0))
    res, t = best_of(lambda: solve_pbe(tree), repeat)
    paths = sum(1 for e in res.equilibria if e.path_pure and e.on_path_blocks_pure)
    rows.append((label, "generic solve_pbe (all paths)", t, len(res.equilibria)))
    rows.append((label, "  of them pure on the path and in its blocks", float("nan"), paths))
    res, t = best_of(lambda: solve_pbe(tree, mixed=False, refinements=False), repeat)
    rows.append((label, "generic, pure only, no refinements", t, len(res.equilibria)))

    def enumerator() -> Any:
        pure, mixed = per_offer_exact(MODELS["baseline"], p, offers)
        return best_response_set(MODELS["baseline"], pure, mixed)

    pbes, t = best_of(enumerator, repeat)
    rows.append((label, "enumerator per_offer_exact + best_response_set", t, len(pbes)))

    width = max(len(r[0]) for r in rows)
    mwidth = max(len(r[1]) for r in rows)
    print(f"{'game':<{width}}  {'method':<{mwidth}}  {'best of ' + str(repeat):>10}  paths")
    for g, m, t, n in rows:
        cell = "-" if t != t else f"{t * 1e3:.1f} ms"  # nan: a count, not a timing
        print(f"{g:<{width}}  {m:<{mwidth}}  {cell:>11}  {n:>5}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--grid", type=int, default=11)
    args = ap.parse_args()
    bench_pbe(args.repeat, args.grid)


if __name__ == "__main__":
    main()
