"""Find a model: built-in, installed plugin, a file, or ``package.module:ATTR``.

:func:`load_model` resolves a reference in this order:

1. a built-in model's name (:data:`BUILTIN`: ``baseline``, ``client``, ``beer_quiche``);
2. the name of an installed plugin: an entry point in the group ``gametrees.models``
   whose object is a :class:`~gametrees.builders.api.Model`, declared by the plugin's
   ``pyproject.toml``::

       [project.entry-points."gametrees.models"]
       entry_deterrence = "my_package.entry:MODEL"

3. a Python file, ``path/to/my_model.py`` (its ``MODEL``) or ``path/to/file.py:ATTR``;
4. ``package.module:ATTR``, or ``package.module`` (its ``MODEL``), importable from the
   current environment; a bare ``my_model`` is ``./my_model.py`` if that file exists, else
   an importable module of that name.

Anything else, or an object that is not a :class:`Model`, raises :class:`ModelError`
with a message that says what was tried.

>>> load_model("beer_quiche").title
'Beer-quiche signaling game (Cho & Kreps 1987)'
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from gametrees.builders import beer_quiche
from gametrees.builders.api import Model
from gametrees.builders.yoder_cohen import baseline, client

__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "ModelError", "ModelEntry", "iter_models", "load_model"]

#: The entry-point group plugins register their models in.
ENTRY_POINT_GROUP = "gametrees.models"

#: The models that ship with gametrees, by name.
BUILTIN: dict[str, Model] = {m.MODEL.name: m.MODEL for m in (baseline, client, beer_quiche)}

_MODULE_REF = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$")


class ModelError(ValueError):
    """A model reference does not resolve to a :class:`~gametrees.builders.api.Model`."""


@dataclass(frozen=True)
class ModelEntry:
    """One model :func:`iter_models` knows: where it comes from, and the model or the error."""

    name: str
    source: str
    model: Model | None
    error: str | None = None


def _as_model(obj: object, where: str) -> Model:
    if not isinstance(obj, Model):
        raise ModelError(f"{where} is not a gametrees Model (it is {type(obj).__name__})")
    return obj


def _plugins() -> dict[str, object]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _load_file(path: Path, attr: str) -> Model:
    if not path.is_file():
        raise ModelError(f"model file {path} does not exist or is not a file")
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"_gametrees_model_{path.stem}_{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ModelError(f"cannot load {path} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the user's code: report it in one line
        del sys.modules[name]
        raise ModelError(f"{path}: loading it failed: {type(exc).__name__}: {exc}") from exc
    return _attr(module, attr, str(path))


def _attr(module: ModuleType, attr: str, where: str) -> Model:
    if not hasattr(module, attr):
        raise ModelError(f"{where} defines no {attr} (a model file or module must define MODEL)")
    return _as_model(getattr(module, attr), f"{where}:{attr}")


def load_model(ref: str) -> Model:
    """The :class:`Model` that ``ref`` names (see the module docstring for the rules)."""
    if not isinstance(ref, str) or not ref.strip():
        raise ModelError("no model given: name a built-in model, a plugin, a file or module:ATTR")
    ref = ref.strip()
    if ref in BUILTIN:
        return BUILTIN[ref]
    plugins = _plugins()
    if ref in plugins:
        try:
            obj = plugins[ref].load()  # type: ignore[attr-defined]
        except Exception as exc:  # a broken plugin: report it in one line
            raise ModelError(
                f"plugin model {ref!r} failed to load: {type(exc).__name__}: {exc}"
            ) from exc
        return _as_model(obj, f"plugin {ref!r}")
    head, sep, attr = ref.rpartition(":") if ":" in ref else (ref, "", "")
    target, attr = (head, attr) if sep else (ref, "MODEL")
    if target.endswith(".py") or "/" in target or "\\" in target:
        return _load_file(Path(target), attr or "MODEL")
    if _MODULE_REF.match(target) and not sep and "." not in target:
        local = Path(f"{target}.py")
        if local.is_file():
            return _load_file(local, "MODEL")
        if importlib.util.find_spec(target) is None:
            target = ""  # not a module either: fall through to the error below
    if target and _MODULE_REF.match(target):
        try:
            module = importlib.import_module(target)
        except ImportError as exc:
            raise ModelError(f"cannot import module {target!r} for model {ref!r}: {exc}") from exc
        except Exception as exc:
            raise ModelError(f"importing {target!r} failed: {type(exc).__name__}: {exc}") from exc
        return _attr(module, attr or "MODEL", target)
    known = ", ".join([*BUILTIN, *sorted(plugins)])
    raise ModelError(
        f"unknown model {ref!r}: not a built-in or installed model ({known}), "
        "a model file (path/to/model.py) or package.module:ATTR"
    )


def iter_models() -> Iterator[ModelEntry]:
    """The built-in models, then every installed plugin (sorted by name), loaded."""
    for name, model in BUILTIN.items():
        yield ModelEntry(name, "built-in", model)
    for name, ep in sorted(_plugins().items()):
        source = f"plugin {ep.value}"  # type: ignore[attr-defined]
        try:
            yield ModelEntry(name, source, _as_model(ep.load(), f"plugin {name!r}"))  # type: ignore[attr-defined]
        except Exception as exc:  # report a broken plugin instead of failing the listing
            yield ModelEntry(name, source, None, f"{type(exc).__name__}: {exc}")
