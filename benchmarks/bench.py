"""Measured timings of gametrees: building, writing, reading and solving the Yoder & Cohen games.

Run ``python benchmarks/bench.py`` (``--quick`` for a smoke run of well under a minute,
``--model client`` for the extension, ``--logit-8`` to add the slow 8-offer full-tree
logit). Prints tables of measured figures; nothing is asserted about time.

Sections:

(a) build the tree, write it as ``.efg`` (``efg.write_efg``), read it back (``efg.read_efg``);
(b) load the tree into pygambit (``gametrees.gambit.to_pygambit``);
(c) verification per grid size: exact enumerator vs closed forms (ratio), Gambit per offer,
    and agent-form logit on the full tree (2 and 4 offers; 8 with ``--logit-8``);
(d) sweep throughput: parameter points per second through the closed forms alone
    (thresholds + a classification of the continuum thresholds) and through
    ``predict_paths`` at grid 7.
(f) the ``.efg`` reader: ``read_efg`` MB/s against ``pygambit.read_efg`` on the same text,
    ``to_pygambit``, and deep chains (``read_efg``, ``validate``, and Gambit's reader in a
    subprocess). ``--slow-gambit`` adds pygambit at 10,000 offers (about 6 minutes).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from gametrees.builders import MODELS
from gametrees.builders.api import Model
from gametrees.builders.params import ParamError, replace_params
from gametrees.tree import stats
from gametrees.verify.yoder_cohen.closed_forms import compile_exact, forms, thresholds
from gametrees.verify.yoder_cohen.types import offer_game


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """``fn()`` and its wall time in seconds."""
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def fmt_s(seconds: float | None) -> str:
    """Seconds for a table cell."""
    if seconds is None:
        return "n/a"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], note: str = "") -> str:
    """A plain-text table."""
    cells = [[str(c) for c in header], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: Sequence[str]) -> str:
        pairs = enumerate(zip(r, widths, strict=True))
        return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in pairs)

    out = [title, line(cells[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells[1:]]
    if note:
        out.append(note)
    return "\n".join(out) + "\n"


def header(model: Model) -> str:
    """Date and machine."""
    try:
        import pygambit

        gv = pygambit.__version__
    except Exception:  # pragma: no cover - pygambit is a dependency
        gv = "not importable"
    return (
        f"gametrees benchmarks -- model {model.name}\n"
        f"date {_dt.datetime.now().astimezone().isoformat(timespec='seconds')}  "
        f"machine {platform.machine()} {platform.system()}  nproc {os.cpu_count()}  "
        f"python {platform.python_version()}  pygambit {gv}\n"
    )


# --------------------------------------------------------------------------- (a), (b)


def section_io(model: Model, sizes: Sequence[int]) -> str:
    """(a) build, .efg write, .efg read."""
    from gametrees.efg.writer import write_efg

    try:
        from gametrees.efg import read_efg
    except ImportError:
        read_efg = None
    spec = model
    params = spec.params()
    rows = []
    for n in sizes:
        offers = spec.grid(params, n)
        game, t_build = timed(lambda offers=offers: spec.build(params, offers))
        text, t_write = timed(lambda game=game: write_efg(game))
        t_read = None
        if read_efg is not None:
            _, t_read = timed(lambda text=text: read_efg(text))
        rows.append(
            [
                n,
                len(offers),
                stats(game).nodes,
                f"{len(text) / 1e6:.2f}",
                fmt_s(t_build),
                fmt_s(t_write),
                fmt_s(t_read),
            ]
        )
    return table(
        "(a) build + .efg write + .efg read",
        ["offers (n)", "grid", "nodes", "efg MB", "build", "write_efg", "read_efg"],
        rows,
        "grid = n even offers plus the closed-form thresholds in [0, 1] and points just above.",
    )


def section_pygambit(model: Model, sizes: Sequence[int]) -> str:
    """(b) pygambit load."""
    from gametrees.gambit import to_pygambit

    spec = model
    params = spec.params()
    rows = []
    for n in sizes:
        offers = spec.grid(params, n)
        game = spec.build(params, offers)
        _, t = timed(lambda game=game: to_pygambit(game))
        rows.append([n, stats(game).nodes, fmt_s(t)])
    return table(
        "(b) pygambit load (to_pygambit)",
        ["offers (n)", "nodes", "to_pygambit"],
        rows,
        f"measured up to {max(sizes)} offers only (Gambit's reader may be slow at 10,000).",
    )


# --------------------------------------------------------------------------- (c)


def section_verify(model: Model, grids: Sequence[int], logit_sizes: Sequence[int]) -> str:
    """(c) enumerator vs closed forms vs Gambit per offer; full-tree logit."""
    from gametrees.verify.yoder_cohen.combine import best_response_set
    from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
    from gametrees.verify.yoder_cohen.predict import predict_paths

    try:
        from gametrees.verify.yoder_cohen.gambit_source import per_offer_gambit
    except ImportError:
        per_offer_gambit = None
    spec = model
    params = spec.params()
    # Warm-up: the first call derives and compiles closed forms (sympy), cached afterwards.
    warm = spec.grid(params, 2)
    predict_paths(model, params, warm)
    best_response_set(model, *per_offer_exact(model, params, warm))
    rows = []
    for n in grids:
        offers = spec.grid(params, n)

        def enumerate_(offers: Sequence[Fraction] = offers) -> Any:
            pure, mixed = per_offer_exact(model, params, offers)
            return best_response_set(model, pure, mixed)

        _, t_enum = timed(enumerate_)
        _, t_cf = timed(lambda offers=offers: predict_paths(model, params, offers))
        t_g = None
        if per_offer_gambit is not None:
            _, t_g = timed(lambda offers=offers: per_offer_gambit(model, params, offers))
        rows.append(
            [
                n,
                len(offers),
                fmt_s(t_enum),
                fmt_s(t_cf),
                f"{t_enum / t_cf:.1f}x",
                fmt_s(t_g),
                f"{t_g / t_cf:.0f}x" if t_g else "n/a",
            ]
        )
    out = table(
        "(c) verification per grid",
        [
            "offers (n)",
            "grid",
            "enumerator",
            "closed forms",
            "enum/cf",
            "gambit per offer",
            "gambit/cf",
        ],
        rows,
        "enumerator = per_offer_exact + best_response_set; closed forms = predict_paths; "
        "gambit = gametrees.verify.yoder_cohen.gambit_source.per_offer_gambit (enumpure_agent).",
    )
    if logit_sizes:
        import pygambit

        from gametrees.gambit import to_pygambit

        lrows = []
        for n in logit_sizes:
            offers = [Fraction(i, n - 1) for i in range(n)]
            g = to_pygambit(spec.build(params, offers))
            _, t = timed(
                lambda g=g: pygambit.nash.logit_solve(
                    g, use_strategic=False, first_step=0.1, max_accel=1.5
                )
            )
            lrows.append([n, len(list(g.infosets)), fmt_s(t)])
        out += "\n" + table(
            "(c') full-tree agent logit (pygambit.nash.logit_solve, first_step=0.1, max_accel=1.5)",
            ["offers", "infosets", "logit_solve"],
            lrows,
            "even offers 0..1; 8 offers only with --logit-8 (tens of seconds).",
        )
    return out


# --------------------------------------------------------------------------- (d)


def continuum_class(
    model: Model, T: dict[tuple[str, str], Fraction], cutoff: Fraction, q: Fraction
) -> tuple:
    """What a sweep needs from the continuum thresholds alone, exactly.

    Per regime ``"none"`` and the alliance-at-stake one: which type accepts first (the
    direction of separation: the paper's, reversed, or none when equal), and whether a
    threshold leaves [0, 1] (a type rejecting or accepting every offer); plus whether
    the alliance can be at stake at all (``cutoff <= 1``, i.e. ``u <= w``) and P's prior
    against its cutoff.
    """
    out = []
    for regime in ("none", offer_game(model).at_stake):
        hi, lo = T[("hi", regime)], T[("lo", regime)]
        first = "hi" if hi < lo else "lo" if lo < hi else "="
        direction = (
            "SE"
            if first == offer_game(model).separation
            else "SE-reversed"
            if first != "="
            else "none"
        )
        clip = tuple((t > 1) - (t < 0) for t in (hi, lo))
        out.append((direction, clip))
    return (*out, cutoff <= 1, (q > cutoff) - (q < cutoff))


def sweep_points(model: Model, n: int) -> Iterator[dict[str, Fraction]]:
    """``n`` deterministic parameter points over the model's two sweep axes (0, 1)^2."""
    a, b = offer_game(model).map_axes
    side = max(2, int(n**0.5) + 1)
    count = 0
    for i in range(1, side + 1):
        for j in range(1, side + 1):
            if count == n:
                return
            yield {a: Fraction(i, side + 1), b: Fraction(j, side + 1)}
            count += 1


def section_sweep(model: Model, n_cf: int, n_predict: int) -> str:
    """(d) sweep throughput."""
    from gametrees.verify.yoder_cohen.predict import predict_paths

    spec = model
    base = spec.params()
    cutoff_f = compile_exact(forms(model).ally_cutoff, model)
    thresholds(model, base)  # derive and compile once, outside the timing
    predict_paths(model, base, spec.grid(base, 2))

    def run_cf() -> tuple[int, int]:
        valid = invalid = 0
        for change in sweep_points(model, n_cf):
            try:
                p = replace_params(base, change)
            except ParamError:
                invalid += 1
                continue
            continuum_class(model, thresholds(model, p), cutoff_f(p), p.q)
            valid += 1
        return valid, invalid

    def run_predict() -> tuple[int, int]:
        valid = invalid = 0
        for change in sweep_points(model, n_predict):
            try:
                p = replace_params(base, change)
            except ParamError:
                invalid += 1
                continue
            predict_paths(model, p, spec.grid(p, 7))
            valid += 1
        return valid, invalid

    rows = []
    for name, fn, n in (
        ("closed forms (thresholds + continuum class)", run_cf, n_cf),
        ("predict_paths, grid 7", run_predict, n_predict),
    ):
        (valid, invalid), t = timed(fn)
        rate = valid / t  # conservative: the time includes rejecting the invalid points
        rows.append(
            [
                name,
                n,
                valid,
                fmt_s(t),
                f"{rate:,.0f}",
                f"{rate * 60:,.0f}",
                f"{100_000 / rate:,.1f} s",
            ]
        )
    return table(
        "(d) sweep throughput (params validated + computed; invalid points counted, skipped)",
        ["pipeline", "points", "valid", "time", "valid/s", "valid/min", "100k valid"],
        rows,
        f"points: a {offer_game(model).map_axes[0]} x {offer_game(model).map_axes[1]} lattice in (0, 1)^2 around the "
        "default parameters; goal: 100,000 points per minute through the closed forms.",
    )


# --------------------------------------------------------------------------- (f) .efg reader
# This section belongs to the .efg reader (efg/reader.py, gametrees.tree.validate).


def _best(fn: Callable[[], Any], repeat: int) -> float:
    """The best wall time of ``repeat`` runs of ``fn``."""
    return min(timed(fn)[1] for _ in range(repeat))


def _gambit_subprocess(text: str, timeout: float = 300) -> str:
    """Time ``pygambit.read_efg`` on ``text`` in a fresh process (it may crash)."""
    import subprocess
    import tempfile

    code = (
        "import sys, time, pygambit\n"
        "t = time.perf_counter(); pygambit.read_efg(sys.argv[1])\n"
        "print(time.perf_counter() - t)\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".efg", delete=False) as fh:
        fh.write(text)
    try:
        run = subprocess.run(
            [sys.executable, "-c", code, fh.name], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s"
    finally:
        os.unlink(fh.name)
    if run.returncode < 0:
        return f"crashed (signal {-run.returncode})"
    if run.returncode:
        return "error"
    return fmt_s(float(run.stdout.strip().splitlines()[-1]))


def _deep_chain(depth: int) -> Any:
    """One player deciding ``go``/``stop`` ``depth`` times in a row (built bottom-up)."""
    from gametrees.tree import Decision, Game, Terminal

    node: Any = Terminal((Fraction(1),), outcome="end")
    for i in reversed(range(depth)):
        node = Decision(
            "A", f"s{i}", ("go", "stop"), (node, Terminal((Fraction(0),), outcome=f"x{i}"))
        )
    return Game(("A",), node)


def section_efg_reader(
    model: str,
    sizes: Sequence[int],
    labelled_max: int,
    gambit_max: int,
    depths: Sequence[int],
) -> str:
    """(f) read_efg against pygambit's reader; deep chains."""
    import io

    import pygambit

    from gametrees.efg import read_efg, write_efg
    from gametrees.gambit import to_pygambit
    from gametrees.tree import validate

    spec = MODELS[model]
    params = spec.params()
    rows = []
    for n in sizes:
        game = spec.build(params, spec.default_offers(params, n))
        text = write_efg(game)
        unlabelled = write_efg(game, infoset_labels=False)
        repeat = 3 if n <= 1000 else 1
        t_read = _best(lambda text=text: read_efg(text), repeat)
        t_pg = t_pg_unl = t_to = None
        if n <= labelled_max:
            t_pg = _best(lambda text=text: pygambit.read_efg(io.StringIO(text)), repeat)
        if n <= gambit_max:
            t_pg_unl = _best(lambda u=unlabelled: pygambit.read_efg(io.StringIO(u)), repeat)
            _, t_to = timed(lambda game=game: to_pygambit(game))
        mb = len(text) / 1e6
        rows.append(
            [
                n,
                stats(game).nodes,
                f"{mb:.2f}",
                fmt_s(t_read),
                f"{mb / t_read:.1f}",
                fmt_s(t_pg),
                fmt_s(t_pg_unl),
                f"{len(unlabelled) / 1e6 / t_pg_unl:.1f}" if t_pg_unl else "n/a",
                fmt_s(t_to),
            ]
        )
    out = table(
        "(f) .efg reading: read_efg (parse + build + validate) vs pygambit.read_efg",
        [
            "offers (n)",
            "nodes",
            "efg MB",
            "read_efg",
            "MB/s",
            "pygambit",
            "pygambit, sets unlabelled",
            "MB/s",
            "to_pygambit",
        ],
        rows,
        f"pygambit on the file as written only up to {labelled_max} offers: Gambit 16.7 checks "
        "each information-set label against the player's earlier ones (quadratic); unlabelled "
        f"(as to_pygambit writes it) up to {gambit_max} offers: each outcome label is checked "
        "against all earlier outcomes (quadratic too). n/a = not measured.",
    )
    drows = []
    for depth in depths:
        game = _deep_chain(depth)
        text = write_efg(game)
        t_read = _best(lambda text=text: read_efg(text), 1)
        t_val = _best(lambda game=game: validate(game), 1)
        t_write = _best(lambda game=game: write_efg(game), 1)
        drows.append(
            [
                depth,
                2 * depth + 1,
                fmt_s(t_read),
                fmt_s(t_val),
                fmt_s(t_write),
                _gambit_subprocess(text),
            ]
        )
    out += "\n" + table(
        "(f') a decision chain, depth deep: read_efg, validate, write_efg; Gambit's reader",
        ["depth", "nodes", "read_efg", "validate", "write_efg", "pygambit.read_efg"],
        drows,
        "pygambit in a fresh process: its reader recurses once per level.",
    )
    return out


# --------------------------------------------------------------------------- main


def section_goals(model: Model, grid: int, logit_offers: int | None) -> str:
    """The issues' goals: a whole verification of a 101-offer grid, and the enumerator
    against full-tree logit on the same small game."""
    from gametrees.builders.grid import evenly_spaced
    from gametrees.verify.yoder_cohen.combine import best_response_set
    from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
    from gametrees.verify.yoder_cohen.run import verify_point

    spec = model
    p = spec.params()
    offers = evenly_spaced(grid)
    res, t = timed(lambda: verify_point(model, p, offers, gambit_mixed=False))
    rows = [
        [
            f"verify_point, {grid} offers (Gambit per offer + enumerator + closed forms "
            "+ certification)",
            fmt_s(t),
            "agree" if res.agree else "DISAGREE",
        ],
    ]
    if logit_offers:
        small = evenly_spaced(logit_offers)
        _, t_enum = timed(lambda: best_response_set(model, *per_offer_exact(model, p, small)))
        from gametrees.verify.yoder_cohen.gambit_source import full_tree_logit

        _, t_logit = timed(lambda: full_tree_logit(model, p, small))
        rows.append([f"enumerator, {logit_offers} offers", fmt_s(t_enum), ""])
        rows.append(
            [
                f"full-tree logit, {logit_offers} offers",
                fmt_s(t_logit),
                f"{t_logit / t_enum:,.0f}x the enumerator",
            ]
        )
    return table(
        "(e) goals",
        ["what", "time", "result"],
        rows,
        "goals: 101-offer verification under 10 s; enumerator >= 1000x faster than logit at 8 offers.",
    )


def section_solvers() -> str:
    """(g) the default solve on every game of pygambit's catalogue and the fixtures: the
    method it chose and its time; and the start-up time of the CLI."""
    import subprocess

    import pygambit.catalog as catalog

    from gametrees.efg import read_efg_file
    from gametrees.gambit.solve import solve

    root = Path(str(catalog._CATALOG_RESOURCE))
    files = sorted(root.rglob("*.efg")) + sorted(
        (Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "efg").glob("*.efg")
    )
    rows = []
    for f in files:
        game = read_efg_file(f)
        sol, t = timed(lambda game=game: solve(game))
        good = sum(e.certified for e in sol.equilibria)
        tried = " > ".join(a.solver for a in sol.attempts if not a.outcome.startswith("skipped"))
        rows.append(
            (
                str(f.relative_to(root)) if root in f.parents else f.name,
                sol.method,
                f"{good}/{len(sol.equilibria)}",
                tried,
                fmt_s(t),
            )
        )
    cli = Path(sys.executable).with_name("gametrees")
    small = files[0]
    starts = []
    for args in (["--help"], ["info", str(small)]):
        best = min(
            timed(lambda a=args: subprocess.run([str(cli), *a], capture_output=True, check=True))[1]
            for _ in range(3)
        )
        starts.append(f"gametrees {' '.join(args[:1])}: {fmt_s(best)}")
    return table(
        "(g) default solve on pygambit's catalogue and the fixtures",
        ("game", "method", "certified", "tried", "time"),
        rows,
        "start-up (best of 3): " + "; ".join(starts) + " (goal: < 0.3 s each)",
    )


def section_check(model: Model, samples: int) -> str:
    """(h) gametrees check: parameter points decided per minute, on the default grid."""
    from gametrees.verify.claims import check_claims
    from gametrees.verify.pipeline import find_analysis

    report, t = timed(lambda: check_claims(model, find_analysis(model), samples=samples))
    sampled = [r for r in report.results if r.points > 1]
    points = sum(r.points for r in sampled)
    rows = [(r.name[:60], r.verdict, r.points) for r in report.results]
    return table(
        f"(h) gametrees check {model.name}: {len(report.results)} claims, {samples} points each",
        ("claim", "verdict", "points"),
        rows,
        f"{points} points decided exactly in {fmt_s(t)}: {points / t * 60:,.0f} a minute "
        "(goal: >= 1,000 a minute on one core at the default grid)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sections and print their tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (CI smoke run)")
    ap.add_argument("--model", default="baseline", choices=("baseline", "client"))
    ap.add_argument("--logit-8", action="store_true", help="also run full-tree logit at 8 offers")
    ap.add_argument(
        "--slow-gambit",
        action="store_true",
        help="(f): also pygambit and to_pygambit at 10,000 offers (about 6 minutes)",
    )
    args = ap.parse_args(argv)
    model = MODELS[args.model]
    if args.quick:
        io_sizes, pg_sizes, grids, logit = [10, 100, 1000], [10, 100], [11], [2]
        n_cf, n_pred = 5_000, 100
    else:
        io_sizes, pg_sizes, grids, logit = (
            [10, 100, 1000, 10_000],
            [10, 100, 1000],
            [11, 51, 101],
            [2, 4],
        )
        n_cf, n_pred = 50_000, 500
    if args.logit_8:
        logit = [*logit, 8]
    print(header(model) + ("sizes: --quick\n" if args.quick else ""), flush=True)
    _, t0 = timed(lambda: (forms(model), thresholds(model, model.params())))
    print(f"closed-form derivation (sympy, once per process): {fmt_s(t0)}\n", flush=True)
    for section in (
        lambda: section_io(model, io_sizes),
        lambda: section_pygambit(model, pg_sizes),
        lambda: section_verify(model, grids, logit),
        lambda: section_sweep(model, n_cf, n_pred),
        lambda: section_goals(model, 11 if args.quick else 101, 8 if args.logit_8 else None),
        # (f), the .efg reader
        lambda: section_efg_reader(
            model,
            [100, 1000] if args.quick else [100, 300, 1000, 10_000],
            100 if args.quick else 300,
            10_000 if args.slow_gambit else 1000,
            [2000, 20_000] if args.quick else [8000, 20_000, 100_000],
        ),
        section_solvers,
        lambda: section_check(model, 100 if args.quick else 300),
    ):
        print(section(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
