"""Tests of gametrees.builders.yoder_cohen.client: the full tree of the Yoder & Cohen (2025) client extension.

Expected payoffs are typed again from MODEL.md section 2 (not imported from the
builder); the tree is read by walking it with :func:`gametrees.tree.iter_nodes`.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.client import (
    MODEL,
    PLAYERS,
    ClientParams,
    build,
    p_posterior,
)
from gametrees.gambit import exact, to_pygambit
from gametrees.tree import Decision, Terminal, infosets, iter_nodes, stats

TYPE_OF_LABEL = {"supporter": "hi", "abandoner": "lo"}


# ------------------------------------------------------------------ MODEL.md section 2


def model_payoffs(p: ClientParams, t: str, x: F, accept: bool, ally: bool, support: bool) -> dict:
    """Total payoffs typed from MODEL.md section 2 (C's stage 2 = P's; C bears u only
    if ``c_bears_transfer``; R does not move in stage 1)."""
    alpha = p.alpha_hi if t == "hi" else p.alpha_lo
    if accept:
        a1, c1, lev = p.phi * p.beta * x, p.phi * (1 - x), p.pi
    else:
        a1, c1, lev = (
            p.phi * p.z * p.w * p.beta - p.k_A,
            p.phi * (1 - p.z * p.w) - p.k_C,
            p.pi - p.f,
        )
    if ally and support:
        p2, a2, r2 = lev + p.w, alpha * (lev + p.w) - p.c, 1 - lev - p.w
    else:
        p2, a2, r2 = lev, alpha * lev, 1 - lev
    u = p.u if ally else 0
    c_u = u if p.c_bears_transfer == 1 else 0
    return {"P": p2 - u, "A": a1 + a2 + u, "C": c1 + p2 - c_u, "R": r2}


def p_weight(p: ClientParams, t: str) -> F:
    """P's payoffs scaled by q/psi (supporter) and (1-q)/(1-psi) (abandoner)."""
    return p.q / p.psi if t == "hi" else (1 - p.q) / (1 - p.psi)


def parse_path(path: tuple[str, ...]) -> tuple[str, F, bool, bool, bool]:
    assert path[0] in TYPE_OF_LABEL and path[1].startswith("x=")
    assert path[2] in ("accept", "reject") and path[3] in ("ally", "not")
    ally = path[3] == "ally"
    if ally:
        assert len(path) == 5 and path[4] in ("support", "abandon")
    else:
        assert len(path) == 4
    return (
        TYPE_OF_LABEL[path[0]],
        F(path[1][2:]),
        path[2] == "accept",
        ally,
        ally and path[4] == "support",
    )


@st.composite
def client_values(draw) -> dict:
    w = F(draw(st.integers(2, 19)), 20)
    lo = draw(st.integers(1, 18))
    hi = draw(st.integers(lo + 1, 19))
    alpha_lo, alpha_hi = F(lo, 20), F(hi, 20)
    star = alpha_lo + (alpha_hi - alpha_lo) * F(draw(st.integers(1, 4)), 4)
    pi = (1 - w) * F(draw(st.integers(0, 4)), 4)
    return dict(
        alpha_lo=alpha_lo,
        alpha_hi=alpha_hi,
        w=w,
        c=star * w,
        q=F(draw(st.integers(1, 9)), 10),
        psi=F(draw(st.integers(1, 9)), 10),
        phi=draw(st.sampled_from([F(1, 2), F(1), F(2)])),
        beta=draw(st.sampled_from([F(1, 2), F(1), F(2)])),
        z=1 + (1 / w - 1) * F(draw(st.integers(0, 4)), 4),
        k_A=F(draw(st.integers(0, 5)), 10),
        k_C=F(draw(st.integers(0, 5)), 10),
        pi=pi,
        f=pi * F(draw(st.integers(0, 4)), 4),
        u=F(draw(st.integers(1, 10)), 20),
        c_bears_transfer=draw(st.integers(0, 1)),
    )


def make(values: dict) -> ClientParams:
    try:
        return ClientParams(**values)
    except ParamError:
        assume(False)
        raise


