"""Figures of the Yoder & Cohen (2025) models, drawn with matplotlib.

* :func:`response_figure` -- the paper's Figure 3 (baseline) / Figure 4 (client
  extension): each type's lowest acceptable offer on the offer line [0, 1], without
  and with the alliance at stake, the shift between them and the offers each type
  accepts and rejects; optionally the responses the solved game shows
  (:func:`overlay_from_continuations`).
* :func:`equilibrium_map` -- the closed forms' equilibrium classes over two
  parameters, with cells checked by Gambit and the exact enumerator.
* :func:`save_figure` -- ``.png`` / ``.pdf`` / ``.svg`` with deterministic bytes,
  written atomically.

All computation is exact (``Fraction``); floats appear only as plotting coordinates.
No pyplot: figures are :class:`matplotlib.figure.Figure` objects with an Agg canvas,
so nothing touches matplotlib's global state (fonts are set per text object).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from fractions import Fraction
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from gametrees.builders.api import Model
from gametrees.builders.params import ParamError, as_fraction, replace_params
from gametrees.builders.yoder_cohen.notation import NOTATION
from gametrees.plotting import HATCHES, MARKS, PALETTE, TEXT, new_figure, param_tex
from gametrees.verify.yoder_cohen.closed_forms import thresholds
from gametrees.verify.yoder_cohen.combine import classify
from gametrees.verify.yoder_cohen.predict import PredictedPath, predict_paths
from gametrees.verify.yoder_cohen.run import verify_point
from gametrees.verify.yoder_cohen.types import Continuation, EquilibriumClass, offer_game

__all__ = [
    "class_label",
    "classes_of_paths",
    "equilibrium_map",
    "overlay_from_continuations",
    "response_figure",
]

_TYPE_NAME = {"hi": "Supporter", "lo": "Abandoner"}
_TYPE_SYMBOL = {"hi": r"\overline{A}", "lo": r"\underline{A}"}

#: Response of one type at one offer: ``True`` accept, ``False`` reject,
#: ``None`` both occur (the type is indifferent there).
Response = bool | None


def _text(ax: Any, x: float, y: float, s: str, **kw: Any) -> Any:
    return ax.text(x, y, s, **{**TEXT, **kw})


# --------------------------------------------------------------------------- Figure 3 / 4


def overlay_from_continuations(
    pure_conts: Mapping[Fraction, Sequence[Continuation]], regime: str
) -> dict[Fraction, tuple[Response, Response]]:
    """The responses the solved game shows, per offer, in one regime of P's replies.

    ``pure_conts`` is the first element of :func:`gametrees.verify.yoder_cohen.enumerate.per_offer_exact`'s
    result (or :func:`gametrees.verify.yoder_cohen.gambit_source.per_offer_gambit`'s). For every offer with at
    least one pure sequentially rational continuation whose regime is ``regime``, the
    value is ``(accept_hi, accept_lo)``; a type that accepts in some of those
    continuations and rejects in others (it is indifferent) gets ``None``.
    """
    out: dict[Fraction, tuple[Response, Response]] = {}
    for x, conts in sorted(pure_conts.items()):
        hi = {c.accept_hi for c in conts if c.regime == regime}
        lo = {c.accept_lo for c in conts if c.regime == regime}
        if hi:
            out[x] = (_one(hi), _one(lo))
    return out


def _one(values: set[bool]) -> Response:
    return next(iter(values)) if len(values) == 1 else None


def _clip(t: Fraction) -> tuple[Fraction, int]:
    """Position of threshold ``t`` on the line [0, 1] and the side it was clipped at."""
    if t < 0:
        return Fraction(0), -1
    if t > 1:
        return Fraction(1), 1
    return t, 0


def response_figure(
    model: Model,
    params: Any,
    *,
    overlay: Mapping[Fraction, tuple[Response, Response]] | None = None,
    overlay_regime: str | None = None,
) -> Figure:
    """The paper's Figure 3 (``model="baseline"``) or Figure 4 (``"client"``).

    One offer line [0, 1] per type (supporter on top). Each carries the type's lowest
    acceptable offer without the alliance at stake (regime ``"none"``, grey tick) and
    with it (regime ``"reject"`` in the baseline, ``"accept"`` in the extension; black
    tick), an arrow from the first to the second, and shading for the offers rejected
    in both regimes (grey) and those whose response the alliance changes (hatched).
    A threshold outside [0, 1] is drawn at the line's end with a triangle pointing
    outwards and its value. Everything comes from :func:`gametrees.verify.yoder_cohen.closed_forms.thresholds`.

    ``overlay`` (e.g. from :func:`overlay_from_continuations`) adds, on each type's
    line, the responses of the solved game in ``overlay_regime`` (default: the
    alliance-at-stake regime): filled circle = accept, open = reject, half = both.

    Artists carry ``gid`` s for inspection: ``threshold:<type>:<regime>`` (tick line,
    x data = clipped position), ``clip:<type>:<regime>`` (clipping marker),
    ``arrow:<type>``, ``overlay:<type>:<accept|reject|both>`` (markers).
    """
    stake = offer_game(model).at_stake
    T = thresholds(model, params)
    fig = new_figure(6.6, 3.9)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.set_xlim(-0.39, 1.12)
    ax.set_ylim(-0.58, 2.02)
    levels = {"hi": 1.45, "lo": 0.35}
    for t, y0 in levels.items():
        _draw_type(ax, model, t, y0, T[(t, "none")], T[(t, stake)])
    if overlay:
        _draw_overlay(ax, overlay, levels)
    _draw_legend(ax, model, stake, overlay_regime or stake if overlay else None)
    return fig


def _draw_type(
    ax: Any, model: Model, t: str, y0: float, t_none: Fraction, t_stake: Fraction
) -> None:
    """One type's offer line with both thresholds, shading, arrow and labels."""
    sym = _TYPE_SYMBOL[t]
    band = 0.14
    ax.plot([0, 1], [y0, y0], color="black", lw=1.1, solid_capstyle="butt", zorder=3)
    for end in (0, 1):
        ax.plot([end, end], [y0 - 0.05, y0 + 0.05], color="black", lw=1.1, zorder=3)
        _text(ax, end, y0 - 0.10, str(end), ha="center", va="top", fontsize=10)
    _text(ax, -0.09, y0 + 0.02, f"{_TYPE_NAME[t]} (${sym}$)", ha="right", va="center", fontsize=11)

    (p_none, side_none), (p_stake, side_stake) = _clip(t_none), _clip(t_stake)
    lo, hi = min(p_none, p_stake), max(p_none, p_stake)
    # Shading: rejected in both regimes; response changed by the alliance.
    min_width = Fraction(1, 10)  # narrower ranges are shaded but not labelled
    if lo > 0:
        ax.add_patch(
            Rectangle((0, y0), float(lo), band, facecolor="0.72", edgecolor="none", zorder=1)
        )
        if lo >= min_width:
            _text(
                ax, float(lo) / 2, y0 + band + 0.05, "reject", ha="center", va="bottom", fontsize=10
            )
    if hi > lo:
        ax.add_patch(
            Rectangle(
                (float(lo), y0),
                float(hi - lo),
                band,
                facecolor="white",
                edgecolor="0.35",
                hatch="////",
                lw=0.0,
                zorder=1,
            )
        )
        changed = "reject" if t_stake > t_none else "accept"
        centre = min(max(float(lo + hi) / 2, 0.12), 0.88)
        _text(
            ax,
            centre,
            y0 + band + 0.05,
            f"{changed} only\nwith alliance at stake",
            ha="center",
            va="bottom",
            fontsize=8.5,
            linespacing=1.0,
        )
    if 1 - hi >= min_width:
        _text(
            ax, float(hi + 1) / 2, y0 + band + 0.05, "accept", ha="center", va="bottom", fontsize=10
        )

    # Ticks and labels: grey = no alliance at stake, black = alliance at stake.
    for regime, pos, side, colour in (
        ("none", p_none, side_none, "0.55"),
        (offer_game(model).at_stake, p_stake, side_stake, "black"),
    ):
        ax.plot(
            [float(pos)] * 2,
            [y0 - 0.09, y0 + band + 0.02],
            color=colour,
            lw=1.6,
            gid=f"threshold:{t}:{regime}",
            zorder=4,
        )
        if side:
            ax.plot(
                [float(pos) + 0.035 * side],
                [y0],
                marker=">" if side > 0 else "<",
                ms=7,
                color=colour,
                gid=f"clip:{t}:{regime}",
                zorder=4,
            )
    _threshold_labels(ax, t, y0, (t_none, p_none), (t_stake, p_stake))

    # Arrow: the effect of having the alliance at stake.
    if p_none != p_stake:
        arrow = FancyArrowPatch(
            (float(p_none), y0 + band + 0.30),
            (float(p_stake), y0 + band + 0.30),
            arrowstyle="-|>",
            mutation_scale=11,
            color="black",
            lw=1.0,
            shrinkA=0,
            shrinkB=0,
            gid=f"arrow:{t}",
            zorder=5,
        )
        ax.add_patch(arrow)


def _threshold_labels(
    ax: Any, t: str, y0: float, none: tuple[Fraction, Fraction], stake: tuple[Fraction, Fraction]
) -> None:
    """Symbol and exact value under each tick, pushed apart when the ticks are close."""
    sym = _TYPE_SYMBOL[t]
    (v_none, p_none), (v_stake, p_stake) = none, stake
    x_none, x_stake = float(p_none), float(p_stake)
    gap = 0.17
    if abs(x_none - x_stake) < gap:
        mid = (x_none + x_stake) / 2
        left, right = mid - gap / 2, mid + gap / 2
        x_none, x_stake = (left, right) if p_none <= p_stake else (right, left)
    # Keep clear of the "0" and "1" under the line's ends.
    shift = max(0.0, 0.09 - min(x_none, x_stake)) - max(0.0, max(x_none, x_stake) - 0.91)
    for x, v, colour in ((x_none + shift, v_none, "0.45"), (x_stake + shift, v_stake, "black")):
        _text(
            ax, x, y0 - 0.10, f"$x^*_{{{sym}}}$", ha="center", va="top", fontsize=11, color=colour
        )
        _text(ax, x, y0 - 0.30, _fmt_value(v), ha="center", va="top", fontsize=8, color=colour)


def _fmt_value(v: Fraction) -> str:
    """A threshold's value for a label: exact when short, else 3 decimals; out of range noted."""
    text = str(v) if v.denominator <= 100 else f"{float(v):.3f}"
    text = text.replace("-", "\u2212")
    if v < 0:
        return f"{text} < 0"
    if v > 1:
        return f"{text} > 1"
    return text


def _draw_overlay(
    ax: Any, overlay: Mapping[Fraction, tuple[Response, Response]], levels: Mapping[str, float]
) -> None:
    """The solved game's responses as small markers on each type's line."""
    styles = {
        "accept": {"markerfacecolor": "black"},
        "reject": {"markerfacecolor": "white"},
        "both": {"markerfacecolor": "black", "fillstyle": "left", "markerfacecoloralt": "white"},
    }
    for i, t in enumerate(("hi", "lo")):
        groups: dict[str, list[float]] = {"accept": [], "reject": [], "both": []}
        for x, resp in sorted(overlay.items()):
            r = resp[i]
            key = "both" if r is None else ("accept" if r else "reject")
            groups[key].append(float(x))
        for key, xs in groups.items():
            if xs:
                ax.plot(
                    xs,
                    [levels[t]] * len(xs),
                    linestyle="none",
                    marker="o",
                    ms=4.2,
                    markeredgecolor="black",
                    markeredgewidth=0.7,
                    gid=f"overlay:{t}:{key}",
                    zorder=6,
                    **styles[key],
                )


def _draw_legend(ax: Any, model: Model, stake: str, overlay_regime: str | None) -> None:
    """A key below the lines, in the figure's own style."""
    y = -0.36
    ax.plot([-0.30, -0.30], [y - 0.05, y + 0.05], color="0.55", lw=1.6)
    _text(ax, -0.28, y, "no alliance at stake", va="center", fontsize=9)
    ax.plot([0.12, 0.12], [y - 0.05, y + 0.05], color="black", lw=1.6)
    when = "P allies iff A rejects" if stake == "reject" else "P allies iff A accepts"
    _text(ax, 0.14, y, f"alliance at stake ({when})", va="center", fontsize=9)
    ax.add_patch(
        FancyArrowPatch(
            (0.74, y),
            (0.82, y),
            arrowstyle="-|>",
            mutation_scale=9,
            color="black",
            lw=1.0,
            shrinkA=0,
            shrinkB=0,
        )
    )
    _text(ax, 0.84, y, "shift", va="center", fontsize=9)
    if overlay_regime:
        _text(
            ax,
            -0.30,
            y - 0.13,
            f"circles: responses in the solved game (regime \u201c{overlay_regime}\u201d); "
            "filled = accept, open = reject, half = either",
            va="center",
            fontsize=8.5,
            color="0.25",
        )


# --------------------------------------------------------------------------- equilibrium map


def class_label(cls: EquilibriumClass) -> str:
    """Short text for a class: ``SE [reject]*`` (``*`` = the paper's alliance at stake)."""
    return f"{cls.kind} [{cls.regime}]{'*' if cls.at_stake else ''}"


def _set_label(classes: Iterable[EquilibriumClass]) -> str:
    return " + ".join(class_label(c) for c in sorted(classes)) or "(none)"


def classes_of_paths(model: Model, paths: Iterable[PredictedPath]) -> set[EquilibriumClass]:
    """The paper's classes of the closed forms' predicted paths.

    :func:`gametrees.verify.yoder_cohen.combine.classify` reads only ``accept_hi``, ``accept_lo`` and ``regime``,
    which a :class:`gametrees.verify.yoder_cohen.predict.PredictedPath` has too, so the same rules apply.
    """
    return {classify(model, p) for p in paths}  # type: ignore[arg-type]


def _default_values(name: str) -> list[Fraction]:
    """Nine interior points of (0, 1) for a parameter without given values."""
    return [Fraction(i, 10) for i in range(1, 10)]


def _cell_params(base: Any, x_name: str, x: Fraction, y_name: str, y: Fraction) -> Any:
    return replace_params(base, {x_name: x, y_name: y})


def _class_json(cls: EquilibriumClass) -> dict[str, Any]:
    return {
        "kind": cls.kind,
        "regime": cls.regime,
        "at_stake": cls.at_stake,
        "label": class_label(cls),
    }


def _pick_checks(
    check_points: Iterable[tuple[Any, Any]] | int | None,
    valid: Sequence[tuple[Fraction, Fraction]],
) -> list[tuple[Fraction, Fraction]]:
    """The cells to check: given ``(x, y)`` values, or ``n`` spread evenly over the
    ``valid`` cells (row by row)."""
    if check_points is None:
        return []
    if isinstance(check_points, int):
        cells = list(valid)
        n = min(check_points, len(cells))
        if n <= 0:
            return []
        step = len(cells) / n
        return [cells[int(i * step)] for i in range(n)]
    return [(as_fraction("x", x), as_fraction("y", y)) for x, y in check_points]


def _edges(values: Sequence[float]) -> list[float]:
    """Cell edges around sorted centres (midpoints; half a step beyond the ends)."""
    if len(values) == 1:
        return [values[0] - 0.5, values[0] + 0.5]
    mids = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    return [2 * values[0] - mids[0], *mids, 2 * values[-1] - mids[-1]]


def equilibrium_map(
    model: Model,
    base_params: Any | None = None,
    x_name: str | None = None,
    x_values: Sequence[Any] | None = None,
    y_name: str | None = None,
    y_values: Sequence[Any] | None = None,
    *,
    grid: int = 7,
    check_points: Iterable[tuple[Any, Any]] | int | None = None,
) -> tuple[Figure, dict[str, Any]]:
    """The closed forms' equilibrium classes over two parameters.

    For every cell ``(x, y)``: the parameters ``base_params`` (default: the model's
    defaults) with ``x_name = x`` and ``y_name = y``, the offer grid
    ``model.grid(params, grid)``, and the set of paper classes of the
    paths :func:`gametrees.verify.yoder_cohen.predict.predict_paths` predicts there. Cells are coloured by that
    set (one colour per distinct set). Invalid parameter points (``ParamError``) stay
    blank and are counted in a note. ``check_points`` -- ``(x, y)`` values, or a number
    of cells spread over the grid -- are also solved by Gambit and the exact enumerator
    (:func:`gametrees.verify.yoder_cohen.run.verify_point`) and marked ✓ when the three sources agree and
    Gambit's class set equals the prediction, ✗ otherwise.

    Defaults: the axes the model's :class:`OfferGame` names (baseline ``w`` x ``rho``,
    client ``u`` x ``q``),
    values 1/10 .. 9/10. Returns the figure and a JSON-ready dict of the data
    (exact values as strings).
    """
    base = base_params if base_params is not None else model.params()
    dx, dy = offer_game(model).map_axes
    x_name, y_name = x_name or dx, y_name or dy
    xs = sorted(
        {
            as_fraction(x_name, v)
            for v in (x_values if x_values is not None else _default_values(x_name))
        }
    )
    ys = sorted(
        {
            as_fraction(y_name, v)
            for v in (y_values if y_values is not None else _default_values(y_name))
        }
    )

    cells: dict[tuple[Fraction, Fraction], dict[str, Any]] = {}
    offers_at: dict[tuple[Fraction, Fraction], tuple[Any, tuple[Fraction, ...]]] = {}
    for y in ys:
        for x in xs:
            cell: dict[str, Any] = {
                "x": str(x),
                "y": str(y),
                "valid": False,
                "error": None,
                "classes": [],
                "label": None,
            }
            try:
                params = _cell_params(base, x_name, x, y_name, y)
                offers = model.grid(params, grid)
            except ParamError as exc:
                cell["error"] = f"invalid: {exc}"
                cells[(x, y)] = cell
                continue
            cell["valid"] = True
            offers_at[(x, y)] = (params, offers)
            try:
                classes = classes_of_paths(model, predict_paths(model, params, offers))
            except ValueError as exc:
                cell["error"] = f"no prediction: {exc}"
                cells[(x, y)] = cell
                continue
            cell["classes"] = [_class_json(c) for c in sorted(classes)]
            cell["label"] = _set_label(classes)
            cells[(x, y)] = cell

    checks = []
    for x, y in _pick_checks(check_points, [k for k, c in cells.items() if c["label"] is not None]):
        cell = cells.get((x, y))
        entry: dict[str, Any] = {
            "x": str(x),
            "y": str(y),
            "predicted": None,
            "enumerated": None,
            "agree": None,
            "error": None,
        }
        if cell is None or (x, y) not in offers_at or cell["label"] is None:
            entry["error"] = "not a valid cell of the map"
            checks.append(entry)
            continue
        params, offers = offers_at[(x, y)]
        try:
            result = verify_point(model, params, offers, gambit_mixed=False, certify=False)
            found = result.classes["gambit"]
        except ValueError as exc:
            entry["error"] = f"verification: {exc}"
            result, found = None, None
        entry["predicted"] = [c["label"] for c in cell["classes"]]
        if found is not None:
            entry["enumerated"] = [class_label(c) for c in sorted(found)]
            entry["agree"] = result.agree and entry["enumerated"] == entry["predicted"]
        else:
            entry["agree"] = False
        checks.append(entry)

    counts = Counter(c["label"] for c in cells.values() if c["label"] is not None)
    labels = sorted(counts, key=lambda lab: (-counts[lab], lab))
    style = {
        lab: (PALETTE[i % len(PALETTE)], HATCHES[(i // len(PALETTE)) % len(HATCHES)])
        for i, lab in enumerate(labels)
    }
    data: dict[str, Any] = {
        "model": model.name,
        "x_name": x_name,
        "y_name": y_name,
        "x_values": [str(v) for v in xs],
        "y_values": [str(v) for v in ys],
        "grid": grid,
        "base_params": {f.name: str(getattr(base, f.name)) for f in fields(base)},
        "cells": [cells[(x, y)] for y in ys for x in xs],
        "categories": [
            {"label": lab, "color": style[lab][0], "hatch": style[lab][1], "cells": counts[lab]}
            for lab in labels
        ],
        "checks": checks,
        "invalid_cells": sum(1 for c in cells.values() if not c["valid"]),
        "unpredicted_cells": sum(1 for c in cells.values() if c["valid"] and c["label"] is None),
    }
    fig = _draw_map(data, xs, ys, cells, style)
    return fig, data


def _draw_map(
    data: Mapping[str, Any],
    xs: Sequence[Fraction],
    ys: Sequence[Fraction],
    cells: Mapping[tuple[Fraction, Fraction], Mapping[str, Any]],
    style: Mapping[str, tuple[str, str]],
) -> Figure:
    """Draw the map's cells and check marks, and a legend that is a membership matrix:
    one row per colour (class set), one column per class, a dot where the set has it."""
    fig = new_figure(8.0, 4.6)
    ax = fig.add_axes((0.085, 0.12, 0.44, 0.80))
    fx, fy = [float(v) for v in xs], [float(v) for v in ys]
    ex, ey = _edges(fx), _edges(fy)
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            lab = cells[(x, y)]["label"]
            if lab is None:
                continue
            colour, hatch = style[lab]
            ax.add_patch(
                Rectangle(
                    (ex[i], ey[j]),
                    ex[i + 1] - ex[i],
                    ey[j + 1] - ey[j],
                    facecolor=colour,
                    edgecolor="white",
                    lw=0.5,
                    hatch=hatch,
                    gid=f"cell:{x}:{y}",
                )
            )
    for chk in data["checks"]:
        if chk["agree"] is None:
            continue
        x, y = Fraction(chk["x"]), Fraction(chk["y"])
        ax.text(
            float(x),
            float(y),
            "\u2713" if chk["agree"] else "\u2717",
            ha="center",
            va="center",
            fontsize=8,
            color="black",
            gid=f"check:{x}:{y}",
            **MARKS,
        )
    ax.set_xlim(ex[0], ex[-1])
    ax.set_ylim(ey[0], ey[-1])
    ax.set_xlabel(_param_tex(data["x_name"]), **TEXT, fontsize=12)
    ax.set_ylabel(_param_tex(data["y_name"]), **TEXT, fontsize=12, rotation=0, labelpad=10)
    for lab in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        lab.set(**TEXT, fontsize=9)
    for spine in ax.spines.values():
        spine.set_linewidth(0.8)
    ax.tick_params(width=0.8, length=3)
    _draw_membership(fig, data, style)
    return fig


def _draw_membership(
    fig: Figure, data: Mapping[str, Any], style: Mapping[str, tuple[str, str]]
) -> None:
    """The map's legend: colour swatches against the classes each colour stands for."""
    cats = data["categories"]
    columns = sorted({c["label"] for cell in data["cells"] for c in cell["classes"]})
    n_rows, n_cols = max(len(cats), 1), max(len(columns), 1)
    top = 0.68
    row_h = min(0.045, (top - 0.25) / n_rows)
    height = row_h * n_rows
    width = min(0.30, 0.045 * (n_cols + 1.6))
    lg = fig.add_axes((0.60, top - height, width, height))
    lg.set_axis_off()
    lg.set_xlim(-1.6, n_cols)
    lg.set_ylim(n_rows, 0)
    for r, cat in enumerate(cats):
        colour, hatch = style[cat["label"]]
        lg.add_patch(
            Rectangle(
                (-1.5, r + 0.12),
                1.1,
                0.76,
                facecolor=colour,
                hatch=hatch,
                edgecolor="white",
                lw=0.5,
            )
        )
        members = {
            c["label"]
            for cell in data["cells"]
            if cell["label"] == cat["label"]
            for c in cell["classes"]
        }
        if not members:
            lg.text(
                n_cols / 2,
                r + 0.5,
                "no PBE predicted",
                ha="center",
                va="center",
                fontsize=7.5,
                color="0.35",
                **TEXT,
            )
        for k, col in enumerate(columns if members else ()):
            filled = col in members
            lg.plot(
                [k + 0.5],
                [r + 0.5],
                marker="o",
                ms=4.5 if filled else 2,
                color="black" if filled else "0.8",
                linestyle="none",
            )
        lg.text(
            n_cols + 0.2,
            r + 0.5,
            f"{cat['cells']}",
            ha="left",
            va="center",
            fontsize=7.5,
            color="0.35",
            **TEXT,
        )
    for k, col in enumerate(columns):
        lg.text(
            k + 0.5,
            -0.25,
            col,
            ha="left",
            va="bottom",
            rotation=55,
            rotation_mode="anchor",
            fontsize=8,
            **TEXT,
        )
    lg.text(
        n_cols + 0.2, -0.25, "cells", ha="left", va="bottom", fontsize=7.5, color="0.35", **TEXT
    )
    fig.text(
        0.60,
        0.93,
        "Equilibrium classes predicted by the closed forms",
        ha="left",
        va="top",
        fontsize=10,
        **TEXT,
    )
    notes = [
        "Class [regime]: P allies after none / reject / accept / both;",
        "* = alliance at stake (the paper's sense).",
    ]
    if data["checks"]:
        ok = sum(1 for c in data["checks"] if c["agree"])
        notes.append(
            f"Marks: Gambit and the enumerator agree with the closed forms (check) / differ (cross);\n"
            f"{ok} of {len(data['checks'])} checked cells agree."
        )
    if data["invalid_cells"]:
        notes.append(f"Blank: {data['invalid_cells']} invalid parameter point(s).")
    if data["unpredicted_cells"]:
        notes.append(f"Blank: {data['unpredicted_cells']} cell(s) without a prediction.")
    fig.text(
        0.60,
        0.04,
        "\n".join(notes),
        ha="left",
        va="bottom",
        fontsize=7.5,
        color="0.2",
        linespacing=1.35,
        wrap=True,
        **TEXT,
    )


def _param_tex(name: str) -> str:
    """A parameter's symbol in mathtext, in the papers' notation (``alpha_lo`` -> α̲)."""
    return param_tex(name, NOTATION)
