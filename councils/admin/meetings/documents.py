"""The documents of a meeting in the admin: the list with who may read each,
a form to add one (title, file, optional pauta item, visibility), and the
removal of one (POST `delete=<id>`) while the meeting is not held."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from civic.workflow import report_workflow_error

from ...models import MeetingDocument
from ...services.meeting_documents import (
    OPEN_FOR_ADDING,
    OPEN_FOR_REMOVING,
    meeting_document_add,
    meeting_document_delete,
)
from .base import MeetingFormView
from .forms import MeetingDocumentForm


class DocumentsView(MeetingFormView):
    permission = "councils.change_meeting"
    crumb = gettext_lazy("Documentos")
    template_name = "councils/admin/meetings/documents.html"
    submit_label = gettext_lazy("Incluir o documento")
    help = gettext_lazy(
        "Os arquivos ficam em armazenamento privado; cada um é entregue só a "
        "quem pode vê-lo, conforme a visibilidade escolhida."
    )

    def get_form(self, data=None):
        files = self.request.FILES if data is not None else None
        return MeetingDocumentForm(data, files, meeting=self.meeting)

    def post(self, request, *args, **kwargs):
        if "delete" in request.POST:
            return self.delete(request)
        return super().post(request, *args, **kwargs)

    def delete(self, request):
        try:
            document = self.meeting.documents.get(pk=int(request.POST["delete"]))
        except (MeetingDocument.DoesNotExist, ValueError, OverflowError):
            raise Http404 from None
        try:
            meeting_document_delete(document=document, actor=request.user)
            messages.success(
                request, _("Documento “%(title)s” excluído.") % {"title": document}
            )
        except (PermissionDenied, ValidationError) as error:
            report_workflow_error(request, error)
        return redirect(request.path)

    def form_valid(self, form):
        data = form.cleaned_data
        document = meeting_document_add(
            meeting=self.meeting,
            title=data["title"],
            file=data["file"],
            visibility=data["visibility"],
            agenda_item=data["agenda_item"],
            actor=self.request.user,
        )
        messages.success(
            self.request, _("Documento “%(title)s” incluído.") % {"title": document}
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        documents = list(meeting.documents.select_related("agenda_item").order_by("pk"))
        for document in documents:
            document.url = reverse(
                "councils:meeting_document",
                kwargs={
                    "slug": meeting.council.slug,
                    "pk": meeting.pk,
                    "doc_pk": document.pk,
                },
            )
        context.update(
            documents=documents,
            can_add=meeting.status in OPEN_FOR_ADDING
            and self.request.user.has_perm("councils.add_meetingdocument", meeting),
            can_delete=meeting.status in OPEN_FOR_REMOVING
            and self.request.user.has_perm("councils.delete_meetingdocument", meeting),
        )
        return context
