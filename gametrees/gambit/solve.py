"""Solve any game with Gambit's solvers, as a Gambit user expects: the right method by
default, fallbacks, time limits, and every answer checked.

:func:`solve` runs one method (``solver=``) or the default strategy, which chooses by the
game's players, its sizes in the strategic, sequence and agent forms and its recall
(:func:`plan`), and falls back to the next method when one fails, crashes, runs out of time
or returns nothing certified; the :class:`~gametrees.solution.Solution` lists every method
tried and why (:class:`~gametrees.solution.Attempt`). ``all_equilibria=True`` asks for all
equilibria from a method that guarantees them (``enummixed``, ``enumpoly``, ``enumpure``)
and says how complete the list is.

Every method runs in a child process (``fork``): Gambit's C++ code cannot be interrupted
and can crash (``enumpoly`` segfaults on some games with imperfect recall), and a child
can be killed cleanly at a time limit. The child converts the profiles to our terms.

Every equilibrium is checked (:class:`~gametrees.solution.Equilibrium` ``certified`` and
``certificate``): exact profiles by Gambit's exact agent regret (0 for a Nash equilibrium
of the agent form; GAMBIT_NOTES pitfall 1: never ``max_regret``, which builds the strategic
form); float profiles by their float agent regret against a tolerance relative to the
payoff range, after first trying to round them to nearby rationals whose exact regret is 0
(many float equilibria are rational). For logit the final lambda is reported, and a trace
that turned back or stopped short is flagged (pitfall 2).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pygambit

from gametrees.gambit.convert import exact, to_pygambit
from gametrees.gambit.sizes import GameSize, game_size
from gametrees.gambit.solvers import (
    FINDS,
    SOLVERS,
    SolverOptions,
    SolverSpec,
    applicable_solvers,
    is_constant_sum,
    refusal,
    run_solver,
)
from gametrees.solution import Attempt, Equilibrium, Solution, Value
from gametrees.tree import Decision, Game, infosets

__all__ = [
    "DEFAULT_BUDGET",
    "SOLVERS",
    "SolveError",
    "SolverOptions",
    "applicable_solvers",
    "default_solver",
    "is_constant_sum",
    "plan",
    "solve",
]

#: Seconds each method of the default strategy may run before the next one is tried.
DEFAULT_BUDGET = 20.0
#: A float profile is certified when its agent regret is at most this times the payoff range.
FLOAT_TOLERANCE = 1e-6
#: Denominators tried when rounding a float profile to rationals.
_DENOMINATORS = (10, 100, 1000, 10**4, 10**6)


class SolveError(ValueError):
    """A solver does not apply to the game, or the options do not fit it."""


def plan(
    game: Game, *, all_equilibria: bool = False, size: GameSize | None = None
) -> list[tuple[str, str]]:
    """The default strategy's methods for ``game``, in order, each with why it is tried.

    One player: enumpure (the player's best pure plans). Two players, perfect recall: lcp
    (fast, exact, on the sequence form), then enummixed, simpdiv, logit, liap_agent; with
    ``all_equilibria``: enummixed, enumpoly, enumpure. More players: enumpoly (all isolated
    equilibria of a small sequence form), then simpdiv, ipa, gnm, logit, liap_agent; with
    ``all_equilibria``: enumpoly, enumpure. Imperfect recall: enumpure_agent and logit, the
    only methods Gambit 16.7 runs on such games. (Gambit's agent regret assumes perfect
    recall; on such games a profile may be reported as not certified.)
    """
    size = size or game_size(game)
    n = len(size.players)
    if not size.perfect_recall:
        names = ["enumpure_agent", "logit"]
        why = "imperfect recall: Gambit 16.7 computes equilibria only with enumpure_agent and logit"
    elif n == 1:
        names, why = ["enumpure", "enumpure_agent", "logit"], "one player: its best pure plans"
    elif n == 2 and all_equilibria:
        names = ["enummixed", "enumpoly", "enumpure", "lcp"]
        why = "two players, all equilibria: enumeration methods first"
    elif n == 2:
        names = ["lcp", "enummixed", "simpdiv", "logit", "liap_agent"]
        why = "two players, perfect recall: the sequence-form LCP first"
    elif all_equilibria:
        names = ["enumpoly", "enumpure", "simpdiv", "logit"]
        why = f"{n} players, all equilibria: polynomial support enumeration first"
    else:
        names = ["enumpoly", "simpdiv", "ipa", "gnm", "logit", "liap_agent"]
        why = f"{n} players: polynomial support enumeration first, then approximation methods"
    return [(name, why) for name in names]


def default_solver(game: Game) -> str:
    """The first method the default strategy would run on ``game`` (for display)."""
    size = game_size(game)
    cs = is_constant_sum(game)
    for name, _ in plan(game, size=size):
        if refusal(SOLVERS[name], size, SolverOptions(), constant_sum=cs) is None:
            return name
    return plan(game, size=size)[0][0]


# --------------------------------------------------------------------------- the child's work


def _value(x: Any, is_exact: bool) -> Value:
    return exact(x) if is_exact else float(x)


def _as_behavior(g: pygambit.Game, prof: Any) -> Any:
    """A behaviour profile of ``prof``; sets a reduced strategy leaves unspecified (every
    probability 0: the player's own earlier move avoids them) get the uniform distribution,
    which changes no payoff."""
    b = prof.as_behavior() if hasattr(prof, "as_behavior") else prof
    for infoset in g.infosets:
        if infoset.is_chance:
            continue
        acts = list(infoset.actions)
        if all(b[a] == 0 for a in acts):
            for a in acts:
                b[a] = (
                    pygambit.Rational(1, len(acts))
                    if isinstance(b[acts[0]], pygambit.Rational)
                    else 1 / len(acts)
                )
    return b


def _rounded(g: pygambit.Game, b: Any) -> Any | None:
    """A rational profile near the float profile ``b`` with exact agent regret 0, if one of
    the tried denominators gives it."""
    for den in _DENOMINATORS:
        r = g.mixed_behavior_profile(rational=True)
        ok = True
        for infoset in g.infosets:
            if infoset.is_chance:
                continue
            acts = list(infoset.actions)
            vals = [Fraction(float(b[a])).limit_denominator(den) for a in acts]
            vals = [max(v, Fraction(0)) for v in vals]
            total = sum(vals)
            if total == 0:
                ok = False
                break
            vals = [v / total for v in vals]
            for a, v in zip(acts, vals, strict=True):
                r[a] = pygambit.Rational(v.numerator, v.denominator)
        if ok and exact(r.agent_max_regret()) == 0:
            return r
    return None


def _equilibrium(game: Game, g: pygambit.Game, b: Any, is_exact: bool, span: float) -> Equilibrium:
    by_label = {s.label: s for s in g.infosets if not s.is_chance}
    certificate = ""
    certified = False
    if is_exact:
        regret: Value = exact(b.agent_max_regret())
        certified = regret == 0
        certificate = f"exact agent regret {regret}"
    else:
        regret = float(b.agent_max_regret())
        r = _rounded(g, b)
        if r is not None:
            b, is_exact = r, True
            regret = Fraction(0)
            certified = True
            certificate = "rounded to rationals: exact agent regret 0"
        else:
            certified = regret <= FLOAT_TOLERANCE * span
            certificate = (
                f"float agent regret {regret:.3g} (tolerance {FLOAT_TOLERANCE:g} x payoff range)"
            )
    behavior: dict[str, dict[str, Value]] = {}
    beliefs: dict[str, tuple[Value | None, ...]] = {}
    for (_, name), members in infosets(game).items():
        s = by_label[name]
        node: Decision = members[0][1]
        probs = {a.label: _value(b[a], is_exact) for a in s.actions}
        behavior[name] = {a: probs[a] for a in node.actions}
        beliefs[name] = tuple(
            None if (v := b.belief(m)) is None else _value(v, is_exact) for m in s.members
        )
    return Equilibrium(behavior, beliefs, regret, certified=certified, certificate=certificate)


def _work(spec: SolverSpec, game: Game, options: SolverOptions) -> dict[str, Any]:
    """Everything done in the child: convert, run, read back, check."""
    g = to_pygambit(game, check=False)
    span = float(g.max_payoff - g.min_payoff) or 1.0
    profiles, info = run_solver(spec, g, options)
    is_exact = spec.is_exact(options)
    eqs = [_equilibrium(game, g, _as_behavior(g, p), is_exact, span) for p in profiles]
    return {"equilibria": eqs, "info": info}


def _child(conn: Any, spec: SolverSpec, game: Game, options: SolverOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles interrupts
    try:
        conn.send(("ok", _work(spec, game, options)))
    except BaseException as exc:  # report any failure of Gambit's in words
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


@dataclass(frozen=True)
class _Outcome:
    """What became of one method's child process: ``ok``, ``error``, ``timeout`` or ``crash``."""

    kind: str
    detail: Any = None


def _run_isolated(
    spec: SolverSpec, game: Game, options: SolverOptions, timeout: float | None
) -> _Outcome:
    """Run ``spec`` in a forked child; kill it at ``timeout`` seconds."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, spec, game, options), daemon=True)
    proc.start()
    child.close()
    kind, detail = "interrupted", None
    try:
        if parent.poll(timeout):
            try:
                kind, detail = parent.recv()
            except EOFError:
                kind, detail = "crash", None
        else:
            kind, detail = "timeout", timeout
    finally:
        if kind != "ok" and proc.is_alive():
            proc.kill()
        proc.join(5)
        if proc.is_alive():
            os.kill(proc.pid, signal.SIGKILL)
            proc.join()
        parent.close()
    if kind == "crash":
        return _Outcome("crash", proc.exitcode)
    return _Outcome(kind, detail)


def _describe(outcome: _Outcome) -> str:
    if outcome.kind == "timeout":
        return f"stopped after {outcome.detail:g} s (Gambit cannot be interrupted; its process was killed)"
    if outcome.kind == "crash":
        code = outcome.detail
        how = f"signal {-code}" if isinstance(code, int) and code < 0 else f"exit {code}"
        return f"Gambit crashed ({how})"
    return f"failed: {outcome.detail}"


# --------------------------------------------------------------------------- solve


def solve(
    game: Game,
    solver: str | None = None,
    *,
    options: SolverOptions | None = None,
    all_equilibria: bool = False,
    timeout: float | None = None,
) -> Solution:
    """Equilibria of ``game`` from ``solver``, or from the default strategy (:func:`plan`).

    Parameters
    ----------
    game : Game
        Any finite game tree.
    solver : str, optional
        A name of :data:`SOLVERS`; ``None`` runs the default strategy with fallbacks.
    options : SolverOptions, optional
        Gambit's options for the method (refused where the method takes none of them).
    all_equilibria : bool
        Ask for all equilibria (default strategy: the enumeration methods first).
    timeout : float, optional
        Seconds a method may run (default: unlimited for a named solver,
        :data:`DEFAULT_BUDGET` per method for the default strategy).

    Returns
    -------
    Solution
        The equilibria, each checked, with the methods tried and how complete the list is.

    Raises
    ------
    SolveError
        ``solver`` is unknown or does not apply (the message lists those that do).
    """
    opts = options or SolverOptions()
    size = game_size(game)
    cs = is_constant_sum(game)
    if solver is not None:
        spec = SOLVERS.get(solver)
        if spec is None:
            raise SolveError(
                f"unknown solver {solver!r}; solvers for this game: {', '.join(applicable_solvers(game, size=size))}"
            )
        why = refusal(spec, size, opts, constant_sum=cs)
        if why is not None:
            raise SolveError(
                f"{why}. Solvers for this game: {', '.join(applicable_solvers(game, size=size))}"
            )
        candidates = [(solver, "asked for")]
        budget = timeout
    else:
        candidates = plan(game, all_equilibria=all_equilibria, size=size)
        budget = timeout if timeout is not None else DEFAULT_BUDGET
    attempts: list[Attempt] = []
    chosen: tuple[SolverSpec, list[Equilibrium], dict[str, Any]] | None = None
    fallback: tuple[SolverSpec, list[Equilibrium], dict[str, Any]] | None = None
    for name, reason in candidates:
        spec = SOLVERS[name]
        why = refusal(spec, size, opts if solver else SolverOptions(), constant_sum=cs)
        if why is not None:
            attempts.append(Attempt(name, reason, f"skipped: {why}", 0.0))
            continue
        run_opts = opts if solver else SolverOptions()
        t = time.perf_counter()
        outcome = _run_isolated(spec, game, run_opts, budget)
        seconds = time.perf_counter() - t
        if outcome.kind != "ok":
            attempts.append(Attempt(name, reason, _describe(outcome), seconds))
            continue
        eqs = outcome.detail["equilibria"]
        info = outcome.detail["info"]
        good = [e for e in eqs if e.certified]
        attempts.append(
            Attempt(
                name,
                reason,
                f"found {len(eqs)}, {len(good)} certified" if eqs else "found none",
                seconds,
            )
        )
        if good:
            chosen = (spec, eqs, info)
            break
        if eqs and fallback is None:
            fallback = (spec, eqs, info)
        if solver is not None:
            break
    picked = chosen or fallback
    notes: list[str] = []
    warnings: list[str] = []
    lam = None
    if picked is None:
        spec_used = SOLVERS[candidates[0][0]] if solver else None
        method = solver or "default strategy"
        eqs: list[Equilibrium] = []
        warnings.append(
            "no equilibrium found: " + "; ".join(f"{a.solver}: {a.outcome}" for a in attempts)
        )
        complete, completeness = False, ""
        exact_result = bool(spec_used and spec_used.is_exact(opts))
    else:
        spec_used, eqs, info = picked
        method = spec_used.name
        exact_result = spec_used.is_exact(opts if solver else SolverOptions())
        lam = info.get("lambda")
        if lam is not None:
            notes.append(f"logit: final lambda {lam:.6g}")
            if info.get("lambda_max") is not None and lam < info["lambda_max"] * (1 - 1e-9):
                warnings.append(
                    f"logit's branch turned back: final lambda {lam:.6g} < {info['lambda_max']:.6g}"
                )
        uncertified = [i + 1 for i, e in enumerate(eqs) if not e.certified]
        if uncertified:
            warnings.append(
                f"equilibria {', '.join(map(str, uncertified))} are not certified: "
                + "; ".join(eqs[i - 1].certificate for i in uncertified[:3])
            )
        complete, completeness = _completeness(spec_used, opts if solver else SolverOptions())
        if not size.perfect_recall and not any(e.certified for e in eqs):
            warnings.append(
                "the game has imperfect recall: Gambit's agent regret assumes perfect recall, "
                "and such a game may have no equilibrium in behaviour strategies at all"
            )
        if not complete and all_equilibria:
            warnings.append(
                f"the list is not known to be complete: {spec_used.name} finds {completeness}"
            )
    return Solution(
        game.title,
        method,
        exact_result,
        tuple(eqs),
        tuple(notes),
        tuple(warnings),
        lam,
        tree=game,
        attempts=tuple(attempts),
        complete=complete,
        completeness=completeness,
    )


def _completeness(spec: SolverSpec, options: SolverOptions) -> tuple[bool, str]:
    text = FINDS[spec.finds]
    if options.stop_after is not None:
        return False, f"{text}, stopped after {options.stop_after}"
    return spec.finds.startswith("all"), text
