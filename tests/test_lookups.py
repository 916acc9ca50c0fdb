"""civic/lookups.py: hostile numbers in `__in` lookups match nothing."""

import pytest

from civic.territory.models import Bairro

pytestmark = pytest.mark.django_db


def test_in_lookup_with_a_number_beyond_64_bits_matches_nothing():
    """As Django's exact lookup does, instead of OverflowError on SQLite."""
    some = Bairro.objects.first()
    assert list(Bairro.objects.filter(pk__in=[10**20])) == []
    assert list(Bairro.objects.filter(pk__in=[10**20, some.pk])) == [some]
    assert list(Bairro.objects.filter(pk__in=[-(10**20)])) == []
