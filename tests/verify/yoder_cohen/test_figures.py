"""Tests of gametrees.verify.yoder_cohen.figures: Figure 3/4 reproductions, the equilibrium map, saving.

Expected positions come from :func:`gametrees.verify.yoder_cohen.closed_forms.thresholds` (converted to floats
only for comparison with plotted coordinates); expected classes are derived here from
``predict_paths`` with the paper's rules written out by hand.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from matplotlib.figure import Figure

from gametrees.builders.yoder_cohen.baseline import MODEL as BASELINE
from gametrees.builders.yoder_cohen.client import MODEL as CLIENT
from gametrees.plotting import figure_bytes, save_figure
from gametrees.verify.yoder_cohen.closed_forms import thresholds
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
from gametrees.verify.yoder_cohen.figures import (
    equilibrium_map,
    overlay_from_continuations,
    response_figure,
)
from gametrees.verify.yoder_cohen.predict import predict_paths

STAKE = {"baseline": "reject", "client": "accept"}


def _by_gid(fig: Figure, prefix: str) -> dict[str, object]:
    """Artists of ``fig`` whose gid starts with ``prefix``, by gid."""
    found = {}
    for ax in fig.axes:
        for art in (*ax.lines, *ax.patches, *ax.texts):
            gid = art.get_gid()
            if gid and gid.startswith(prefix):
                assert gid not in found, f"duplicate gid {gid}"
                found[gid] = art
    return found


@pytest.mark.parametrize("model", [BASELINE, CLIENT])
def test_thresholds_drawn_at_their_values(model: str) -> None:
    params = model.params()
    T = thresholds(model, params)
    fig = response_figure(model, params)
    ticks = _by_gid(fig, "threshold:")
    assert set(ticks) == {
        f"threshold:{t}:{r}" for t in ("hi", "lo") for r in ("none", STAKE[model.name])
    }
    for t in ("hi", "lo"):
        for r in ("none", STAKE[model.name]):
            assert 0 <= T[(t, r)] <= 1  # the defaults keep every threshold on the line
            xs = ticks[f"threshold:{t}:{r}"].get_xdata()
            assert list(xs) == pytest.approx([float(T[(t, r)])] * 2)
        assert f"arrow:{t}" in _by_gid(fig, "arrow:")
    assert not _by_gid(fig, "clip:")


@pytest.mark.parametrize(
    ("model", "changes", "key", "side"),
    [
        # Result 2: a valuable alliance puts the supporter's threshold above 1.
        (
            BASELINE,
            {"w": F(7, 10), "u": F(1, 2), "phi": 1, "alpha_lo": F(1, 4), "pi": F(1, 10)},
            ("hi", "reject"),
            1,
        ),
        # Result 4: a large transfer puts the supporter's threshold below 0.
        (CLIENT, {"u": F(1, 4)}, ("hi", "accept"), -1),
    ],
)
def test_out_of_range_thresholds_are_clipped(
    model: str, changes: dict, key: tuple, side: int
) -> None:
    params = model.params(**changes)
    T = thresholds(model, params)
    assert (T[key] > 1) if side > 0 else (T[key] < 0)
    fig = response_figure(model, params)
    tick = _by_gid(fig, f"threshold:{key[0]}:{key[1]}")[f"threshold:{key[0]}:{key[1]}"]
    end = 1.0 if side > 0 else 0.0
    assert list(tick.get_xdata()) == [end, end]
    clips = _by_gid(fig, "clip:")
    marker = clips[f"clip:{key[0]}:{key[1]}"]
    (mx,) = marker.get_xdata()
    assert (mx > 1) if side > 0 else (mx < 0)
    # Only out-of-range thresholds get a clip marker.
    expected = {
        f"clip:{t}:{r}" for (t, r), v in T.items() if r in ("none", key[1]) and not 0 <= v <= 1
    }
    assert set(clips) == expected


@pytest.mark.parametrize("model", [BASELINE, CLIENT])
def test_overlay_markers_come_from_continuations(model: str) -> None:
    params = model.params()
    offers = model.grid(params, 11)
    pure, _ = per_offer_exact(model, params, offers)
    regime = STAKE[model.name]
    overlay = overlay_from_continuations(pure, regime)
    # By hand: the responses of the continuations in this regime.
    for x, conts in pure.items():
        in_regime = [c for c in conts if c.regime == regime]
        if not in_regime:
            assert x not in overlay
            continue
        for i, attr in enumerate(("accept_hi", "accept_lo")):
            seen = {getattr(c, attr) for c in in_regime}
            assert overlay[x][i] == (seen.pop() if len(seen) == 1 else None)
    # The solved game agrees with the thresholds the figure draws.
    T = thresholds(model, params)
    for x, resp in overlay.items():
        for t, r in zip(("hi", "lo"), resp, strict=True):
            if r is True:
                assert x >= T[(t, regime)]
            elif r is False:
                assert x <= T[(t, regime)]
            else:
                assert x == T[(t, regime)]
    fig = response_figure(model, params, overlay=overlay)
    markers = _by_gid(fig, "overlay:")
    assert markers
    for i, t in enumerate(("hi", "lo")):
        for key, want in (("accept", True), ("reject", False), ("both", None)):
            xs = sorted(float(x) for x, resp in overlay.items() if resp[i] is want)
            art = markers.get(f"overlay:{t}:{key}")
            got = sorted(art.get_xdata()) if art is not None else []
            assert got == pytest.approx(xs)


def _classes_by_hand(model: str, params, offers) -> list[str]:
    """The paper's classes of the predicted paths, with the rules written out here."""
    sep = {"baseline": "lo", "client": "hi"}[model.name]
    labels = set()
    for p in predict_paths(model, params, offers):
        if p.accept_hi and p.accept_lo:
            kind = "PE-accept"
        elif not p.accept_hi and not p.accept_lo:
            kind = "PE-reject"
        else:
            kind = (
                "SE"
                if (p.accept_hi and sep == "hi") or (p.accept_lo and sep == "lo")
                else "SE-reversed"
            )
        labels.add(f"{kind} [{p.regime}]{'*' if p.regime == STAKE[model.name] else ''}")
    return sorted(labels)


