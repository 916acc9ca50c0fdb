"""Other apps' sections on the follows page (`/minha-conta/acompanhamentos/`),
without this app importing them, like `agenda_sources`.

An app registers a section when it is ready (councils list the councils a
person follows, each with its "deixar de acompanhar" button):

    register_section(FollowSection(
        name="councils",
        template="councils/public/followed_councils.html",
        items=lambda user: [...],   # one query
    ))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FollowSection:
    name: str
    template: str
    # (user) -> what the person follows, in a fixed number of queries
    items: Callable[[Any], list[Any]]


_sections: dict[str, FollowSection] = {}


def register_section(section: FollowSection) -> FollowSection:
    _sections[section.name] = section
    return section


def sections_for(user) -> list[dict[str, Any]]:
    """Each registered section with the person's items, in registration order."""
    return [
        {"template": section.template, "items": section.items(user)}
        for section in _sections.values()
    ]
