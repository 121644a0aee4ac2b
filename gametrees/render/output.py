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

import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Literal

from gametrees.atomic import atomic_write_bytes, atomic_write_text

__all__ = ["FORMATS", "RenderError", "format_from_path", "render", "render_bytes", "run_graphviz"]

Format = Literal["svg", "pdf", "png", "dot", "tex"]
FORMATS: tuple[str, ...] = ("svg", "pdf", "png", "dot", "tex")

#: Raster resolution of PNG output (dots per inch).
DEFAULT_DPI = 150

_INSTALL_HINT = (
    "the Graphviz 'dot' program was not found on PATH; install Graphviz "
    "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)"
)
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")


class RenderError(RuntimeError):
    """Graphviz is missing or failed; the message says what to do."""


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


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RenderError(
            _INSTALL_HINT if name == "dot" else f"{name!r} not found; " + _INSTALL_HINT
        )
    return found


def run_graphviz(source: str, args: list[str], engine: str = "dot") -> bytes:
    """Run a Graphviz engine on ``source`` with ``args``; its stdout, or :class:`RenderError`."""
    exe = _binary(engine)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    try:
        proc = subprocess.run(  # noqa: S603 - a fixed program, arguments built here
            [exe, *args],
            input=source.encode("utf-8"),
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError as exc:
        raise RenderError(_INSTALL_HINT) from exc
    except OSError as exc:
        raise RenderError(f"cannot run {exe}: {exc}") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"Graphviz {engine} failed (exit {proc.returncode}): {msg}")
    return proc.stdout


def layout_json(source: str) -> dict[str, Any]:
    """The ``dot -Tjson`` layout of ``source`` (positions in points, y upwards)."""
    return json.loads(run_graphviz(source, ["-Tjson"]).decode("utf-8"))


def _point(text: str) -> tuple[float, float]:
    x, y = text.split(",")[:2]
    return float(x), float(y)


def fan_geometry(layout: dict[str, Any]) -> list[dict[str, Any]]:
    """For each fan node: its apex, the arc's radius and start/end angles (degrees).

    A fan node has ``gt_fan="LEFT,RIGHT"`` naming the two nodes its outer edges
    end at; the arc is centred where those edges leave the fan node.
    """
    objects = layout.get("objects", [])
    by_name = {o["name"]: o for o in objects if "pos" in o}
    edges = layout.get("edges", [])
    out = []
    for o in objects:
        spec = o.get("gt_fan")
        if not spec or "pos" not in o:
            continue
        left, right = (s.strip() for s in spec.split(","))
        idx = {ob["_gvid"]: ob["name"] for ob in objects}
        ends: dict[str, tuple[float, float]] = {}
        start: tuple[float, float] | None = None
        for e in edges:
            if idx.get(e["tail"]) != o["name"] or idx.get(e["head"]) not in (left, right):
                continue
            pts = [_point(p) for p in e["pos"].split()]
            start = pts[0]
            ends[idx[e["head"]]] = pts[-1]
        if start is None or len(ends) != 2:
            continue
        angles = []
        lengths = []
        for n in (left, right):
            dx, dy = ends[n][0] - start[0], ends[n][1] - start[1]
            angles.append(math.degrees(math.atan2(dy, dx)))
            lengths.append(math.hypot(dx, dy))
        out.append(
            {
                "node": o["name"],
                "apex": start,
                "radius": float(o.get("gt_fan_radius", 0.45)) * min(lengths),
                "start": angles[0],
                "end": angles[1],
                "ends": (by_name[left]["pos"], by_name[right]["pos"]),
            }
        )
    return out


def arc_bezier(cx: float, cy: float, r: float, a0: float, a1: float) -> list[tuple[float, float]]:
    """Cubic Bézier points (1 + 3k) approximating the circular arc from ``a0`` to ``a1``."""
    sweep = a1 - a0
    n = max(1, math.ceil(abs(sweep) / 45))
    pts = []
    for i in range(n):
        t0 = math.radians(a0 + sweep * i / n)
        t1 = math.radians(a0 + sweep * (i + 1) / n)
        k = 4 / 3 * math.tan((t1 - t0) / 4)
        p0 = (cx + r * math.cos(t0), cy + r * math.sin(t0))
        p3 = (cx + r * math.cos(t1), cy + r * math.sin(t1))
        p1 = (p0[0] - k * r * math.sin(t0), p0[1] + k * r * math.cos(t0))
        p2 = (p3[0] + k * r * math.sin(t1), p3[1] - k * r * math.cos(t1))
        if i == 0:
            pts.append(p0)
        pts.extend([p1, p2, p3])
    return pts


