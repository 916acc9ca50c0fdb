"""Who may open a page about an entity: one rule for every page of the
representatives' dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from civic.downloads import private_file_response

from .. import selectors
from ..models import Entity
from ..presentation import FROZEN_MESSAGES


@method_decorator(never_cache, name="dispatch")
class EntityAccessMixin(LoginRequiredMixin):
    """Loads the entity in the URL and decides who may open the page.

    One rule for every page of the dashboard, so a URL never reveals whether an
    entity exists to someone who may not see it:
    - anonymous: redirect to the login page (the entity is not looked up);
    - logged in without `visibility_permission`: 404, as if it did not exist;
    - allowed to see it but not to do this (`permission_required`): 403, except
      a representative of a frozen registration, who is sent back to the
      dashboard with an explanation.
    """

    entity_url_kwarg = "pk"
    visibility_permission = "entities.view_entity_dashboard"
    permission_required: str | None = None
    entity: Entity

    def get_entity_queryset(self):
        """The queryset the entity is taken from (views add their prefetches)."""
        return selectors.entities_for_pages()

    def get_permission_required(self) -> str | None:
        """The permission this request needs besides seeing the entity."""
        return self.permission_required

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        entity = (
            self.get_entity_queryset().filter(pk=kwargs[self.entity_url_kwarg]).first()
        )
        if entity is None or not request.user.has_perm(
            self.visibility_permission, entity
        ):
            raise Http404
        self.entity = entity
        permission = self.get_permission_required()
        if permission and not request.user.has_perm(permission, entity):
            return self.permission_denied()
        return super().dispatch(request, *args, **kwargs)

    def permission_denied(self):
        """403, or back to the dashboard when the registration is only frozen."""
        entity, user = self.entity, self.request.user
        if entity.status in FROZEN_MESSAGES and user.has_perm(
            "entities.leave_entity", entity
        ):
            messages.warning(self.request, FROZEN_MESSAGES[entity.status])
            return HttpResponseRedirect(
                reverse("entities:manage", kwargs={"pk": entity.pk})
            )
        raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entity"] = self.entity
        context["user_is_representative"] = self.request.user.has_perm(
            "entities.leave_entity", self.entity
        )
        return context


def private_download(request, fieldfile, *, filename: str, content_type: str):
    """A private file through civic.downloads, to someone already allowed;
    `?inline=1` shows a PDF or image in place (a plain link downloads it)."""
    return private_file_response(
        fieldfile,
        filename=filename,
        content_type=content_type,
        inline=request.GET.get("inline") == "1",
    )
