"""Graphviz runs and layout geometry shared by the output formats.

:func:`run_graphviz` calls a Graphviz engine; :func:`layout_json` reads ``dot``'s layout;
the geometry helpers compute, from a layout, the fans of continuous choices, the curves
of information-set links and the positions of action labels, which both the
SVG/PDF/PNG writer (:mod:`gametrees.drawing.output`) and the TikZ writer
(:mod:`gametrees.drawing.tikz`) draw.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from typing import Any

__all__ = [
    "RenderError",
    "arc_bezier",
    "fan_geometry",
    "infoset_links",
    "label_positions",
    "layout_json",
    "objects",
    "point",
    "run_graphviz",
]

_INSTALL_HINT = (
    "the Graphviz 'dot' program was not found on PATH; install Graphviz "
    "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)"
)


class RenderError(RuntimeError):
    """Graphviz is missing or failed; the message says what to do."""


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
    # Fixed clock and time zone: cairo writes the date with the local offset into PDFs.
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC")
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


def point(text: str) -> tuple[float, float]:
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
            pts = [point(p) for p in e["pos"].split()]
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


def objects(layout: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {o["_gvid"]: o for o in layout.get("objects", []) if "pos" in o}


def _box(o: dict[str, Any]) -> tuple[float, float, float, float]:
    """``(x, y, half width, half height)`` of a laid-out node, in points."""
    x, y = point(o["pos"])
    return x, y, float(o.get("width", 0)) * 36, float(o.get("height", 0)) * 36


def infoset_links(layout: dict[str, Any]) -> list[dict[str, Any]]:
    """Bézier points of each information-set link (edges with ``gt_kind="infoset"``).

    Two members of one rank with no node between them are joined by a straight
    dashed segment; otherwise the link arcs towards the root side (up in TB, left in
    LR), higher for wider spans so that nested links stay apart. Members on
    different ranks are joined straight.
    """
    objs = objects(layout)
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
    objs = objects(layout)
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
        siblings.setdefault(e["tail"], []).append(point(objs[e["head"]]["pos"])[across])
    for e in edges:
        box = _label_box(e)
        assert box is not None
        pts = [point(p) for p in e["pos"].split() if not p.startswith(("e,", "s,"))]
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        coord = point(objs[e["head"]]["pos"])[across]
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
