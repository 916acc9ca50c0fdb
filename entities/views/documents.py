"""The entity's documents: each required one with its versions, the upload of a
new version, and the private download of any version."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors, services
from ..forms import DocumentUploadForm
from ..models.documents import REQUIREMENTS
from ..presentation import FROZEN_MESSAGES, document_sections
from .mixins import EntityAccessMixin, private_download


class DocumentsView(EntityAccessMixin, FormView):
    """Current documents and older versions per type, and the upload form."""

    template_name = "entities/manage/documents.html"
    form_class = DocumentUploadForm
    visibility_permission = "entities.view_documents"

    def get_permission_required(self):
        return "entities.upload_document" if self.request.method == "POST" else None

    def get_initial(self):
        initial = super().get_initial()
        doc_type = self.request.GET.get("tipo", "")
        if doc_type in REQUIREMENTS:
            initial["doc_type"] = doc_type
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity = self.entity
        context.update(
            sections=document_sections(
                entity, selectors.entity_documents(entity=entity)
            ),
            can_upload=self.request.user.has_perm("entities.upload_document", entity),
            frozen_message=FROZEN_MESSAGES.get(entity.status, ""),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            document = services.document_upload(
                entity=self.entity,
                doc_type=data["doc_type"],
                file=data["file"],
                issued_on=data["issued_on"],
                expires_on=data.get("expires_on"),
                by=self.request.user,
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form, field="file")
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Documento enviado: %(doc)s.") % {"doc": document.get_doc_type_display()},
        )
        return HttpResponseRedirect(
            reverse("entities:documents", kwargs={"pk": self.entity.pk})
        )


@method_decorator(xframe_options_sameorigin, name="dispatch")
class DocumentDownloadView(EntityAccessMixin, View):
    """A private document file, for the entity's representatives and reviewers.

    `?inline=1` shows a PDF or image in place; the frame is allowed from this
    site only.
    """

    http_method_names = ["get"]
    permission_required = "entities.view_documents"

    def get(self, request, *args, **kwargs):
        document = selectors.entity_document(
            entity_id=self.entity.pk, pk=self.kwargs["document_pk"]
        )
        if document is None:
            raise Http404
        return private_download(
            request,
            document.file,
            filename=document.original_name,
            content_type=document.content_type,
        )
