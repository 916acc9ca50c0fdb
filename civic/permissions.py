"""Admin permissions read from the rules, so each permission is written once.

Every app states who may do what in its `rules.py` (django-rules), as
`<app>.<verb>_<model>`. The Wagtail admin asks the same rules through
`RulesPermissionPolicy`: the admin action "delete" on an `Event` is the rule
`consultations.delete_event`, asked with the event. An action with no rule is
denied to everyone, so a viewset cannot grow a view nobody decided on.

Roles themselves are Django permissions held through groups ("Equipe SRSC"
holds `entities.review_entity`). `holds()` turns one into a predicate that
asks the model backend directly, so a rule may share the permission's name
without asking itself again.
"""

from __future__ import annotations

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

_model_backend = ModelBackend()


def holds(permission: str) -> rules.Predicate:
    """A predicate: the active user holds the Django permission, directly or
    through a group (superusers hold them all)."""

    def predicate(user) -> bool:
        if not (user and user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or permission in _model_backend.get_all_permissions(
            user
        )

    return rules.predicate(predicate, name=f"holds:{permission}")


class RulesPermissionPolicy(BasePermissionPolicy):
    """A Wagtail permission policy that asks `<app>.<action>_<model>` of the rules.

    The rule decides for superusers too: `user.has_perm` lets them through
    everything, but a published consultation must stay undeletable for
    everyone, so the policy asks the rule itself.
    """

    def permission_name(self, action: str) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{action}_{meta.model_name}"

    def _allows(self, user, action: str, instance=None) -> bool:
        if not (user and user.is_authenticated and user.is_active):
            return False
        name = self.permission_name(action)
        return rules.perm_exists(name) and rules.has_perm(name, user, instance)

    def user_has_permission(self, user, action):
        return self._allows(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self._allows(user, action, instance)

    def users_with_any_permission(self, actions):
        """Who could act: only people with some admin role are candidates, so
        the rules run for a handful of accounts, never for every citizen."""
        users = get_user_model()._default_manager.filter(is_active=True)
        candidates = users.filter(
            Q(is_superuser=True)
            | Q(groups__isnull=False)
            | Q(user_permissions__isnull=False)
        ).distinct()
        allowed = [
            user.pk
            for user in candidates
            if any(self._allows(user, action) for action in actions)
        ]
        return users.filter(pk__in=allowed)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        allowed = [
            user.pk
            for user in users
            if any(self._allows(user, action, instance) for action in actions)
        ]
        return users.filter(pk__in=allowed)
