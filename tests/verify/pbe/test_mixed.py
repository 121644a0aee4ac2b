"""Mixed continuation equilibria from Gambit, filtered by sequential rationality."""

from __future__ import annotations

from fractions import Fraction as F

from gametrees.builders import MODELS
from gametrees.efg import read_efg
from gametrees.verify.pbe import solve_pbe
from gametrees.verify.pbe.core import Context, Limits
from gametrees.verify.pbe.mixed import solve_mixed
from gametrees.verify.pbe.pure import solve_pure
from gametrees.verify.yoder_cohen.enumerate import semi_separating

# A small 3-player game (found by the random tests) on which Gambit 16.7's enumpoly does
# not terminate, with either representation.
HANGS = """EFG 2 R "" { "P1" "P2" "P3" }
""

p "" 3 1 "s1" { "a" "b" } 0
p "" 1 1 "s2" { "a" "b" } 0
p "" 2 1 "s3" { "a" "b" } 0
t "" 1 "_1" { 2, 2, 0 }
t "" 2 "_2" { 2, 3, 2 }
t "" 3 "_3" { 3, 2, 2 }
p "" 1 1 "s2" { "a" "b" } 0
p "" 2 1 "s3" { "a" "b" } 0
t "" 4 "_4" { 3, 2, 1 }
t "" 5 "_5" { 3, 0, 2 }
p "" 2 1 "s3" { "a" "b" } 0
t "" 6 "_6" { 2, 0, 1 }
t "" 7 "_7" { 1, 2, 2 }
"""


def _child_entries(game):
    """Every block's entries (pure and mixed), solved bottom-up as solve_pbe does."""
    ctx = Context(game, Limits())
    out = {}
    for b in reversed(ctx.blocks):
        ctx.prune_block(b)
        es = solve_pure(ctx, b) + solve_mixed(ctx, b).entries
        if b.parent_exit is not None:
            ctx.options[b.parent_exit] = es
        out[b.start] = (b, es)
    return ctx, out


def test_semi_separating_continuations_are_found():
    """The enumerator's semi-separating continuations (one type mixes, P mixes at its
    cutoff) are among the mixed equilibria the generic solver gets from Gambit, at every
    offer of the default 5-point grid."""
    spec = MODELS["baseline"]
    p = spec.params()
    offers = spec.grid(p, 5)
    ctx, blocks = _child_entries(spec.build(p, offers))
    ix = ctx.ix
    found_any = False
    for x in offers:
        b, es = blocks[f'after the public move R/1 "x={x}"']
        ours = set()
        for e in es:
            if e.pure:
                continue
            beh = {
                ix.set_name[s]: dict(zip(ix.set_actions[s], pr, strict=True))
                for s, pr in e.behavior.items()
            }
            value = sum(w * v[2] for w, v in zip(b.nu, e.values, strict=True))
            ours.add(
                (
                    beh[f"A(hi) x={x}"]["accept"],
                    beh[f"A(lo) x={x}"]["accept"],
                    beh[f"P x={x} accept"]["ally"],
                    beh[f"P x={x} reject"]["ally"],
                    value,
                )
            )
        theirs = {
            (c.accept_hi, c.accept_lo, c.ally_accept, c.ally_reject, c.offerer_payoff)
            for c in semi_separating(MODELS["baseline"], p, x)
        }
        found_any = found_any or bool(theirs)
        assert theirs <= ours, x
    assert found_any


def test_enumpoly_that_does_not_terminate_is_stopped():
    game = read_efg(HANGS)
    res = solve_pbe(game, enumpoly_timeout=0.5)
    assert res.mixed.method == "enumpoly"
    assert res.mixed.complete is False and "did not finish" in res.mixed.reason
    assert res.complete and res.equilibria  # the pure PBE do not depend on it


def test_enummixed_refused_when_strategic_form_too_large():
    spec = MODELS["beer_quiche"]
    game = spec.build(spec.params(), ())
    res = solve_pbe(game, max_strategic=15)
    # beer-quiche: each player has two two-action sets, 4 x 4 = 16 reduced strategies pairs
    assert res.mixed.method == "enummixed" and not res.mixed.complete
    assert "4 x 4 = 16 cells" in res.mixed.reason
    assert res.mixed.equilibria == ()
    assert len(res.equilibria) == 2


def test_enumpoly_three_player_matching_pennies():
    """Jordan's game, moves simultaneous (each set spans the nodes before it): P1 wants
    to match P2, P2 to match P3, P3 to mismatch P1. A pure profile always leaves someone
    wanting to switch (going round the cycle), so there is no pure PBE; if everyone mixes
    1/2, everyone is indifferent: the unique equilibrium. enumpoly finds it in floating
    point; it is kept because the rounded profile is exactly an equilibrium."""
    from gametrees.gambit import to_pygambit
    from gametrees.tree import Decision, Game, Terminal
    from gametrees.verify.certify import certify_sequential, gambit_regret

    def leaf(a, b, c):
        return Terminal((F(int(a == b)), F(int(b == c)), F(int(c != a))))

    def p3(a, b):
        return Decision("P3", "P3", ("H", "T"), tuple(leaf(a, b, c) for c in "HT"))

    def p2(a):
        return Decision("P2", "P2", ("H", "T"), tuple(p3(a, b) for b in "HT"))

    game = Game(("P1", "P2", "P3"), Decision("P1", "P1", ("H", "T"), tuple(p2(a) for a in "HT")))
    res = solve_pbe(game)
    assert res.equilibria == ()
    assert res.mixed.method == "enumpoly" and res.mixed.exact is False
    ((a, _),) = res.mixed.equilibria
    half = {"H": F(1, 2), "T": F(1, 2)}
    assert a.behavior == {"P1": half, "P2": half, "P3": half}
    assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
    assert gambit_regret(game, a.behavior, to_pygambit(game)) == 0
