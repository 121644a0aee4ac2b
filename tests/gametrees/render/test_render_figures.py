"""Figures: DOT content, rendered formats, determinism, TikZ, missing Graphviz, CLI."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gametrees.builders import MODELS
from gametrees.cli import app
from gametrees.drawing import (
    RenderError,
    dot_to_tikz,
    game_to_dot,
    render,
    render_bytes,
    schematic_dot,
)
from gametrees.drawing.text import formula
from gametrees.solution import Equilibrium
from gametrees.tree import Decision, Game, Terminal, infosets, iter_nodes

BASELINE, CLIENT = MODELS["baseline"], MODELS["client"]


def schematic(model, **options):
    """DOT of a model's schematic tree, drawn by the generic drawer."""
    return schematic_dot(model.schematic.tree(options), model.notation)


F = Fraction
runner = CliRunner()


@pytest.fixture(scope="module")
def beer_quiche():
    spec = MODELS["beer_quiche"]
    return spec.build(spec.params(), ())


@pytest.fixture(scope="module")
def baseline2():
    spec = MODELS["baseline"]
    p = spec.params()
    return spec.build(p, spec.grid(p, 2))


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(t for el in root.iter() if el.text for t in [el.text])


def test_beer_quiche_dot_nodes_edges_infosets(beer_quiche):
    src = game_to_dot(beer_quiche)
    n_nodes = sum(1 for _ in iter_nodes(beer_quiche))
    assert len(re.findall(r"^  n\d+ \[", src, re.M)) == n_nodes
    tree_edges = re.findall(r'gt_kind="action"', src)
    assert len(tree_edges) == n_nodes - 1
    # two receiver information sets, each a dashed link on one rank
    assert src.count('gt_kind="infoset"') == 2
    assert src.count("rank=same") == 2
    assert 'style="dashed"' in src
    assert "label=<strong (9/10)>" in src and "label=<weak (1/10)>" in src
    for word in ("Nature", "Sender", "Receiver", "beer", "quiche", "duel"):
        assert word in src
    assert "3<BR/>" not in src  # stacked payoffs use table rows
    assert "<TD>3</TD>" in src


def test_dot_is_deterministic(baseline2):
    assert game_to_dot(baseline2) == game_to_dot(baseline2)


def test_baseline_grid2_infosets_and_offers(baseline2):
    src = game_to_dot(baseline2)
    sets = infosets(baseline2)
    links = sum(len(m) - 1 for m in sets.values() if len(m) > 1)
    assert src.count('gt_kind="infoset"') == links
    assert "label=<x=0>" in src and "label=<x=1>" in src
    few = game_to_dot(baseline2, first_actions=["x=0", "x=1"])
    assert "label=<x=1/2>" not in few
    assert few.count('gt_kind="ellipsis"') >= 2 and "…" in few
    with pytest.raises(ValueError, match="not an action"):
        game_to_dot(baseline2, first_actions=["x=7/3"])


def test_negative_payoffs_use_a_true_minus_sign():
    leaf = Terminal((F(-3, 10), F(2)))
    game = Game(("A", "B"), Decision("A", "a", ("L", "R"), (leaf, Terminal((F(0), F(-1))))))
    src = game_to_dot(game)
    assert "<TD>−3/10</TD>" in src and "<TD>−1</TD>" in src
    assert "<TD>-" not in src


def test_max_depth_and_cluster(beer_quiche):
    src = game_to_dot(beer_quiche, max_depth=2)
    assert src.count('shape="triangle"') == 4
    cl = game_to_dot(beer_quiche, infoset_style="cluster")
    assert cl.count("subgraph cluster_") == 2 and 'gt_kind="infoset"' not in cl


def test_solution_highlight_and_beliefs(beer_quiche):
    sol = Equilibrium(
        behavior={
            "Sender strong": {"beer": F(1)},
            "Sender weak": {"beer": F(1)},
            "Receiver after beer": {"not": F(1)},
            "Receiver after quiche": {"duel": F(1, 2), "not": F(1, 2)},
        },
        beliefs={
            "Receiver after beer": (F(9, 10), F(1, 10)),
            "Receiver after quiche": (F(0), F(1)),
        },
    )
    src = game_to_dot(beer_quiche, solution=sol)
    assert src.count('gt_played="1"') == 2 + 2 + 4
    assert "[9/10]" in src and "[1/10]" in src
    assert "duel [1/2]" in src
    with pytest.raises(ValueError, match="unknown information set"):
        game_to_dot(beer_quiche, solution=Equilibrium({"nope": {}}, {}))


def test_formula_printer_reads_like_the_paper():
    import sympy as sp

    from gametrees.builders.api import param_symbols

    s = param_symbols(BASELINE.params_type)

    x = sp.Symbol("x")
    lab = formula(s.phi * s.alpha_hi * x + s.alpha_hi * (s.pi + s.w) - s.c + s.u, BASELINE.notation)
    assert (
        lab.html == "<I>ϕ</I><I>ᾱ</I><I>x</I> + <I>ᾱ</I>(<I>π</I> + <I>w</I>) + <I>u</I> − <I>c</I>"
    )
    assert lab.tex.startswith(r"$\phi \overline{\alpha} x")
    assert "k</I><SUB>A</SUB>" in formula(s.k_A).html


