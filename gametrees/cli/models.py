"""Resolve what a command acts on: a model (name, plugin, file, module:ATTR) or a ``.efg`` file.

Every command that takes a model resolves it here, through
:func:`gametrees.builders.registry.load_model`, so every command accepts every model. A
bad reference, a parameter outside the model's assumptions or an impossible grid exits
2 with one line naming what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from gametrees.cli.common import fail, load_params, parse_sets

__all__ = ["is_efg", "load_game_file", "model_point", "resolve_model"]


def resolve_model(ref: str) -> Any:
    """The model ``ref`` names; exit 2 with the resolver's message otherwise."""
    from gametrees.builders.registry import ModelError, load_model

    try:
        return load_model(ref)
    except ModelError as exc:
        fail(str(exc))


def model_point(
    ref: str,
    params_file: Path | None,
    sets: Sequence[str] | None,
    grid: int | None,
    offers: str | None = None,
) -> tuple[Any, Any, tuple[Fraction, ...]]:
    """Validated ``(model, params, grid values)`` from the CLI options; exits 2 on bad input.

    ``offers`` (explicit values of the model's continuous choice) wins over ``grid`` (the
    size of the default grid); a model without a continuous choice refuses both.
    """
    from gametrees.builders.params import ParamError

    model = resolve_model(ref)
    values: dict[str, Any] = dict(load_params(params_file))
    values.update(parse_sets(sets))
    if model.choice is None and (grid is not None or offers is not None):
        fail(f"--grid and --offers: {model.name} has no continuous choice to put on a grid")
    if offers is not None and grid is not None:
        fail("--grid and --offers: give one of them, not both")
    try:
        params = model.params(**values)
        points = model.values(offers) if offers is not None else model.grid(params, grid)
    except ParamError as exc:
        fail(str(exc))
    return model, params, points


def is_efg(target: str) -> bool:
    """Does ``target`` name a game file (``.efg``; ``.nfg`` is refused when read)?"""
    return target.lower().endswith((".efg", ".nfg"))


def load_game_file(path: Path) -> Any:
    """Read ``path`` as a ``.efg`` file; exit 2 with a message (and line number) on error."""
    from gametrees.efg.reader import EfgError, read_efg_file

    if path.suffix.lower() == ".nfg":
        fail(
            f"{path}: a strategic-form (.nfg) game; gametrees works on game trees (.efg): "
            "solve it with pygambit directly"
        )
    try:
        return read_efg_file(path)
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except IsADirectoryError:
        fail(f"{path}: is a directory, not a .efg file")
    except EfgError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror or exc}")
