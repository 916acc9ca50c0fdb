"""Who may do what with accounts (django-rules predicates and permissions)."""

import rules

# Groups whose members act for the Prefeitura. Created by migration 0002_roles.
STAFF_GROUP = "Equipe SRSC"
MODERATION_GROUP = "Moderação"
COUNCIL_SECRETARY_GROUP = "Secretaria de conselho"
# Acts for people at the service desk (civic.dialogue.assisted, migration
# dialogue 0003): privileged, so it needs a second factor like the others.
DESK_GROUP = "Balcão de atendimento"
PRIVILEGED_GROUPS = (
    STAFF_GROUP,
    MODERATION_GROUP,
    COUNCIL_SECRETARY_GROUP,
    DESK_GROUP,
)


@rules.predicate
def is_active_user(user) -> bool:
    """The person is logged in and the account is active."""
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_admin_flagged(user) -> bool:
    """Superuser or Django-admin staff flag."""
    return bool(user.is_superuser or user.is_staff)


@rules.predicate
def can_access_wagtail_admin(user) -> bool:
    """Holds Wagtail's `access_admin` permission (directly or through a group)."""
    return user.has_perm("wagtailadmin.access_admin")


@rules.predicate
def is_in_privileged_group(user) -> bool:
    """Member of any of the staff, moderation, council-secretary or desk groups."""
    return user.groups.filter(name__in=PRIVILEGED_GROUPS).exists()


# Cheap checks first: `|` short-circuits, so citizens cost two permission queries
# (cached on the user for the rest of the request) and one group query.
is_privileged = is_active_user & (
    is_admin_flagged | can_access_wagtail_admin | is_in_privileged_group
)
is_privileged.name = "accounts.is_privileged"


@rules.predicate
def is_account_owner(user, account) -> bool:
    """The account is the person's own."""
    return account is not None and user.pk is not None and user.pk == account.pk


# LGPD art. 18: the data subject exercises these rights on their own account.
# Superusers may also erase an account on request (e.g. a request by letter).
rules.add_perm("accounts.view_own_account", is_active_user & is_account_owner)
rules.add_perm("accounts.export_account", is_active_user & is_account_owner)
rules.add_perm(
    "accounts.erase_account",
    is_active_user & (is_account_owner | rules.is_superuser),
)
