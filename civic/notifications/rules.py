"""Who may watch and retry the email outbox (django-rules).

Both are roles held as Django permissions (group "Equipe SRSC", or granted one by
one in the group editor); retrying is only for rows that failed.
"""

import rules

from civic.permissions import holds

from .choices import DeliveryStatus


@rules.predicate
def has_failed(user, delivery) -> bool:
    """The row is in the dead-letter queue (at model level: some row may be)."""
    return delivery is None or delivery.status == DeliveryStatus.FAILED


rules.add_perm(
    "notifications.view_emaildelivery", holds("notifications.view_emaildelivery")
)
rules.add_perm(
    "notifications.retry_emaildelivery",
    holds("notifications.retry_emaildelivery") & has_failed,
)
