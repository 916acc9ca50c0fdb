"""Shared helpers of the entity registry's private views: who may open a page
about an entity, and how private files leave the server."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from ..models import Entity

# Statuses in which the registration is frozen for the representatives.
FROZEN_MESSAGES = {
    Entity.Status.SUBMITTED: _(
        "O cadastro está em análise pela equipe da SRSC e não pode ser alterado agora."
    ),
    Entity.Status.RESUBMITTED: _(
        "O cadastro está em análise pela equipe da SRSC e não pode ser alterado agora."
    ),
    Entity.Status.SUSPENDED: _(
        "O cadastro está suspenso e não pode ser alterado. Fale com a equipe da SRSC."
    ),
}

EXTENSION_BY_TYPE = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}
INLINE_TYPES = frozenset(EXTENSION_BY_TYPE)
MAX_FILENAME_STEM = 120


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
        return Entity.objects.select_related("legal_nature")

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


def safe_filename(name: str, content_type: str) -> str:
    """A download name without paths, control or quoting characters, whose
    extension matches the checked content rather than what was uploaded."""
    stem = PurePath((name or "").replace("\\", "/")).name
    stem = PurePath(stem).stem if "." in stem else stem
    stem = "".join(c for c in stem if unicodedata.category(c)[0] != "C")
    stem = re.sub(r'[\\/"\';:*?<>|]+', "_", stem).strip(" ._") or "documento"
    return stem[:MAX_FILENAME_STEM] + EXTENSION_BY_TYPE.get(content_type, "")


def content_disposition(filename: str, *, inline: bool) -> str:
    """RFC 6266 header with an ASCII fallback and the UTF-8 name (RFC 5987)."""
    ascii_name = (
        unicodedata.normalize("NFKD", filename)
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name) or "documento"
    disposition = "inline" if inline else "attachment"
    return (
        f'{disposition}; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def private_file_response(
    fieldfile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Stream a private file after the caller checked permissions.

    `inline` is honoured only for PDF and images (the types uploads are checked
    against), so a browser never renders anything else from our origin.
    """
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    inline = inline and content_type in INLINE_TYPES
    name = safe_filename(filename, content_type)
    response = FileResponse(
        handle, content_type=content_type or "application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
