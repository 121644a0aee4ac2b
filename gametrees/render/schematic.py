"""Schematic trees of the Yoder & Cohen (2025) models: the paper's Figure 2 and the extension.

The offer ``x`` is a continuum: the offerer's node fans out into two outer edges
joined by an arc (drawn by :func:`gametrees.render.output.render`) with one
representative path, labelled ``x ∈ [0, 1]``, continuing from the middle.

* Nature draws A's type: the supporter ``Ā`` (``ᾱ``, probability ``q``) or the
  abandoner ``A̲`` (``α̲``, ``1 − q``); ``nature_prior`` may name the offerer's prior
  instead (``rho`` in the baseline, ``psi`` in the extension).
* The offerer (R, or C in the extension) offers ``x`` without knowing the type:
  its two nodes form one information set (dashed).
* A accepts or rejects; P, seeing ``x`` and the response but not the type, allies or
  not (two information sets, each spanning both types); after an alliance A supports
  or abandons.
* Leaves carry symbolic payoffs derived from the builders' own ``outcome_payoffs``
  called with sympy symbols (:func:`gametrees.verify.yoder_cohen.closed_forms.model_symbols`), printed by
  :func:`gametrees.render.text.formula`: P's on top, then A's, then (optionally, the
  paper omits them) the offerer's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import sympy as sp

from gametrees.render.dot import DotGraph, FigureStyle, Html, new_graph, payoff_label
from gametrees.render.text import MINUS, Label, formula, symbol

__all__ = ["SCHEMATIC_MODELS", "SchematicOptions", "schematic_dot", "schematic_payoffs"]

Rankdir = Literal["TB", "LR"]

#: model -> (offerer, the offerer's prior parameter)
SCHEMATIC_MODELS: dict[str, tuple[str, str]] = {"baseline": ("R", "rho"), "client": ("C", "psi")}

_TYPES = (
    ("hi", "alpha_hi", "<O><I>A</I></O>", r"\overline{A}"),
    ("lo", "alpha_lo", "<U><I>A</I></U>", r"\underline{A}"),
)
_RESPONSES = (("acc", True, "accept"), ("rej", False, "reject"))
#: The three outcomes after a response: (id suffix, ally, support).
_LEAVES = (("sup", True, True), ("aba", True, False), ("not", False, False))


@dataclass(frozen=True)
class SchematicOptions:
    """What a schematic figure shows.

    ``nature_prior``: ``"q"`` (P's prior, the default) or the offerer's prior
    (``"rho"`` / ``"psi"``). ``show_offerer_payoffs`` adds the offerer's payoffs under
    P's and A's. ``c_bears_transfer`` (extension only) chooses whether C's payoffs
    include P's transfer ``u``.
    """

    rankdir: Rankdir = "LR"
    nature_prior: str = "q"
    show_offerer_payoffs: bool = False
    c_bears_transfer: bool = False
    legend: bool = True
    stack_payoffs: bool = True


def _payoff_fn(model: str) -> Callable[..., dict[str, Any]]:
    if model == "baseline":
        from gametrees.builders.yoder_cohen.baseline import outcome_payoffs
    else:
        from gametrees.builders.yoder_cohen.client import outcome_payoffs
    return outcome_payoffs


def schematic_payoffs(
    model: str, options: SchematicOptions | None = None
) -> dict[tuple[str, str, str], dict[str, sp.Expr]]:
    """Symbolic payoffs of every leaf: ``(type, response, leaf) -> {player: expr}``.

    Keys use ``hi``/``lo``, ``acc``/``rej``, ``sup``/``aba``/``not``. The expressions
    come from the builder's ``outcome_payoffs`` with the model's sympy symbols.
    """
    from gametrees.verify.yoder_cohen.closed_forms import model_symbols

    if model not in SCHEMATIC_MODELS:
        raise ValueError(f"no schematic for {model!r}; known: {', '.join(SCHEMATIC_MODELS)}")
    options = options or SchematicOptions()
    s = model_symbols(model)
    x = sp.Symbol("x", real=True)
    fn = _payoff_fn(model)
    subs = {}
    if model == "client":
        subs[s.c_bears_transfer] = 1 if options.c_bears_transfer else 0
    out: dict[tuple[str, str, str], dict[str, sp.Expr]] = {}
    for t, alpha_name, _, _ in _TYPES:
        alpha = getattr(s, alpha_name)
        for r, accept, _ in _RESPONSES:
            for leaf, ally, support in _LEAVES:
                pay = fn(s, alpha, x, accept, ally, support)
                out[(t, r, leaf)] = {k: sp.sympify(v).subs(subs) for k, v in pay.items()}
    return out


def _math(html: str, tex: str) -> Label:
    return Label(html, f"${tex}$")


def _prior_labels(model: str, name: str) -> tuple[Label, Label]:
    allowed = ("q", SCHEMATIC_MODELS[model][1])
    if name not in allowed:
        raise ValueError(f"nature_prior must be one of {allowed} for {model}, got {name!r}")
    sym = symbol(name)
    hi = _math(f"<I>\u1fb1</I> ({sym.html})", rf"\overline{{\alpha}}\ ({sym.tex})")
    lo = _math(f"<U><I>α</I></U> (1 {MINUS} {sym.html})", rf"\underline{{\alpha}}\ (1-{sym.tex})")
    return hi, lo


def _payoff_node_label(values: list[sp.Expr], stacked: bool) -> Label:
    return payoff_label([formula(v) for v in values], stacked)


def _text(g: DotGraph, name: str, lab: Label, **attrs: object) -> None:
    g.node(name, label=Html(lab.html), gt_tex=lab.tex, **attrs)


def _edge(g: DotGraph, a: str, b: str, lab: Label | None, **attrs: object) -> None:
    if lab is None:
        g.edge(a, b, **attrs)
    else:
        g.edge(a, b, label=Html(lab.html), gt_tex=lab.tex, **attrs)


def schematic_dot(
    model: str,
    options: SchematicOptions | None = None,
    *,
    style: FigureStyle | None = None,
) -> str:
    """DOT source of the schematic tree of ``model`` (``"baseline"`` or ``"client"``)."""
    options = options or SchematicOptions()
    style = style or FigureStyle()
    if model not in SCHEMATIC_MODELS:
        raise ValueError(f"no schematic for {model!r}; known: {', '.join(SCHEMATIC_MODELS)}")
    offerer, _ = SCHEMATIC_MODELS[model]
    shown = ["P", "A"] + ([offerer] if options.show_offerer_payoffs else [])
    pays = schematic_payoffs(model, options)
    prior_hi, prior_lo = _prior_labels(model, options.nature_prior)

    legend = None
    if options.legend:
        order = ", ".join(shown)
        where = "top to bottom" if options.stack_payoffs else "in order"
        omitted = "" if options.show_offerer_payoffs else f"; {offerer}\u2019s omitted"
        legend = Label(
            f"Payoffs ({where}): {order}{omitted}",
            f"Payoffs ({where}): {order}{omitted.replace(chr(0x2019), chr(39))}",
        )
    g = new_graph(style, options.rankdir, legend)
    g.graph_attrs["nodesep"] = 0.22 if options.rankdir == "TB" else 0.12
    g.graph_attrs["ranksep"] = 0.5 if options.rankdir == "TB" else 0.3

    ital = {p: _math(f"<I>{p}</I>", p) for p in ("P", offerer)}
    _text(g, "nature", Label("Nature", "Nature"))
    for (t, _, a_html, a_tex), prior in zip(_TYPES, (prior_hi, prior_lo), strict=True):
        a_lab = _math(a_html, a_tex)
        o, a = f"{offerer}_{t}", f"A_{t}"
        _edge(g, "nature", o, prior)
        _text(g, o, ital[offerer], gt_fan=f"fanL_{t},fanR_{t}", gt_fan_radius=0.22)
        g.node(
            f"fanL_{t}",
            shape="point",
            width=0.55,
            height=0.55,
            style="invis",
            label="",
            gt_kind="fan",
        )
        _edge(g, o, f"fanL_{t}", None)
        _edge(g, o, a, _math("<I>x</I> ∈ [0, 1]", r"x \in [0,1]"), weight=8, gt_label_at=0.62)
        g.node(
            f"fanR_{t}",
            shape="point",
            width=0.55,
            height=0.55,
            style="invis",
            label="",
            gt_kind="fan",
        )
        _edge(g, o, f"fanR_{t}", None)
        _text(g, a, a_lab)
        for r, _, word in _RESPONSES:
            p_node, a2 = f"P_{t}_{r}", f"A_{t}_{r}"
            _edge(g, a, p_node, Label(word, word))
            _text(g, p_node, ital["P"], gt_infoset=f"P {r}")
            _edge(g, p_node, a2, Label("ally", "ally"))
            _text(g, a2, a_lab)
            for leaf, ally, support in _LEAVES:
                v = pays[(t, r, leaf)]
                lab = _payoff_node_label([v[p] for p in shown], options.stack_payoffs)
                name = f"z_{t}_{r}_{leaf}"
                if ally:
                    _edge(
                        g,
                        a2,
                        name,
                        Label(
                            "support" if support else "abandon", "support" if support else "abandon"
                        ),
                    )
                else:
                    _edge(g, p_node, name, Label("not ally", "not ally"))
                _text(g, name, lab, fontsize=style.small, gt_kind="terminal")
    g.same_rank([f"{offerer}_hi", f"{offerer}_lo"])
    g.edge(
        f"{offerer}_hi",
        f"{offerer}_lo",
        style="dashed",
        constraint="false",
        gt_kind="infoset",
        gt_infoset=f"{offerer} offers",
    )
    g.same_rank(["fanL_hi", "A_hi", "fanR_hi", "fanL_lo", "A_lo", "fanR_lo"])
    for r, _, _ in _RESPONSES:
        g.edge(
            f"P_hi_{r}",
            f"P_lo_{r}",
            style="dashed",
            constraint="false",
            gt_kind="infoset",
            gt_infoset=f"P {r}",
        )
    return g.source(f"{model}_schematic")
