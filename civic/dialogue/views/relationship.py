"""The entity's relationship with the SRSC, as its representatives see it:
`/minhas-entidades/<pk>/relacionamento/` lists the demands made on behalf of
the entity and the ofícios addressed to it (never internal notes, never the
other contacts), and serves those ofícios' documents."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from civic.cache import private
from civic.downloads import stored_file_response
from entities.views.mixins import EntityAccessMixin

from ..models import Contact
from ..selectors.timeline import entity_timeline


class RelationshipView(EntityAccessMixin, TemplateView):
    template_name = "dialogue/relationship.html"
    visibility_permission = "dialogue.view_relationship"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The representatives' view, even for staff who open it: what the
        # entity sees (staff have the full timeline in the admin).
        context.update(
            entity=self.entity,
            page_obj=entity_timeline(
                self.entity,
                self.request.user,
                page=self.request.GET.get("p", 1),
                as_entity=True,
            ),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        return private(super().render_to_response(context, **response_kwargs))


def contact_document(request, pk: int):
    """The document of a contact, to staff or, for an ofício shared with the
    entity, to its representatives; 404 to anyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if pk >= 2**63:
        raise Http404
    contact = get_object_or_404(Contact, pk=pk)
    if not contact.document or not request.user.has_perm(
        "dialogue.download_contact", contact
    ):
        raise Http404
    return stored_file_response(
        contact.document, filename=contact.document_name or "oficio", private=True
    )
