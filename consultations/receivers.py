"""Keep the anonymous page cache in step with consultations, events and the
agenda. The services also invalidate, but a plain Wagtail edit view, a
taxonomy edit or a script saves these rows directly: each save and delete
starts a new generation on commit."""

from civic.cache import register_public_models

from .models import (
    Body,
    Consultation,
    ConsultationDocument,
    Contribution,
    Device,
    Event,
    PolicyArea,
    Registration,
    SpeakerRequest,
    Venue,
)

register_public_models(
    PolicyArea,
    Body,
    Venue,
    Consultation,
    ConsultationDocument,
    Device,
    Event,
    # Places left and the waitlist show on the event page.
    Registration,
    # The public speaker list.
    SpeakerRequest,
)
# A contribution waiting for pre-moderation has never been public; its
# approval (or hiding) goes through the moderation service, which invalidates.
register_public_models(
    Contribution,
    never_shown=lambda c: c.moderation == Contribution.Moderation.PENDING,
)
