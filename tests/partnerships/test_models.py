from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from entities.partnerships.models import Instrument
from entities.partnerships.rules import represents_entity
from tests.factories.partnerships import InstallmentFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_cooperation_agreement_moves_no_money():
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(
            instrument=Instrument.COOPERATION, total_value=Decimal("1.00")
        )


def test_installment_numbers_are_unique_per_partnership(partnership):
    InstallmentFactory(partnership=partnership, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        InstallmentFactory(partnership=partnership, number=1)


def test_representative_rule_reaches_through_installments(
    partnership, representative, other_representative
):
    installment = InstallmentFactory(partnership=partnership)
    assert represents_entity(representative, installment)
    assert not represents_entity(other_representative, installment)
