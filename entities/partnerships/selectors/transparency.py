"""Reads of the public transparency pages (Lei 13.019/2014 arts. 10–12): the
list of partnerships with the six fields of art. 11 § único, one partnership's
full record, and the open data. Each owns its joins, so a page costs the same
number of queries whether 10 or 1,000 partnerships are listed."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from civic.querysets import given

from ..models import (
    Accountability,
    Change,
    Goal,
    Installment,
    Partnership,
    PartnershipDocument,
    Sanction,
    TeamPosition,
)

S = Partnership.Status
# Art. 10: from signature on; a partnership in celebração is not public yet.
LISTED_STATUSES = (S.SIGNED, S.EXECUTING, S.ENDED, S.RESCINDED, S.CLOSED)
CONCLUSIVE = (
    Accountability.Status.REGULAR,
    Accountability.Status.CAVEATS,
    Accountability.Status.IRREGULAR,
)
MAX_TERMS = 8
MONEY = DecimalField(max_digits=16, decimal_places=2)


def listed_cutoff(today: dt.date | None = None) -> dt.date:
    """Partnerships closed before this date are no longer listed (art. 10:
    until 180 days after closing)."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings.PARTNERSHIPS_LISTED_DAYS_AFTER_CLOSE)


def public_partnerships(today: dt.date | None = None) -> QuerySet[Partnership]:
    """Every partnership the public sees: signed or later, and not closed for
    more than PARTNERSHIPS_LISTED_DAYS_AFTER_CLOSE days."""
    return Partnership.objects.filter(status__in=LISTED_STATUSES).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=listed_cutoff(today))
    )


def with_released(partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """`released_amount`: the parcelas released, or for an imported partnership
    the amount its file says was released (art. 11 IV)."""
    released = (
        Installment.objects.filter(
            partnership=OuterRef("pk"), status=Installment.Status.RELEASED
        )
        .order_by()
        .values("partnership")
        .annotate(total=Sum("value"))
        .values("total")
    )
    return partnerships.annotate(
        released_amount=Case(
            When(imported_released__isnull=False, then=F("imported_released")),
            default=Coalesce(Subquery(released, output_field=MONEY), Value(0)),
            output_field=MONEY,
        )
    )


def _art11_prefetches() -> list[Prefetch]:
    return [
        Prefetch(
            "accountabilities",
            queryset=Accountability.objects.order_by("-period_ends_on", "-pk"),
            to_attr="accounts_newest_first",
        ),
        Prefetch("team", queryset=TeamPosition.objects.order_by("function", "pk")),
    ]


def _search(partnerships: QuerySet[Partnership], q: str) -> QuerySet[Partnership]:
    words = (q or "").replace("\x00", "").split()[:MAX_TERMS]
    for word in words:
        condition = (
            Q(number__icontains=word)
            | Q(object__icontains=word)
            | Q(entity__name__icontains=word)
            | Q(entity__trade_name__icontains=word)
        )
        digits = re.sub(r"\D", "", word)
        if len(digits) >= 8:
            condition |= Q(entity__cnpj__contains=digits)
        partnerships = partnerships.filter(condition)
    return partnerships


def partnerships_listed(
    *,
    area: str = "",
    entity: str = "",
    instrument: str = "",
    year: int | None = None,
    status: str = "",
    q: str = "",
    today: dt.date | None = None,
) -> QuerySet[Partnership]:
    """`/parcerias/`: the listed partnerships with everything art. 11 asks,
    newest signature first."""
    partnerships = public_partnerships(today).filter(
        **given(
            policy_area__slug=area,
            entity__slug=entity,
            instrument=instrument,
            signed_on__year=year,
            status=status if status in LISTED_STATUSES else "",
        )
    )
    partnerships = _search(partnerships, q)
    return (
        with_released(partnerships)
        .select_related("entity", "body", "policy_area")
        .prefetch_related(*_art11_prefetches())
        .order_by(F("signed_on").desc(nulls_last=True), "-pk")
    )


def partnership_public(pk: int, today: dt.date | None = None) -> Partnership | None:
    """One listed partnership with everything its page shows (None: 404)."""
    return (
        with_released(public_partnerships(today).filter(pk=pk))
        .select_related("entity", "body", "policy_area", "council", "call")
        .prefetch_related(
            *_art11_prefetches(),
            Prefetch("goals", queryset=Goal.objects.order_by("position", "pk")),
            Prefetch("installments", queryset=Installment.objects.order_by("number")),
            Prefetch(
                "changes",
                queryset=Change.objects.filter(status=Change.Status.APPROVED).order_by(
                    "decided_on", "pk"
                ),
                to_attr="approved_changes",
            ),
            Prefetch(
                "sanctions",
                queryset=Sanction.objects.filter(
                    status__in=(Sanction.Status.APPLIED, Sanction.Status.LIFTED)
                ).order_by("starts_on", "pk"),
                to_attr="applied_sanctions",
            ),
            Prefetch(
                "documents",
                queryset=PartnershipDocument.objects.filter(is_public=True).order_by(
                    "kind", "uploaded_at", "pk"
                ),
                to_attr="public_documents",
            ),
        )
        .first()
    )


def public_document(partnership_pk: int, pk: int) -> PartnershipDocument | None:
    """A public document of a listed partnership (never a private one)."""
    return (
        PartnershipDocument.objects.filter(
            pk=pk,
            is_public=True,
            partnership__in=public_partnerships().filter(pk=partnership_pk),
        )
        .select_related("partnership")
        .first()
    )


# What the pages and the open data show of each partnership (art. 11 § único).


def latest_accountability(partnership: Partnership) -> Accountability | None:
    """The newest rendering of accounts (prefetched by the selectors)."""
    accounts = getattr(partnership, "accounts_newest_first", None)
    if accounts is None:
        accounts = list(
            partnership.accountabilities.order_by("-period_ends_on", "-pk")[:1]
        )
    return accounts[0] if accounts else None


def conclusive_result(accountability: Accountability | None) -> str:
    """The conclusive result of the accounts, or "" while there is none."""
    if accountability is None or accountability.status not in CONCLUSIVE:
        return ""
    return str(accountability.get_status_display())


def team_total(partnership: Partnership) -> Decimal:
    """Total pay of the team paid with partnership money (art. 11 VI)."""
    return sum((p.monthly_pay * p.months for p in partnership.team.all()), Decimal("0"))
