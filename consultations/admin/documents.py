"""The public documents of a consultation in the admin: list, upload, remove
(URL `consultations_admin:documents`)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import services
from ..forms.admin_consultations import ConsultationDocumentForm
from ..models import Consultation
from .common import FormPageMixin, ObjectPageMixin


class ConsultationDocumentsView(FormPageMixin, ObjectPageMixin, TemplateView):
    """The documents published with a consultation; staff attach and remove them."""

    model = Consultation
    template_name = "consultations/admin/consultation_documents.html"
    page_title = gettext_lazy("Documentos da consulta")
    crumb = gettext_lazy("Documentos")
    index_label = gettext_lazy("Consultas públicas")
    header_icon = "doc-full"
    error_message = gettext_lazy("Não foi possível anexar o documento.")

    def lookup(self, pk):
        return Consultation.objects.get(pk=pk)

    def get_form(self, data=None, files=None):
        return ConsultationDocumentForm(data, files)

    def post(self, request, *args, **kwargs):
        remove = request.POST.get("remove")
        if remove is None:
            return super().post(request, *args, **kwargs)
        document = self.object.documents.filter(
            pk=remove if remove.isdigit() else None
        ).first()
        if document is None:
            messages.error(request, _("Documento não encontrado."))
            return redirect(request.path)
        try:
            services.consultation_document_remove(
                document_id=document.pk, by=request.user
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(
                request, _("Documento “%(title)s” removido.") % {"title": document}
            )
        return redirect(request.path)

    def form_valid(self, form):
        document = services.consultation_document_add(
            consultation=self.object,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            by=self.request.user,
        )
        messages.success(
            self.request, _("Documento “%(title)s” anexado.") % {"title": document}
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            consultation=self.object, documents=list(self.object.documents.all())
        )
        return context
