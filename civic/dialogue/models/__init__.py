"""The dialogue channel's models. Import from here: `demands` holds the demand
and its protocol sequence, `thread` what happens around it."""

from ..assisted.models import AssistedAction, ClaimInvite
from .contacts import Contact, FollowUp, contact_upload_to
from .demands import CONCERNS_FIELDS, Demand, DemandQuerySet, DemandSequence
from .thread import (
    BodyMember,
    DemandAttachment,
    DemandLog,
    DemandMessage,
    attachment_upload_to,
)

__all__ = [
    "CONCERNS_FIELDS",
    "AssistedAction",
    "BodyMember",
    "ClaimInvite",
    "Contact",
    "Demand",
    "DemandAttachment",
    "DemandLog",
    "DemandMessage",
    "DemandQuerySet",
    "DemandSequence",
    "FollowUp",
    "attachment_upload_to",
    "contact_upload_to",
]
