"""Public pages of consultations: the list, a consultation with its text and
contributions, one device, and the documents attached to it. Contributing,
replying, supporting and reporting are in `contributions.py`; the final report
in `reports.py`.

The list, consultation and device pages are the same for every anonymous
visitor of a URL, so the anonymous page cache stores them whole
(CIVIC_PAGE_CACHE_URL_NAMES): for anonymous visitors they show login links
instead of forms and never use the CSRF token. Every service that changes what
they show calls invalidate_public_pages() on commit.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from civic.cache import private
from civic.downloads import stored_file_response

from ..forms.consultations import ConsultationFilterForm, ContributionForm
from ..models import Consultation, ConsultationDocument, Device
from ..selectors.consultations import (
    consultation_attachments,
    consultation_devices,
    consultation_for_page,
    consultations_public,
    contributions_for_page,
    document_for_download,
    entities_to_act_for,
)
from ..selectors.follows import is_following
from .common import FilteredListView, contributions_page, login_url

S = Consultation.Status


class ConsultationListView(FilteredListView):
    """`/consultas/`: open first, then scheduled, then closed and answered."""

    template_name = "consultations/consultation_list.html"
    filter_form_class = ConsultationFilterForm
    page_size_setting = "CONSULTATIONS_PAGE_SIZE"
    object_list_name = "consultations"

    def objects(self, **filters):
        return consultations_public(**filters)


class ConsultationMixin:
    """Loads the consultation in the URL; 404 for anyone who may not see it
    (drafts are shown only to the staff who run consultations, as a preview)."""

    slug_url_kwarg = "slug"

    @cached_property
    def consultation(self) -> Consultation:
        try:
            return consultation_for_page(
                slug=self.kwargs[self.slug_url_kwarg], user=self.request.user
            )
        except Consultation.DoesNotExist:
            raise Http404(_("Consulta não encontrada.")) from None

    @property
    def is_preview(self) -> bool:
        return self.consultation.status == S.DRAFT


class ConsultationPageMixin(ConsultationMixin):
    """What the consultation page and a device's page share: the header, the
    devices with their counts, a page of contributions and the form."""

    device: Device | None = None

    @cached_property
    def devices(self) -> list[Device]:
        """The devices in reading order, with their citations and counts."""
        return consultation_devices(self.consultation)

    def find_device(self, anchor: str) -> Device | None:
        """The device of this consultation with this anchor (no query)."""
        return next((d for d in self.devices if d.anchor == anchor), None)

    def contribution_form(self, data=None) -> ContributionForm | None:
        user = self.request.user
        if not user.is_authenticated or not self.consultation.is_open:
            return None
        return ContributionForm(
            data,
            devices=self.devices,
            entities=list(entities_to_act_for(user)),
            device=self.device,
        )

    def page_context(self, *, form=None) -> dict:
        consultation = self.consultation
        user = self.request.user
        contributions = contributions_page(
            contributions_for_page(
                consultation=consultation, user=user, device=self.device
            ),
            self.request,
        )
        if form is None:
            form = self.contribution_form()
        can_participate = user.is_authenticated and consultation.is_open
        return {
            "consultation": consultation,
            "is_preview": self.is_preview,
            "devices": self.devices,
            "device": self.device,
            **consultation_attachments(consultation),
            **contributions,
            "form": form,
            "can_participate": can_participate,
            "can_reply": can_participate,
            "reply_entities": form.entities if form is not None else {},
            "login_url": login_url(self.request),
            "now": timezone.now(),
            "show_answers": consultation.status == S.ANSWERED,
            # The follow button: personal state, so signed-in pages are private.
            "is_following": is_following(user=user, consultation=consultation),
        }

    def render_page(self, context, **response_kwargs):
        response = self.render_to_response(context, **response_kwargs)
        # Previews, and what a signed-in person sees (their supports, whether
        # they follow), never land in a shared cache; anonymous pages stay cacheable.
        if self.is_preview or self.request.user.is_authenticated:
            private(response)
        return response


class ConsultationDetailView(ConsultationPageMixin, TemplateView):
    """`/consultas/<slug>/`: the consultation, its text and general contributions."""

    template_name = "consultations/consultation_detail.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(self.get_context_data(**self.page_context()))


class DeviceView(ConsultationPageMixin, TemplateView):
    """`/consultas/<slug>/dispositivos/<anchor>/`: one device and its contributions."""

    template_name = "consultations/consultation_device.html"

    def get(self, request, *args, **kwargs):
        self.device = self.find_device(kwargs["anchor"])
        if self.device is None:
            raise Http404(_("Dispositivo não encontrado."))
        return self.render_page(self.get_context_data(**self.page_context()))


def consultation_document(request, slug: str, pk: int):
    """`/consultas/<slug>/documentos/<pk>/`: a document of a consultation, seen
    by whoever may see the consultation (a draft's only by staff, privately)."""
    try:
        consultation = consultation_for_page(slug=slug, user=request.user)
        document = document_for_download(consultation=consultation, pk=pk)
    except (Consultation.DoesNotExist, ConsultationDocument.DoesNotExist):
        raise Http404 from None
    return stored_file_response(
        document.file,
        filename=document.title,
        private=consultation.status == S.DRAFT,
    )
