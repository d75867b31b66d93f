"""The rules of the trade, standard library only."""

from . import reasons as _reasons  # noqa: F401  (the reason codes every module may raise)
