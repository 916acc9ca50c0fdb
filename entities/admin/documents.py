"""The private files of the review pages: an entity's documents and the proof
attached to a claim, shown in place (`?inline=1`) or downloaded."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .. import selectors
from ..models import Claim, Entity
from ..views.mixins import private_download


@method_decorator(xframe_options_sameorigin, name="dispatch")
class EntityDocumentView(PermissionCheckedMixin, View):
    """One version of a document of the entity in the URL."""

    model = Entity
    permission_required = "view"

    def get(self, request, pk, document_pk):
        document = selectors.entity_document(entity_id=pk, pk=document_pk)
        if document is None:
            raise Http404
        if not request.user.has_perm("entities.view_documents", document.entity):
            raise PermissionDenied
        return private_download(
            request,
            document.file,
            filename=document.original_name,
            content_type=document.content_type,
        )


@method_decorator(xframe_options_sameorigin, name="dispatch")
class ClaimProofView(PermissionCheckedMixin, View):
    """The ata or procuração attached to a claim."""

    model = Claim
    permission_required = "view"

    def get(self, request, pk):
        claim = selectors.claim_with_entity(pk=pk)
        if claim is None:
            raise Http404
        if not request.user.has_perm("entities.view_claim", claim):
            raise PermissionDenied
        return private_download(
            request,
            claim.proof,
            filename=claim.proof_name,
            content_type=claim.proof_content_type,
        )
