"""What every app's selectors, and the filter forms that feed them, share."""

from __future__ import annotations

from typing import Any


def given(**lookups: Any) -> dict[str, Any]:
    """The lookups whose value was given, for `.filter(**given(kind=kind,
    policy_area__slug=area))` or a selector's keyword arguments: a filter left
    empty (None, "", 0, False) filters nothing."""
    return {lookup: value for lookup, value in lookups.items() if value}
