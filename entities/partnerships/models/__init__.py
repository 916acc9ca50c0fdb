"""Partnerships under MROSC (Lei 13.019/2014): chamamentos, the partnerships
and their execution, accountability, sanctions and the art. 12 channel."""

from .accountability import (
    Accountability,
    AccountabilityDocument,
    AccountabilityLog,
    Diligence,
    ProtocolSequence,
    Sanction,
    SanctionLog,
)
from .calls import Call, CallDocument, CallLog, CommitteeMember, Criterion
from .common import Instrument
from .execution import Change, MonitoringReport
from .partnerships import Partnership, PartnershipDocument, PartnershipLog
from .plan import Goal, Installment, TeamPosition
from .pmis import InterestManifestation
from .proposals import Appeal, Proposal, ProposalDocument, Score

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
