"""pygambit adapters: conversion of games (:mod:`.convert`) and Gambit's solvers (:mod:`.solve`)."""

from gametrees.gambit.convert import exact, from_pygambit, to_pygambit

__all__ = ["exact", "from_pygambit", "to_pygambit"]
