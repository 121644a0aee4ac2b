"""Generic matplotlib helpers for the figures of any model: style, symbols, deterministic files.

No pyplot: figures are :class:`matplotlib.figure.Figure` objects with their own Agg
canvas (:func:`new_figure`), so nothing touches matplotlib's global state; text style is
set per text object (:data:`TEXT`). :func:`figure_bytes` gives the same bytes for the
same figure every time (no dates, software versions or random ids);
:func:`save_figure` writes them atomically.

>>> param_tex("k_A"), param_tex("rho")
('$k_{A}$', '$\\\\rho$')
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gametrees.atomic import atomic_write_bytes
from gametrees.notation import Notation

__all__ = [
    "HATCHES",
    "MARKS",
    "PALETTE",
    "TEXT",
    "figure_bytes",
    "new_figure",
    "param_tex",
    "save_figure",
]

#: Okabe & Ito's colour-blind-safe palette (black left out: it is the ink colour).
PALETTE: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
)
#: Hatches cycled once the palette runs out, so categories stay distinct.
HATCHES: tuple[str, ...] = ("", "//", "\\\\", "..", "xx")

#: Text style: a Times-like serif with matching mathtext, set per text object.
TEXT: dict[str, Any] = {"fontfamily": "STIXGeneral", "math_fontfamily": "stix"}
#: A font with the check and cross glyphs.
MARKS: dict[str, Any] = {"fontfamily": "DejaVu Sans"}

_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "pi", "rho",
    "sigma", "tau", "phi", "psi", "omega",
}  # fmt: skip


def new_figure(width: float, height: float) -> Figure:
    """A figure of ``width`` x ``height`` inches with its own Agg canvas (no pyplot)."""
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def param_tex(name: str, notation: Notation | None = None) -> str:
    """A parameter's symbol in mathtext: the notation's LaTeX if it has one, else Greek
    names as Greek letters and ``k_A`` as ``k_{A}``."""
    if notation is not None and name in notation.symbols:
        return f"${notation.symbols[name][1]}$"
    base, _, sub = name.partition("_")
    head = f"\\{base}" if base in _GREEK else base
    return f"${head}_{{{sub}}}$" if sub else f"${head}$"


def _save_kwargs(fmt: str) -> dict[str, Any]:
    if fmt == "png":
        return {"dpi": 200, "metadata": {"Software": None}}
    if fmt == "pdf":
        return {"metadata": {"Creator": None, "Producer": None, "CreationDate": None}}
    if fmt == "svg":
        return {"metadata": {"Date": None, "Creator": None}}
    raise ValueError(f"unsupported figure format {fmt!r}; use .png, .pdf or .svg")


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The bytes of ``fig`` as ``fmt`` (``png``, ``pdf``, ``svg``), deterministic."""
    kwargs = _save_kwargs(fmt)
    buf = io.BytesIO()
    # SVG ids are hashed with a random salt unless one is set; rc_context is undone on exit.
    with matplotlib.rc_context({"svg.hashsalt": "gametrees", "pdf.compression": 6}):
        fig.savefig(buf, format=fmt, facecolor="white", **kwargs)
    return buf.getvalue()


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Write ``fig`` to ``path`` (format from the suffix: .png at 200 dpi, .pdf, .svg).

    The same figure gives the same bytes every time (dates and software versions are
    left out); the file is written atomically. Returns the path.
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    atomic_write_bytes(target, figure_bytes(fig, fmt))
    return target