def test_schematic_labels():
    src = schematic(BASELINE)
    for text in ("ϕ", "π", "ᾱ", "<U><I>α</I></U>", "<SUB>A</SUB>", "Nature", "∈ [0, 1]", "gt_fan="):
        assert text in src, text
    assert src.count('gt_kind="infoset"') == 3  # R's set and P's two sets
    assert "R’s omitted" in src
    shown = schematic(BASELINE, show_offerer_payoffs=True, nature_prior="rho")
    assert "R’s omitted" not in shown and "<I>ρ</I>" in shown
    client = schematic(CLIENT)
    for text in ("β", "<I>z</I>", "<I>f</I>", "C’s omitted"):
        assert text in client
    with pytest.raises(ValueError):
        schematic(BASELINE, nature_prior="psi")
    with pytest.raises(ValueError, match="unknown schematic option"):
        schematic(BASELINE, c_bears_transfer=1)


def test_svg_parses_with_expected_text(beer_quiche):
    text = _svg_text(render_bytes(game_to_dot(beer_quiche), "svg"))
    for word in ("Nature", "Sender", "Receiver", "9/10"):
        assert word in text
    schem = _svg_text(render_bytes(schematic(BASELINE), "svg"))
    for word in ("Nature", "P", "R", "ϕ", "π", "ᾱ"):
        assert word in schem


def test_pdf_png_signatures_and_determinism(tmp_path: Path, beer_quiche):
    src = schematic(BASELINE)
    for fmt, magic in (("pdf", b"%PDF"), ("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml")):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        render(src, a)
        render(src, b)
        assert a.read_bytes().startswith(magic)
        assert a.read_bytes() == b.read_bytes(), fmt
    assert b"CreationDate (D:19700101000000" in (tmp_path / "a.pdf").read_bytes()
    assert not list(tmp_path.glob(".*.part"))


def test_tikz(beer_quiche):
    tex = dot_to_tikz(schematic(BASELINE))
    assert (
        tex.startswith("%")
        and r"\begin{tikzpicture}" in tex
        and tex.rstrip().endswith(r"\end{document}")
    )
    assert r"\overline{\alpha}" in tex and r"k_{\mathrm{A}}" in tex and " arc[" in tex
    assert r"\\overline" not in tex
    snippet = dot_to_tikz(game_to_dot(beer_quiche), standalone=False)
    assert snippet.startswith(r"\begin{tikzpicture}") and "documentclass" not in snippet
    assert snippet.count(r"\draw[infoset]") == 2


def test_missing_dot_raises_with_apt_hint(monkeypatch, tmp_path, beer_quiche):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="apt-get install graphviz"):
        render(game_to_dot(beer_quiche), tmp_path / "x.svg")
    assert not (tmp_path / "x.svg").exists()
    result = runner.invoke(app, ["render", "beer_quiche", "-o", str(tmp_path / "y.png")])
    assert result.exit_code == 2 and "apt-get" in result.output


def test_cli_ok_and_errors(tmp_path: Path):
    out = tmp_path / "bq.svg"
    r = runner.invoke(app, ["render", "beer_quiche", "-o", str(out)])
    assert r.exit_code == 0, r.output
    ET.fromstring(out.read_bytes())
    r = runner.invoke(app, ["render", "baseline", "--schematic", "--format", "dot"])
    assert r.exit_code == 0 and "digraph" in r.output
    r = runner.invoke(
        app, ["render", "baseline", "--grid", "2", "--offers", "0,1", "--format", "dot"]
    )
    assert r.exit_code == 0 and "…" in r.output
    assert runner.invoke(app, ["render", "baseline", "--set", "w=2"]).exit_code == 2
    assert runner.invoke(app, ["render", "nosuchmodel"]).exit_code == 2
    assert runner.invoke(app, ["render", "beer_quiche", "--rankdir", "XY"]).exit_code == 2
    assert (
        runner.invoke(app, ["render", "beer_quiche", "-o", str(tmp_path / "a.jpg")]).exit_code == 2
    )
    assert runner.invoke(app, ["render", str(tmp_path / "missing.efg")]).exit_code == 2


def test_cli_solution_file(tmp_path: Path):
    sol = tmp_path / "sol.json"
    sol.write_text(
        '{"equilibria": [{"behavior": {"Receiver after beer": {"duel": "0", "not": "1"}},'
        ' "beliefs": {"Receiver after beer": ["9/10", "1/10"]}}]}',
        encoding="utf-8",
    )
    r = runner.invoke(app, ["render", "beer_quiche", "--solution", str(sol), "--format", "dot"])
    assert r.exit_code == 0 and "[9/10]" in r.output and 'gt_played="1"' in r.output
    r = runner.invoke(app, ["render", "beer_quiche", "--solution", str(sol), "--equilibrium", "2"])
    assert r.exit_code == 2


def test_cli_efg_target(tmp_path: Path, beer_quiche):
    from gametrees.efg.writer import write_efg_file

    path = tmp_path / "bq.efg"
    write_efg_file(beer_quiche, path)
    r = runner.invoke(app, ["render", str(path), "--format", "dot"])
    assert r.exit_code == 0, r.output
    assert r.output.count('gt_kind="infoset"') == 2
    bad = tmp_path / "bad.efg"
    bad.write_text("not an efg", encoding="utf-8")
    assert runner.invoke(app, ["render", str(bad)]).exit_code == 2