def check_all_terminals(p: ClientParams, offers) -> int:
    game = build(p, offers)
    assert game.players == PLAYERS == ("P", "A", "C", "R")
    n = 0
    for path, node in iter_nodes(game):
        if not isinstance(node, Terminal):
            continue
        t, x, accept, ally, support = parse_path(path)
        assert x in offers
        expected = model_payoffs(p, t, x, accept, ally, support)
        got = dict(zip(game.players, node.payoffs, strict=True))
        for who in ("A", "C", "R"):
            assert got[who] == expected[who], (who, path)
        assert got["P"] == expected["P"] * p_weight(p, t), path  # scaled by q/psi, (1-q)/(1-psi)
        n += 1
    return n


def test_every_terminal_at_the_defaults_matches_model_md():
    p = ClientParams()
    offers = MODEL.grid(p, 5)
    assert check_all_terminals(p, offers) == 12 * len(offers)


@pytest.mark.parametrize("bears", [0, 1])
def test_every_terminal_with_heterogeneous_priors(bears):
    p = ClientParams(q=F(3, 10), psi=F(3, 4), f=F(1, 5), z=F(3, 2), c_bears_transfer=bears)
    offers = MODEL.grid(p, 3)
    assert check_all_terminals(p, offers) == 12 * len(offers)
    probs = dict(zip(build(p, offers).root.actions, build(p, offers).root.probs, strict=True))
    assert probs == {"supporter": F(3, 4), "abandoner": F(1, 4)}  # C's prior psi


@settings(max_examples=25, deadline=None)
@given(client_values(), st.lists(st.integers(0, 12), min_size=1, max_size=4, unique=True))
def test_every_terminal_matches_model_md_at_random_points(values, nums):
    p = make(values)
    offers = [F(n, 12) for n in nums]
    assert check_all_terminals(p, offers) == 12 * len(offers)


@pytest.mark.parametrize("n", [2, 4])
def test_counts(n):
    offers = [F(i, n - 1) for i in range(n)]
    game = build(ClientParams(), offers)
    s = stats(game)
    assert s.nodes == 22 * n + 3
    assert s.terminals == 12 * n
    # C makes the offer; R does not move.
    assert s.infosets == {"P": 2 * n, "A": 6 * n, "C": 1, "R": 0}
    for (player, _), members in infosets(game).items():
        assert len(members) == (2 if player in ("P", "C") else 1)


def test_loads_in_pygambit_with_the_same_counts_and_payoffs():
    p = ClientParams(q=F(1, 4), psi=F(2, 3), c_bears_transfer=1)
    offers = MODEL.grid(p, 3)
    n = len(offers)
    game = build(p, offers)
    g = to_pygambit(game)
    nodes = list(g.nodes)
    assert len(nodes) == 22 * n + 3
    assert sum(1 for nd in nodes if nd.is_terminal) == 12 * n
    assert {pl.label: len(pl.infosets) for pl in g.players} == {
        "P": 2 * n,
        "A": 6 * n,
        "C": 1,
        "R": 0,
    }
    assert [exact(a.prob) for a in g.root.infoset.actions] == [p.psi, 1 - p.psi]
    theirs = []

    def walk(nd):
        if nd.is_terminal:
            theirs.append(tuple(exact(nd.outcome[pl]) for pl in g.players))
        for ch in nd.children:
            walk(ch)

    walk(g.root)
    assert theirs == [nd.payoffs for _, nd in iter_nodes(game) if isinstance(nd, Terminal)]


@settings(max_examples=20, deadline=None)
@given(client_values())
def test_c_bears_transfer_changes_exactly_cs_payoff_after_an_alliance_by_minus_u(values):
    p0 = make(dict(values, c_bears_transfer=0))
    p1 = make(dict(values, c_bears_transfer=1))
    offers = [F(0), F(1, 3), F(1)]
    t0 = [(path, nd) for path, nd in iter_nodes(build(p0, offers)) if isinstance(nd, Terminal)]
    t1 = [(path, nd) for path, nd in iter_nodes(build(p1, offers)) if isinstance(nd, Terminal)]
    assert [path for path, _ in t0] == [path for path, _ in t1]
    c = PLAYERS.index("C")
    for (path, a), (_, b) in zip(t0, t1, strict=True):
        ally = path[3] == "ally"
        for i in range(len(PLAYERS)):
            if i == c and ally:
                assert b.payoffs[i] - a.payoffs[i] == -p0.u, path
            else:
                assert b.payoffs[i] == a.payoffs[i], (PLAYERS[i], path)


