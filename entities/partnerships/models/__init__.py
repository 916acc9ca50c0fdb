"""Partnerships under MROSC (Lei 13.019/2014): chamamentos, the partnerships
and their execution, accountability, sanctions and the art. 12 channel."""

from .accountability import (
    Accountability,
    AccountabilityDocument,
    AccountabilityLog,
    Diligence,
    IrregularityReport,
    ProtocolSequence,
    Sanction,
    SanctionLog,
)
from .calls import (
    Appeal,
    Call,
    CallDocument,
    CallLog,
    CommitteeMember,
    Criterion,
    InterestManifestation,
    Proposal,
    ProposalDocument,
    Score,
)
from .common import Instrument
from .partnerships import (
    Change,
    Goal,
    Installment,
    MonitoringReport,
    Partnership,
    PartnershipDocument,
    PartnershipLog,
    TeamPosition,
)

__all__ = [
    "Accountability",
    "AccountabilityDocument",
    "AccountabilityLog",
    "Appeal",
    "Call",
    "CallDocument",
    "CallLog",
    "Change",
    "CommitteeMember",
    "Criterion",
    "Diligence",
    "Goal",
    "Installment",
    "Instrument",
    "InterestManifestation",
    "IrregularityReport",
    "MonitoringReport",
    "Partnership",
    "PartnershipDocument",
    "PartnershipLog",
    "Proposal",
    "ProposalDocument",
    "ProtocolSequence",
    "Sanction",
    "SanctionLog",
    "Score",
    "TeamPosition",
]