def test_equilibrium_map_matches_predict_paths() -> None:
    model = BASELINE
    base = model.params()
    ws, rhos = [F(1, 10), F(1, 2), F(3, 5)], [F(1, 4), F(1, 2), F(3, 4)]
    fig, data = equilibrium_map(
        model,
        base,
        "w",
        ws,
        "rho",
        rhos,
        grid=5,
        check_points=[(F(1, 2), F(1, 2)), (F(3, 5), F(3, 4))],
    )
    assert isinstance(fig, Figure)
    assert len(data["cells"]) == 9
    assert data["invalid_cells"] == 3  # w = 1/10 < c/alpha_hi
    for cell in data["cells"]:
        w, rho = F(cell["x"]), F(cell["y"])
        if w == F(1, 10):
            assert not cell["valid"] and cell["error"].startswith("invalid")
            assert cell["classes"] == []
            continue
        params = model.params(w=w, rho=rho)
        want = _classes_by_hand(model, params, model.grid(params, 5))
        assert sorted(c["label"] for c in cell["classes"]) == want
    assert [c["agree"] for c in data["checks"]] == [True, True]
    assert sum(c["cells"] for c in data["categories"]) == 6


@pytest.mark.parametrize("suffix", ["png", "pdf", "svg"])
def test_save_is_deterministic(tmp_path, suffix: str) -> None:
    params = CLIENT.params()
    a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
    save_figure(response_figure(CLIENT, params), a)
    save_figure(response_figure(CLIENT, params), b)
    assert a.read_bytes() == b.read_bytes()
    assert not list(tmp_path.glob(".*.part"))  # atomic writes leave nothing behind
    data = a.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif suffix == "pdf":
        assert data.startswith(b"%PDF") and b"CreationDate" not in data
    else:
        assert b"<svg" in data and b"<dc:date>" not in data


def test_unknown_format_rejected(tmp_path) -> None:
    with pytest.raises(ValueError, match="format"):
        figure_bytes(response_figure(BASELINE, BASELINE.params()), "jpg")
    with pytest.raises(ValueError):
        save_figure(Figure(), tmp_path / "x.bmp")
