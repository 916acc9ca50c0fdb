"""Who may act for a person at the desk (django-rules).

`dialogue.act_for_person` is held through the group "Balcão de atendimento"
(migration dialogue 0004) or by superusers. Asked with a person, it also
refuses acting for oneself, for an erased or inactive account, and for a
superuser (an attendant must not steer a privileged account).
"""

from __future__ import annotations

import rules

from civic.permissions import holds

holds_desk_role = holds("dialogue.act_for_person")


@rules.predicate
def is_assistable(user, person=None) -> bool:
    """Without a person (the desk pages): true. With one: someone else's
    active, ordinary account."""
    if person is None:
        return True
    return (
        person.pk != user.pk
        and person.is_active
        and person.deleted_at is None
        and not person.is_superuser
    )


desk_attendant = holds_desk_role & is_assistable
rules.add_perm("dialogue.act_for_person", desk_attendant)
# The audit trail in the admin: read-only, for the desk role and superusers.
rules.add_perm("dialogue.view_assistedaction", holds_desk_role)
