"""Keep the anonymous page cache in step with what the transparency pages and
the entities' public records show of the partnerships (Lei 13.019 arts. 10
and 11 make them public): calls, results, partnerships, their plans,
changes, accounts and sanctions."""

from civic.cache import register_public_models

from .models import (
    Accountability,
    AccountabilityDocument,
    Appeal,
    Call,
    CallDocument,
    Change,
    CommitteeMember,
    Criterion,
    Goal,
    Installment,
    InterestManifestation,
    MonitoringReport,
    Partnership,
    PartnershipDocument,
    Proposal,
    Sanction,
    Score,
    TeamPosition,
)

register_public_models(
    Call,
    CallDocument,
    Criterion,
    CommitteeMember,
    Proposal,
    Score,
    Appeal,
    InterestManifestation,
    Partnership,
    PartnershipDocument,
    Goal,
    Installment,
    TeamPosition,
    Change,
    MonitoringReport,
    Accountability,
    AccountabilityDocument,
    Sanction,
)
