"""Gambit ``.efg`` files: write a :class:`gametrees.tree.Game`, read one back."""

from gametrees.efg.reader import EfgError, read_efg, read_efg_file
from gametrees.efg.writer import write_efg, write_efg_file

__all__ = ["EfgError", "read_efg", "read_efg_file", "write_efg", "write_efg_file"]
