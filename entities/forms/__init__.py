"""Forms of the entity registry, one module per page: validation only; saving
is the services' job."""

from .documents import DocumentUploadForm  # noqa: F401
from .people import ClaimDecisionForm, ClaimForm, InvitationForm  # noqa: F401
from .profile import (  # noqa: F401
    BoardFormSet,
    BoardMemberForm,
    EntityProfileForm,
)
from .registration import EntityRegistrationForm  # noqa: F401
from .workflow import TransitionForm  # noqa: F401
