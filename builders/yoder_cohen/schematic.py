"""The schematic trees of the Yoder & Cohen (2025) models: the paper's Figure 2 and the extension.

The offer ``x`` is a continuum: the offerer's node is a fan with one representative
path, labelled ``x ∈ [0, 1]``, continuing from the middle.

* Nature draws A's type: the supporter Ā (ᾱ, probability ``q``) or the abandoner A̲
  (α̲, ``1 − q``); the option ``nature_prior`` may name the offerer's prior instead
  (``rho`` in the baseline, ``psi`` in the extension).
* The offerer (R, or C in the extension) offers ``x`` without knowing the type: its two
  nodes form one information set (dashed).
* A accepts or rejects; P, seeing ``x`` and the response but not the type, allies or not
  (two information sets, each spanning both types); after an alliance A supports or
  abandons.
* Leaves carry symbolic payoffs from the model's own payoff function called with sympy
  symbols: P's on top, then A's, then (option ``show_offerer_payoffs``; the paper omits
  them) the offerer's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from gametrees.builders.api import Schematic, param_symbols
from gametrees.builders.yoder_cohen.tree import OfferGame
from gametrees.schematic import InfosetLink, Raw, SameRank, SchematicTree, SEdge, SNode, fan_ids

__all__ = ["offer_game_schematic", "schematic_payoffs"]

_TYPES = (("hi", "alpha_hi", "A_hi"), ("lo", "alpha_lo", "A_lo"))
_RESPONSES = (("acc", True, "accept"), ("rej", False, "reject"))
#: The three outcomes after a response: (id suffix, ally, support).
_LEAVES = (("sup", True, True), ("aba", True, False), ("not", False, False))

#: The options of the schematic (name -> (default, meaning)).
OPTIONS: dict[str, tuple[Any, str]] = {
    "nature_prior": ("q", "the prior on Nature's edges: q (P's), or the offerer's prior"),
    "show_offerer_payoffs": (False, "also show the offerer's payoffs (the paper omits them)"),
}


def schematic_payoffs(
    structure: OfferGame, params_type: type, substitutions: Mapping[str, Any] | None = None
) -> dict[tuple[str, str, str], dict[str, sp.Expr]]:
    """Symbolic payoffs of every leaf: ``(type, response, leaf) -> {player: expr}``.

    Keys use ``hi``/``lo``, ``acc``/``rej``, ``sup``/``aba``/``not``. The expressions come
    from the model's payoff function called with its parameters' sympy symbols;
    ``substitutions`` fixes some parameters (e.g. ``{"c_bears_transfer": 0}``).
    """
    s = param_symbols(params_type)
    x = sp.Symbol("x", real=True)
    subs = {getattr(s, k): v for k, v in (substitutions or {}).items()}
    out: dict[tuple[str, str, str], dict[str, sp.Expr]] = {}
    for t, alpha_name, _ in _TYPES:
        alpha = getattr(s, alpha_name)
        for r, accept, _ in _RESPONSES:
            for leaf, ally, support in _LEAVES:
                pay = structure.payoffs(s, alpha, x, accept, ally, support)
                out[(t, r, leaf)] = {k: sp.sympify(v).subs(subs) for k, v in pay.items()}
    return out


def _tree(
    structure: OfferGame,
    params_type: type,
    name: str,
    options: Mapping[str, Any],
    substitutions: Mapping[str, Any],
) -> SchematicTree:
    unknown = sorted(set(options) - set(OPTIONS) - set(substitutions))
    if unknown:
        raise ValueError(
            f"unknown schematic option {unknown[0]!r}; options: {', '.join([*OPTIONS, *substitutions])}"
        )
    prior_name = options.get("nature_prior", "q")
    allowed = ("q", structure.offerer_prior)
    if prior_name not in allowed:
        raise ValueError(f"nature_prior must be one of {allowed}, got {prior_name!r}")
    show_offerer = bool(options.get("show_offerer_payoffs", False))
    subs = {k: options.get(k, v) for k, v in substitutions.items()}
    offerer = structure.offerer
    shown = ["P", "A"] + ([offerer] if show_offerer else [])
    pays = schematic_payoffs(structure, params_type, subs)
    prior = sp.Symbol(prior_name, positive=True)
    prior_of = {"hi": prior, "lo": 1 - prior}

    nodes: list[SNode] = [SNode("nature", ("Nature",), kind="chance")]
    edges: list[SEdge] = []
    for t, alpha_name, a_name in _TYPES:
        o, a = f"{offerer}_{t}", f"A_{t}"
        edges.append(SEdge("nature", o, (sp.Symbol(alpha_name), " (", prior_of[t], ")")))
        nodes.append(SNode(o, (sp.Symbol(offerer),), infoset=f"{offerer} offers"))
        edges.append(
            SEdge(
                o,
                a,
                (sp.Symbol("x"), Raw(" ∈ [0, 1]", r"\in [0,1]")),
                continuum=True,
                fan_radius=0.22,
            )
        )
        nodes.append(SNode(a, (sp.Symbol(a_name),)))
        for r, _, word in _RESPONSES:
            p_node, a2 = f"P_{t}_{r}", f"A_{t}_{r}"
            edges.append(SEdge(a, p_node, (word,)))
            nodes.append(SNode(p_node, (sp.Symbol("P"),), infoset=f"P {r}"))
            edges.append(SEdge(p_node, a2, ("ally",)))
            nodes.append(SNode(a2, (sp.Symbol(a_name),)))
            for leaf, ally, support in _LEAVES:
                v = pays[(t, r, leaf)]
                z = f"z_{t}_{r}_{leaf}"
                if ally:
                    edges.append(SEdge(a2, z, ("support" if support else "abandon",)))
                else:
                    edges.append(SEdge(p_node, z, ("not ally",)))
                nodes.append(SNode(z, (), kind="terminal", payoffs=tuple(v[p] for p in shown)))
    order = ", ".join(shown)
    omitted = "" if show_offerer else f"; {offerer}\u2019s omitted"
    fans = [
        i
        for t, _, _ in _TYPES
        for i in (fan_ids(f"{offerer}_{t}")[0], f"A_{t}", fan_ids(f"{offerer}_{t}")[1])
    ]
    layout = (
        SameRank((f"{offerer}_hi", f"{offerer}_lo")),
        InfosetLink(f"{offerer} offers", (f"{offerer}_hi", f"{offerer}_lo")),
        SameRank(tuple(fans)),
        *(InfosetLink(f"P {r}", (f"P_hi_{r}", f"P_lo_{r}")) for r, _, _ in _RESPONSES),
    )
    return SchematicTree(
        tuple(nodes),
        tuple(edges),
        layout,
        legend=(f"Payoffs (top to bottom): {order}{omitted}",),
        name=f"{name}_schematic",
    )


def offer_game_schematic(
    structure: OfferGame,
    params_type: type,
    name: str,
    caption: str,
    substitutions: Mapping[str, tuple[Any, str]] | None = None,
) -> Schematic:
    """The model's :class:`~gametrees.builders.api.Schematic`.

    ``substitutions``: parameters the figure fixes, each an option with its default and
    meaning (the extension's ``c_bears_transfer``: whether C's payoffs include P's transfer).
    """
    subs = dict(substitutions or {})
    defaults = {k: v for k, (v, _) in subs.items()}
    options = {**OPTIONS, **subs}
    return Schematic(
        tree=lambda opts: _tree(structure, params_type, name, opts, defaults),
        name=f"{name}_schematic",
        caption=caption,
        options=options,
    )
