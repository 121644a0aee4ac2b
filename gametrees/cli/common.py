"""What every CLI command shares: exit codes, error output, parameter parsing.

Exit codes: 0 success, 1 a check failed (e.g. verification disagrees), 2 bad input.
Library code raises; only the CLI prints.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

__all__ = [
    "GridOption",
    "OffersOption",
    "ParamsOption",
    "SetOption",
    "EXIT_BAD_INPUT",
    "EXIT_CHECK_FAILED",
    "console",
    "err_console",
    "fail",
    "check_output",
    "load_params",
    "write_output",
    "write_output_bytes",
    "parse_sets",
    "read_small_file",
]

EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2

#: ``--set NAME=VALUE`` (repeatable), as every model command takes it.
SetOption = Annotated[list[str] | None, typer.Option("--set", help="NAME=VALUE, repeatable")]
#: ``--params FILE.toml``, as every model command takes it.
ParamsOption = Annotated[Path | None, typer.Option("--params", help="TOML file of parameters")]
#: ``--grid N``: the size of the default grid of a model's continuous choice.
GridOption = Annotated[
    int | None,
    typer.Option(
        help="grid of the model's continuous choice: N evenly spaced values plus its critical points"
    ),
]
#: ``--offers LIST``: explicit values of a model's continuous choice.
OffersOption = Annotated[
    str | None, typer.Option(help="explicit values of the continuous choice, e.g. '0,1/4,1/2'")
]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print ``error: message`` to stderr and exit with ``code``."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def parse_sets(items: Sequence[str] | None, option: str = "--set") -> dict[str, str]:
    """``["w=1/2", "q=0.3"]`` -> ``{"w": "1/2", "q": "0.3"}``; malformed items exit 2."""
    out: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            fail(f"{option} {item!r}: expected NAME=VALUE, e.g. {option} w=1/2")
        if name in out:
            fail(f"{option} {name} is given twice")
        out[name] = value
    return out


#: Largest parameter file read (a parameter file is a few lines).
MAX_PARAMS_BYTES = 1_000_000


def read_small_file(path: Path, option: str, limit: int) -> str:
    """The text of the regular file ``path`` of at most ``limit`` bytes; exit 2 otherwise."""
    try:
        if not path.exists():
            fail(f"{option} {path}: no such file")
        if not path.is_file():
            fail(f"{option} {path}: not a regular file")
        size = path.stat().st_size
        if size > limit:
            fail(f"{option} {path}: {size} bytes; at most {limit} are read")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        fail(f"{option} {path}: cannot read: {exc.strerror or exc}")
    if len(data) > limit:
        fail(f"{option} {path}: more than {limit} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{option} {path}: not UTF-8 text")


def load_params(path: Path | None) -> dict[str, Any]:
    """Parameter values from a TOML file (a flat table of ``name = value``).

    Values may be numbers or strings such as ``"3/10"``. A ``[params]`` table is
    also accepted. Errors exit 2 naming the file and the problem.
    """
    if path is None:
        return {}
    text = read_small_file(path, "--params", MAX_PARAMS_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        fail(f"--params {path}: malformed TOML: {exc}")
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        fail(f"--params {path}: malformed TOML: {exc}")
    if "params" in data and isinstance(data["params"], dict):
        data = data["params"]
    for key, value in data.items():
        if isinstance(value, dict | list):
            fail(f'--params {path}: {key} must be a number or a string like "3/10"')
    return dict(data)


def check_output(path: Path | None, option: str, *, suffixes: Sequence[str] | None = None) -> None:
    """Exit 2 before any work if ``path`` cannot be written as a new or replaced regular file.

    Refused: a missing or unwritable folder, a folder, a symbolic link, a device, pipe or
    socket (never replaced), a read-only file, and (with ``suffixes``) an extension that is
    not one of ``suffixes``.
    """
    if path is None:
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        fail(f"{option} {path}: the folder {parent} does not exist or is not a folder")
    if path.is_symlink():
        fail(
            f"{option} {path}: is a symbolic link; give the file itself (gametrees does not replace links)"
        )
    if path.exists():
        if path.is_dir():
            fail(f"{option} {path}: is a folder, not a file")
        if not path.is_file():
            fail(
                f"{option} {path}: is not a regular file (a device, pipe or socket); it is not replaced"
            )
        if not os.access(path, os.W_OK):
            fail(f"{option} {path}: the file is read-only")
    if not _writable(parent):
        fail(f"{option} {path}: the folder {parent} is not writable")
    if suffixes is not None and path.suffix.lower() not in suffixes:
        fail(f"{option} {path}: expected a file ending in {' or '.join(suffixes)}")


def _writable(folder: Path) -> bool:
    """Can a file be created in ``folder``? Tried for real (permission bits do not bind root,
    and a read-only file system shows only when written)."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        fd, name = tempfile.mkstemp(prefix=".gametrees-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def write_output(path: Path, text: str, option: str) -> None:
    """Write ``text`` to ``path`` atomically; an OS error exits 2 naming the option."""
    write_output_bytes(path, text.encode("utf-8"), option)


def write_output_bytes(path: Path, data: bytes, option: str) -> None:
    """Write ``data`` to ``path`` atomically; an OS error exits 2 naming the option and path."""
    from gametrees.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        fail(f"{option} {path}: cannot write: {exc.strerror or exc}")