# ------------------------------------------------------------------ parameters

CONDITIONS = [
    ({"z": F(1, 2)}, "z", ">= 1"),
    ({"z": F(3)}, "z", "z*w"),  # 3 * 1/2 > 1
    ({"f": F(1, 2)}, "f", "<= pi"),  # f > pi = 1/4
    ({"f": F(-1, 10)}, "f", ">= 0"),
    ({"beta": F(0)}, "beta", "> 0"),
    ({"beta": F(-1)}, "beta", "> 0"),
    ({"psi": F(1)}, "psi", "0 < psi < 1"),
    ({"psi": F(0)}, "psi", "0 < psi < 1"),
    ({"c_bears_transfer": 2}, "c_bears_transfer", "0 or 1"),
    ({"c_bears_transfer": F(1, 2)}, "c_bears_transfer", "0 or 1"),
    ({"k_C": F(-1, 10)}, "k_C", ">= 0"),
    # the baseline's assumptions hold in the extension too (defaults: c/w = 2/5)
    ({"alpha_lo": F(2, 5)}, "alpha_lo", "c/w"),
    ({"alpha_hi": F(3, 10)}, "alpha_hi", "c/w"),
    ({"q": F(0)}, "q", "0 < q < 1"),
    ({"w": F(1)}, "w", "0 < w < 1"),
    ({"pi": F(3, 5)}, "pi", "pi + w"),
    ({"u": F(0)}, "u", "> 0"),
    ({"c": F(0)}, "c", "> 0"),
    ({"phi": F(0)}, "phi", "> 0"),
    ({"k_A": F(-1, 10)}, "k_A", ">= 0"),
]


@pytest.mark.parametrize(
    ("changes", "name", "condition"), CONDITIONS, ids=[str(c[0]) for c in CONDITIONS]
)
def test_each_violated_assumption_raises_param_error(changes, name, condition):
    with pytest.raises(ParamError) as info:
        ClientParams(**changes)
    assert info.value.name == name
    assert name in str(info.value)
    assert condition in str(info.value)


def test_non_numeric_value_names_the_parameter():
    with pytest.raises(ParamError) as info:
        ClientParams(beta="abc")
    assert info.value.name == "beta" and "beta" in str(info.value)


def test_string_float_and_fraction_values_agree():
    a = ClientParams(f="1/20", z="3/2", c_bears_transfer="1")
    b = ClientParams(f=0.05, z=1.5, c_bears_transfer=1)
    c = ClientParams(f=F(1, 20), z=F(3, 2), c_bears_transfer=F(1))
    assert a == b == c
    offers = [F(0), F(1)]
    assert build(a, offers) == build(b, offers) == build(c, offers)


@settings(max_examples=40, deadline=None)
@given(client_values(), st.integers(1, 19), st.integers(1, 19), st.integers(0, 20))
def test_p_best_responses_under_rescaling_equal_those_under_prior_q(values, qn, pn, bn):
    assume(qn != pn)
    p = make(dict(values, q=F(qn, 20), psi=F(pn, 20)))
    b = F(bn, 20)
    game = build(p, [F(0), F(1, 2), F(1)])
    for (player, name), members in infosets(game).items():
        if player != "P":
            continue
        x, accept = F(name.split()[1][2:]), name.split()[2] == "accept"
        scaled = {}
        for path, node in members:
            t = TYPE_OF_LABEL[path[0]]
            kids = dict(zip(node.actions, node.children, strict=True))
            sup = kids["ally"]
            assert isinstance(sup, Decision)
            allied = dict(zip(sup.actions, sup.children, strict=True))[
                "support" if t == "hi" else "abandon"
            ]
            scaled[t] = allied.payoffs[0] - kids["not"].payoffs[0]
        d = {
            t: model_payoffs(p, t, x, accept, True, t == "hi")["P"]
            - model_payoffs(p, t, x, accept, False, False)["P"]
            for t in ("hi", "lo")
        }
        in_game = b * scaled["hi"] + (1 - b) * scaled["lo"]
        mu = p_posterior(p, b)
        under_q = mu * d["hi"] + (1 - mu) * d["lo"]
        assert (in_game > 0, in_game < 0) == (under_q > 0, under_q < 0), name
