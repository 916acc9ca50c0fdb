"""Lookups that keep hostile numbers from becoming server errors.

Django already answers `exact`, `gt`, `lt`... on an integer column with a value
the column cannot hold by matching nothing. `__in` it passes through, and SQLite
raises `OverflowError` on a number beyond 64 bits: a form's
`ModelMultipleChoiceField` posted `99999999999999999999` was a server error.
`IntegerInRange` drops such values (no row can have them), the same answer
PostgreSQL gives. Registered on `IntegerField`, so every integer and auto
primary key inherits it (`civic.accounts.apps`).
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerInRange(In):
    """`__in` that leaves out integers outside the column's range."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Make `IntegerInRange` the `in` lookup of every integer field."""
    IntegerField.register_lookup(IntegerInRange)
