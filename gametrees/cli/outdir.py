"""An output directory that gametrees owns: written whole or not at all, never a user's file lost.

``gametrees run`` writes a folder of files. The rules, each checked here:

* The folder carries a manifest (:data:`MANIFEST`) of the files gametrees wrote, with their
  SHA-256. Only a folder that is empty, or holds exactly the files of its manifest,
  unchanged, is ever replaced (and only with ``--force`` when it is not empty): a file
  gametrees did not write, or changed since, is never deleted.
* Never replaced: the current folder or one of its parents, the home folder, ``/``, a
  symbolic link, anything that is not a folder.
* The new output is written into a temporary folder beside the target and renamed into
  place; the old output is first moved aside (one rename), so an interrupt leaves either the
  old or the new output, never a mixture. Signals are held during the two renames, and
  SIGTERM and SIGHUP, like SIGINT, remove the temporary folder.
* The old output is deleted file by file from its manifest; files that appeared in it
  during the run survive, and the folder they are in is reported.
* A lock beside the target makes a second concurrent run on the same folder refuse.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["MANIFEST", "OutputDirError", "Terminated", "check_target", "locked", "replace_dir"]

#: The manifest file gametrees writes into every output folder.
MANIFEST = ".gametrees-manifest.json"
_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class OutputDirError(Exception):
    """The output folder cannot be written or replaced; the message says why."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwind like an interrupt, cleaning up on the way."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _manifest(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None
    return files


def foreign_entries(folder: Path) -> list[str]:
    """The entries of ``folder`` gametrees did not write or that changed since it did."""
    entries = sorted(os.listdir(folder))
    files = _manifest(folder)
    if files is None:
        return [e for e in entries if e != MANIFEST] or ([MANIFEST] if MANIFEST in entries else [])
    out = []
    for e in entries:
        if e == MANIFEST:
            continue
        p = folder / e
        if e not in files or p.is_symlink() or not p.is_file():
            out.append(e)
        elif _sha256(p) != files[e]:
            out.append(f"{e} (changed since gametrees wrote it)")
    return out


def check_target(path: Path, *, force: bool) -> None:
    """Raise :class:`OutputDirError` unless ``path`` may receive a new output (see the rules)."""
    if path.is_symlink():
        raise OutputDirError(
            f"{path} is a symbolic link; give a folder (gametrees does not replace links)"
        )
    real = path.resolve()
    cwd = Path.cwd().resolve()
    if real == Path(real.anchor) or real == Path.home().resolve():
        raise OutputDirError(
            f"{path} is {'/' if real == Path(real.anchor) else 'your home folder'}; choose a new folder"
        )
    if real == cwd or real in cwd.parents:
        raise OutputDirError(
            f"{path} is the current folder or one of its parents; choose a new folder (e.g. -o gametrees-out)"
        )
    parent = real.parent
    if not parent.is_dir():
        raise OutputDirError(f"{path}: the folder {parent} does not exist")
    if path.exists():
        if not path.is_dir():
            raise OutputDirError(f"{path} exists and is not a folder")
        if any(os.scandir(path)):
            if not force:
                raise OutputDirError(
                    f"{path} is not empty; use --force to replace a previous gametrees output"
                )
            foreign = foreign_entries(path)
            if foreign:
                shown = ", ".join(foreign[:3]) + (
                    f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
                )
                raise OutputDirError(
                    f"{path} holds files gametrees did not write ({shown}); nothing is replaced: "
                    "move them, or choose another folder"
                )
    try:
        probe = tempfile.mkdtemp(prefix=f".{real.name}.gametrees-probe-", dir=parent)
    except OSError as exc:
        raise OutputDirError(f"{path}: cannot write in {parent}: {exc.strerror or exc}") from None
    os.rmdir(probe)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of the output folder ``path``; :class:`OutputDirError` if another run has it.

    The lock is a hidden file beside the folder, removed when released.
    """
    real = path.resolve()
    lock = real.parent / f".{real.name}.gametrees-lock"
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise OutputDirError(
                    f"another gametrees run is writing {path} (it holds {lock}); wait for it to finish"
                ) from None
            raise
        # The file we locked must still be the one at that name (a finishing run unlinks it).
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)
        os.close(fd)


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` (SIGINT is KeyboardInterrupt already)."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated(f"signal {signum}")

    old = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _remove_owned(folder: Path, files: dict[str, str]) -> list[str]:
    """Delete the manifest's files (unchanged ones only) and the folder if then empty;
    return what was left."""
    for name, digest in files.items():
        p = folder / name
        if p.is_file() and not p.is_symlink() and _sha256(p) == digest:
            p.unlink()
    with contextlib.suppress(FileNotFoundError):
        (folder / MANIFEST).unlink()
    left = sorted(os.listdir(folder))
    if not left:
        folder.rmdir()
    return left


def replace_dir(path: Path, files: Iterable[tuple[str, bytes]]) -> Path | None:
    """Write ``files`` (name, bytes) as the folder ``path``, replacing what is there (which
    :func:`check_target` has allowed). Returns ``None``, or the folder where the old output's
    unexpected files were kept (files that appeared during the run).

    Raises :class:`OutputDirError` if files gametrees did not write appeared in ``path``
    while it ran; nothing is replaced then.
    """
    real = path.resolve()
    parent = real.parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{real.name}.gametrees-new-", dir=parent))
    aside: Path | None = None
    try:
        manifest: dict[str, str] = {}
        for name, data in files:
            if "/" in name or name in ("", ".", "..", MANIFEST):
                raise ValueError(f"bad output file name {name!r}")
            (tmp / name).write_bytes(data)
            manifest[name] = hashlib.sha256(data).hexdigest()
        doc = {"written_by": "gametrees", "files": dict(sorted(manifest.items()))}
        (tmp / MANIFEST).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        tmp.chmod(0o755)
        with _signals_held():
            if path.exists():
                foreign = foreign_entries(path) if any(os.scandir(path)) else []
                if foreign:
                    raise OutputDirError(
                        f"files appeared in {path} during the run ({', '.join(foreign[:3])}); "
                        "nothing is replaced and the new output is discarded"
                    )
                aside = Path(tempfile.mkdtemp(prefix=f".{real.name}.gametrees-old-", dir=parent))
                os.rmdir(aside)
                os.rename(path, aside)
            os.rename(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if aside is None:
        return None
    left = _remove_owned(aside, _manifest(aside) or {})
    return aside if left else None
