"""Write a figure: DOT source to ``.dot``, ``.svg``, ``.pdf``, ``.png`` or ``.tex``.

Rendering calls the Graphviz ``dot`` binary. Files are written atomically
(:mod:`gametrees.atomic`): a failure never leaves a partial file.

Determinism: the same DOT source gives the same bytes. Graphviz's SVG and PNG are
already reproducible; its PDF (cairo) embeds ``/CreationDate``. cairo >= 1.17.6 takes
it from ``SOURCE_DATE_EPOCH``, which is set here (to 0); cairo 1.16 ignores it, so the
date is also overwritten in place by a fixed one of the same length (the PDF's
cross-reference offsets stay valid).

Fans (a continuous choice drawn as two edges and an arc): nodes with a ``gt_fan``
attribute get their arc in a second pass. ``dot`` lays the graph out
(``-Tdot``), the arcs are added as edges with explicit Bézier points, and
``neato -n2`` draws the result with the positions unchanged.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from gametrees.atomic import atomic_write_bytes, atomic_write_text
from gametrees.drawing.layout import (
    RenderError,
    arc_bezier,
    fan_geometry,
    infoset_links,
    label_positions,
    layout_json,
    run_graphviz,
)
from gametrees.drawing.tikz import dot_to_tikz

__all__ = ["FORMATS", "RenderError", "format_from_path", "render", "render_bytes", "run_graphviz"]

Format = Literal["svg", "pdf", "png", "dot", "tex"]
FORMATS: tuple[str, ...] = ("svg", "pdf", "png", "dot", "tex")

#: Raster resolution of PNG output (dots per inch).
DEFAULT_DPI = 150

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


def format_from_path(path: str | os.PathLike[str]) -> str:
    """The output format named by a file's extension; :class:`RenderError` if unknown."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext == "gv":
        ext = "dot"
    if ext not in FORMATS:
        raise RenderError(
            f"cannot tell the format of {str(path)!r} from its extension; "
            f"use one of: {', '.join('.' + f for f in FORMATS)}"
        )
    return ext


def _spline(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.3f},{y:.3f}" for x, y in points)


_EDGE_STMT = re.compile(r"(\b([\w]+) -> ([\w]+)\s*\[)(.*?)(\];)", re.DOTALL)


def _move_labels(laid: str, positions: dict[tuple[str, str], tuple[float, float]]) -> str:
    def fix(m: re.Match[str]) -> str:
        key = (m.group(2), m.group(3))
        if key not in positions:
            return m.group(0)
        x, y = positions[key]
        body = re.sub(r'lp="[^"]*"', f'lp="{x:.3f},{y:.3f}"', m.group(4))
        return m.group(1) + body + m.group(5)

    return _EDGE_STMT.sub(fix, laid)


def _second_pass(source: str) -> tuple[str, str]:
    """``(source, engine)`` to draw: edge labels moved beside their edges, fan arcs and
    curved information-set links added to the laid-out graph, which ``neato -n2``
    then draws without moving anything."""
    layout = layout_json(source)
    rankdir = str(layout.get("rankdir", "TB"))
    fans = fan_geometry(layout)
    links = infoset_links(layout)
    labels = label_positions(layout, rankdir)
    hidden = source.replace('gt_kind="infoset"', 'gt_kind="infoset", style="invis"')
    laid = run_graphviz(hidden, ["-Tdot"]).decode("utf-8").rstrip()
    if not laid.endswith("}"):
        raise RenderError("unexpected output from dot -Tdot")
    laid = _move_labels(laid, labels)
    extra = []
    curves = [
        (f"gt_arc{k}", arc_bezier(*f["apex"], f["radius"], f["start"], f["end"]), "solid")
        for k, f in enumerate(fans)
    ]
    curves += [(f"gt_link{k}", ln["points"], "dashed") for k, ln in enumerate(links)]
    for name, pts, line in curves:
        a, b = f"{name}a", f"{name}b"
        for node, p in ((a, pts[0]), (b, pts[-1])):
            extra.append(
                f'\t{node}\t[shape=point, width=0, height=0, style=invis, label="", '
                f'pos="{p[0]:.3f},{p[1]:.3f}"];'
            )
        extra.append(f'\t{a} -> {b}\t[dir=none, style={line}, pos="{_spline(pts)}"];')
    return laid[:-1] + "\n".join(extra) + "\n}\n", "neato"


def _fix_pdf_dates(data: bytes) -> bytes:
    """Replace PDF dates by 1970-01-01 (same length, so the xref table stays valid)."""
    return _PDF_DATE.sub(
        lambda m: b"/" + m.group(1) + b" (D:19700101000000" + m.group(3) + b")", data
    )


def render_bytes(
    dot_source: str, fmt: str, *, dpi: int = DEFAULT_DPI, standalone: bool = True
) -> bytes:
    """The figure in ``fmt`` as bytes (``dot`` and ``tex`` are UTF-8 text)."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "dot":
        return dot_source.encode("utf-8")
    if fmt == "tex":
        return dot_to_tikz(dot_source, standalone=standalone).encode("utf-8")
    source, engine = _second_pass(dot_source)
    args = [f"-T{fmt}"]
    if engine == "neato":
        args.insert(0, "-n2")
    if fmt == "png":
        args.append(f"-Gdpi={dpi}")
    data = run_graphviz(source, args, engine)
    if fmt == "pdf":
        data = _fix_pdf_dates(data)
    return data


def render(
    dot_source: str,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    dpi: int = DEFAULT_DPI,
    standalone: bool = True,
) -> Path:
    """Write the figure to ``path`` (format from its extension unless ``fmt``); returns the path.

    ``tex`` is a standalone LaTeX document unless ``standalone=False`` (then a bare
    ``tikzpicture``). Raises :class:`RenderError` if Graphviz is missing or fails.
    """
    out = Path(path)
    fmt = fmt or format_from_path(out)
    data = render_bytes(dot_source, fmt, dpi=dpi, standalone=standalone)
    if fmt in ("dot", "tex", "svg"):
        atomic_write_text(out, data.decode("utf-8"))
    else:
        atomic_write_bytes(out, data)
    return out