def _objects(layout: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {o["_gvid"]: o for o in layout.get("objects", []) if "pos" in o}


def _box(o: dict[str, Any]) -> tuple[float, float, float, float]:
    """``(x, y, half width, half height)`` of a laid-out node, in points."""
    x, y = _point(o["pos"])
    return x, y, float(o.get("width", 0)) * 36, float(o.get("height", 0)) * 36


def infoset_links(layout: dict[str, Any]) -> list[dict[str, Any]]:
    """Bézier points of each information-set link (edges with ``gt_kind="infoset"``).

    Two members of one rank with no node between them are joined by a straight
    dashed segment; otherwise the link arcs towards the root side (up in TB, left in
    LR), higher for wider spans so that nested links stay apart. Members on
    different ranks are joined straight.
    """
    objs = _objects(layout)
    out = []
    for e in layout.get("edges", []):
        if e.get("gt_kind") != "infoset" or e["tail"] not in objs or e["head"] not in objs:
            continue
        ax, ay, aw, ah = _box(objs[e["tail"]])
        bx, by, bw, bh = _box(objs[e["head"]])
        horizontal = abs(ay - by) < 1
        vertical = abs(ax - bx) < 1
        if horizontal:
            lo, hi = sorted((ax, bx))
            between = any(
                abs(_box(o)[1] - ay) < 1 and lo + 1 < _box(o)[0] < hi - 1
                for k, o in objs.items()
                if k not in (e["tail"], e["head"]) and float(o.get("width", 0)) > 0.01
            )
            s = 1 if bx > ax else -1
            p0, p3 = (ax + s * aw, ay), (bx - s * bw, by)
            if not between:
                pts = [p0, p0, p3, p3]
            else:
                lift = min(max(0.12 * abs(bx - ax), 12.0), 40.0)
                p0, p3 = (ax + s * aw * 0.6, ay + ah), (bx - s * bw * 0.6, by + bh)
                pts = [p0, (p0[0] + s * lift, p0[1] + lift), (p3[0] - s * lift, p3[1] + lift), p3]
        elif vertical:
            lo, hi = sorted((ay, by))
            between = any(
                abs(_box(o)[0] - ax) < 1 and lo + 1 < _box(o)[1] < hi - 1
                for k, o in objs.items()
                if k not in (e["tail"], e["head"]) and float(o.get("height", 0)) > 0.01
            )
            s = 1 if by > ay else -1
            p0, p3 = (ax, ay + s * ah), (bx, by - s * bh)
            if not between:
                pts = [p0, p0, p3, p3]
            else:
                lift = min(max(0.12 * abs(by - ay), 12.0), 40.0)
                p0, p3 = (ax - aw, ay + s * ah * 0.6), (bx - bw, by - s * bh * 0.6)
                pts = [p0, (p0[0] - lift, p0[1] + s * lift), (p3[0] - lift, p3[1] - s * lift), p3]
        else:
            pts = [(ax, ay), (ax, ay), (bx, by), (bx, by)]
        out.append(
            {"tail": objs[e["tail"]]["name"], "head": objs[e["head"]]["name"], "points": pts}
        )
    return out


def _spline(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.3f},{y:.3f}" for x, y in points)


def _label_box(edge: dict[str, Any]) -> tuple[float, float] | None:
    """Width and height (points) of an edge label, from its xdot text operations."""
    size = 14.0
    xs: list[float] = []
    ys: list[float] = []
    for op in edge.get("_ldraw_", []):
        if op.get("op") == "F":
            size = float(op.get("size", size))
        elif op.get("op") == "T":
            x, y = op["pt"]
            w = float(op.get("width", 0))
            left = {"l": x, "r": x - w}.get(op.get("align", "c"), x - w / 2)
            xs += [left, left + w]
            ys += [y - 0.25 * size, y + 0.8 * size]
    if not xs:
        return None
    return max(xs) - min(xs), max(ys) - min(ys)


def label_positions(
    layout: dict[str, Any], rankdir: str
) -> dict[tuple[str, str], tuple[float, float]]:
    """New centres of the action labels: beside the edge, on its outer side, never on it.

    Of the labelled edges leaving one node, the first child's label goes on the outer
    side of its edge (left in TB, above in LR), the last child's on the other side;
    a middle edge's label goes right (TB) or above (LR). The label sits at fraction
    ``gt_label_at`` (default 0.5) of the edge, 3 points clear of the line.
    """
    objs = _objects(layout)
    out: dict[tuple[str, str], tuple[float, float]] = {}
    across = 0 if rankdir == "TB" else 1  # the coordinate that orders siblings
    edges = [
        e
        for e in layout.get("edges", [])
        if "lp" in e
        and e.get("gt_kind") != "infoset"
        and e["tail"] in objs
        and e["head"] in objs
        and _label_box(e) is not None
    ]
    siblings: dict[int, list[float]] = {}
    for e in edges:
        siblings.setdefault(e["tail"], []).append(_point(objs[e["head"]]["pos"])[across])
    for e in edges:
        box = _label_box(e)
        assert box is not None
        pts = [_point(p) for p in e["pos"].split() if not p.startswith(("e,", "s,"))]
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        coord = _point(objs[e["head"]]["pos"])[across]
        sib = siblings[e["tail"]]
        # TB: "before" = left (smaller x); LR: "before" = above (larger y).
        first = coord == (min(sib) if rankdir == "TB" else max(sib))
        last = coord == (max(sib) if rankdir == "TB" else min(sib))
        before = first and len(sib) > 1 and not last
        nx, ny = -uy, ux
        if rankdir == "TB":
            want_left = before
            if (nx < 0) != want_left:
                nx, ny = -nx, -ny
        else:
            want_up = before or not last
            if (ny > 0) != want_up:
                nx, ny = -nx, -ny
        t = float(e.get("gt_label_at", 0.5))
        mx, my = x0 + t * dx, y0 + t * dy
        w, h = box
        off = 3.0 + abs(nx) * w / 2 + abs(ny) * h / 2
        out[(objs[e["tail"]]["name"], objs[e["head"]]["name"])] = (mx + off * nx, my + off * ny)
    return out


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
        from gametrees.render.tikz import dot_to_tikz

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
