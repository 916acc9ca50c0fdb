"""Public pages of consultations: the list, a consultation with its text and
contributions, one device, contributing, replying, supporting, reporting, and
the final report (page, CSV and PDF).

The list, consultation, device and report pages are the same for every
anonymous visitor of a URL, so the anonymous page cache stores them whole
(CIVIC_PAGE_CACHE_URL_NAMES): for anonymous visitors they show login links
instead of forms and never use the CSRF token. Every service that changes what
they show calls invalidate_public_pages() on commit.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from civic.cache import private
from civic.pagination import paginate

from .. import services
from ..forms.consultations import (
    AbuseReportForm,
    ConsultationFilterForm,
    ContributionForm,
    ReplyForm,
    bind_service_errors,
)
from ..models import Consultation, ConsultationDocument, Contribution, Device
from ..selectors.consultations import (
    consultation_devices,
    consultation_for_page,
    consultation_report,
    consultations_public,
    contributions_for_page,
    entities_to_act_for,
    report_contributions,
    viewer_state,
)
from ..selectors.follows import is_following
from ..services.contributions import closed_message, target_is_open

S = Consultation.Status
C = Contribution


def contributions_page(queryset, request) -> dict:
    """A page of contributions with what the viewer did to them (supported,
    reported): the context of includes/contribution_list.html."""
    pages = paginate(queryset, settings.CONSULTATIONS_CONTRIBUTIONS_PAGE_SIZE, request)
    state = viewer_state(user=request.user, contributions=pages["objects"])
    return {
        "page_obj": pages["page_obj"],
        "page_range": pages["page_range"],
        "contributions": pages["objects"],
        "supported_ids": state.supported,
        "reported_ids": state.reported,
    }


class ConsultationListView(TemplateView):
    """`/consultas/`: open first, then scheduled, then closed and answered."""

    template_name = "consultations/consultation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ConsultationFilterForm(self.request.GET or None)
        filters = form.filters()
        pages = paginate(
            consultations_public(**filters),
            settings.CONSULTATIONS_PAGE_SIZE,
            self.request,
        )
        context.update(
            form=form,
            page_obj=pages["page_obj"],
            page_range=pages["page_range"],
            consultations=pages["objects"],
            is_filtered=bool(filters),
        )
        return context


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

    def contribution_form(self, devices, data=None) -> ContributionForm | None:
        user = self.request.user
        if not user.is_authenticated or not self.consultation.is_open:
            return None
        return ContributionForm(
            data,
            devices=devices,
            entities=list(entities_to_act_for(user)),
            device=self.device,
        )

    def page_context(self, *, form=None) -> dict:
        consultation = self.consultation
        user = self.request.user
        devices = consultation_devices(consultation)
        if self.device is not None:
            self.device = next(d for d in devices if d.pk == self.device.pk)
        contributions = contributions_page(
            contributions_for_page(
                consultation=consultation, user=user, device=self.device
            ),
            self.request,
        )
        if form is None:
            form = self.contribution_form(devices)
        can_participate = user.is_authenticated and consultation.is_open
        return {
            "consultation": consultation,
            "is_preview": self.is_preview,
            "devices": devices,
            "device": self.device,
            "documents": list(consultation.documents.all()),
            "bairros": list(consultation.bairros.all()),
            **contributions,
            "form": form,
            "can_participate": can_participate,
            "can_reply": can_participate,
            "reply_entities": form.entities if form is not None else {},
            "login_url": f"{reverse('account_login')}?next={self.request.path}",
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
        self.device = get_object_or_404(
            Device, consultation=self.consultation, anchor=kwargs["anchor"]
        )
        return self.render_page(self.get_context_data(**self.page_context()))


class ContributeView(LoginRequiredMixin, ConsultationPageMixin, TemplateView):
    """POST a contribution. On a problem, the page comes back with what was
    typed and the message beside the field."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.consultation.get_absolute_url())

    def post(self, request, *args, **kwargs):
        consultation = self.consultation
        anchor = request.POST.get("from_device", "")
        if anchor:
            self.device = Device.objects.filter(
                consultation=consultation, anchor=anchor
            ).first()
        self.template_name = (
            "consultations/consultation_device.html"
            if self.device
            else "consultations/consultation_detail.html"
        )
        if not consultation.is_open:
            messages.error(request, closed_message(consultation))
            return HttpResponseRedirect(self.back_url())
        devices = consultation_devices(consultation)
        form = self.contribution_form(devices, data=request.POST)
        if form.is_valid():
            try:
                contribution = services.contribution_create(
                    author=request.user,
                    consultation=consultation,
                    **form.service_kwargs(),
                )
            except ValidationError as error:
                bind_service_errors(form, error)
            except PermissionDenied:
                raise
            else:
                if contribution.moderation == C.Moderation.PENDING:
                    messages.success(
                        request,
                        _(
                            "Contribuição recebida. Ela aparece para as outras pessoas "
                            "depois de aprovada pela moderação."
                        ),
                    )
                else:
                    messages.success(request, _("Contribuição publicada. Obrigado!"))
                target = contribution.device
                url = (
                    target.get_absolute_url()
                    if target
                    else consultation.get_absolute_url()
                )
                return HttpResponseRedirect(f"{url}#contribuicao-{contribution.pk}")
        context = self.get_context_data(**self.page_context(form=form))
        return self.render_page(context)

    def back_url(self) -> str:
        if self.device is not None:
            return self.device.get_absolute_url()
        return self.consultation.get_absolute_url()


def _safe_next(request, fallback: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def _contribution_url(contribution: Contribution) -> str:
    if contribution.consultation_id:
        top = contribution.parent or contribution
        base = (
            top.device.get_absolute_url()
            if top.device_id
            else contribution.consultation.get_absolute_url()
        )
    else:
        base = contribution.event.get_absolute_url()
    return f"{base}#contribuicao-{contribution.pk}"


class ContributionMixin(LoginRequiredMixin):
    """Loads the contribution in the URL, if its consultation or event is public."""

    @cached_property
    def contribution(self) -> Contribution:
        contribution = get_object_or_404(
            Contribution.objects.select_related(
                "consultation", "event", "device", "author", "on_behalf_of", "parent"
            ),
            pk=self.kwargs["pk"],
        )
        user = self.request.user
        if contribution.consultation_id:
            visible = user.has_perm(
                "consultations.view_consultation", contribution.consultation
            )
        else:
            visible = user.has_perm("consultations.view_event", contribution.event)
        if contribution.moderation == C.Moderation.PENDING:
            visible = visible and contribution.author_id == user.pk
        if not visible:
            raise Http404
        return contribution


class ReplyView(ContributionMixin, TemplateView):
    """Reply to a contribution (one level): the form, and on a problem the same
    page with what was typed."""

    template_name = "consultations/contribution_reply.html"

    def reply_form(self, data=None) -> ReplyForm:
        return ReplyForm(data, entities=list(entities_to_act_for(self.request.user)))

    def get(self, request, *args, **kwargs):
        return self.render(self.reply_form())

    def post(self, request, *args, **kwargs):
        form = self.reply_form(request.POST)
        if form.is_valid():
            try:
                reply = services.contribution_reply(
                    parent_id=self.contribution.pk,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    show_name=form.cleaned_data["show_name"],
                    on_behalf_of=form.cleaned_data.get("on_behalf_of"),
                )
            except ValidationError as error:
                bind_service_errors(form, error)
            except PermissionDenied:
                form.add_error(
                    None, _("Você não pode responder a esta contribuição agora.")
                )
            else:
                if reply.moderation == C.Moderation.PENDING:
                    messages.success(
                        request,
                        _(
                            "Resposta recebida; aparece depois de aprovada pela moderação."
                        ),
                    )
                else:
                    messages.success(request, _("Resposta publicada."))
                return HttpResponseRedirect(_contribution_url(reply))
        return self.render(form)

    def render(self, form):
        contribution = self.contribution
        target = contribution.consultation or contribution.event
        response = self.render_to_response(
            self.get_context_data(
                contribution=contribution.parent or contribution,
                replied_to=contribution,
                target=target,
                form=form,
                back_url=_contribution_url(contribution),
                is_open=target_is_open(target),
            )
        )
        return private(response)


class SupportView(ContributionMixin, View):
    """POST: support a contribution, or take the support back (action=remove).
    Asking twice for the same thing changes nothing."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(_contribution_url(self.contribution))

    def post(self, request, *args, **kwargs):
        contribution = self.contribution
        support = request.POST.get("action", "support") != "remove"
        try:
            changed = services.support_toggle(
                contribution_id=contribution.pk, user=request.user, support=support
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("Esta contribuição não pode receber apoio."))
        else:
            if support:
                messages.success(
                    request,
                    _("Apoio registrado.")
                    if changed
                    else _("Você já apoia esta contribuição."),
                )
            else:
                messages.success(
                    request,
                    _("Apoio retirado.")
                    if changed
                    else _("Você não apoiava esta contribuição."),
                )
        return HttpResponseRedirect(
            _safe_next(request, _contribution_url(contribution))
        )


class ReportAbuseView(ContributionMixin, TemplateView):
    """Report a contribution to the moderators: why, and optional details."""

    template_name = "consultations/contribution_report_abuse.html"

    def get(self, request, *args, **kwargs):
        return self.render(AbuseReportForm())

    def post(self, request, *args, **kwargs):
        form = AbuseReportForm(request.POST)
        if form.is_valid():
            try:
                services.report_abuse(
                    contribution_id=self.contribution.pk,
                    user=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "duplicate":
                    messages.info(request, " ".join(error.messages))
                    return HttpResponseRedirect(_contribution_url(self.contribution))
                bind_service_errors(form, error)
            except PermissionDenied:
                form.add_error(None, _("Você não pode denunciar esta contribuição."))
            else:
                messages.success(
                    request,
                    _("Denúncia enviada. A moderação vai analisar a contribuição."),
                )
                return HttpResponseRedirect(_contribution_url(self.contribution))
        return self.render(form)

    def render(self, form):
        contribution = self.contribution
        return private(
            self.render_to_response(
                self.get_context_data(
                    contribution=contribution,
                    target=contribution.consultation or contribution.event,
                    form=form,
                    back_url=_contribution_url(contribution),
                )
            )
        )


# THE FINAL REPORT
# ------------------------------------------------------------------------------


class ReportMixin(ConsultationMixin):
    """The report is public once published (status answered); before that only
    the staff who run consultations may preview it, and others get a 404."""

    @cached_property
    def report_is_preview(self) -> bool:
        consultation = self.consultation
        if consultation.status == S.ANSWERED:
            return False
        if self.request.user.has_perm(
            "consultations.manage_consultation", consultation
        ):
            return True
        raise Http404(_("O relatório desta consulta ainda não foi publicado."))

    def filename(self, extension: str) -> str:
        return f"relatorio-{slugify(self.consultation.slug)}.{extension}"

    def finish(self, response):
        if self.report_is_preview:
            private(response)
        return response


class ReportView(ReportMixin, TemplateView):
    """`/consultas/<slug>/relatorio/`: counts and every answer."""

    template_name = "consultations/consultation_report.html"

    def get(self, request, *args, **kwargs):
        preview = self.report_is_preview
        report = consultation_report(self.consultation)
        context = self.get_context_data(
            consultation=self.consultation,
            report=report,
            is_preview=preview,
        )
        return self.finish(self.render_to_response(context))


CSV_HEADER = [
    "id",
    "em_resposta_a",
    "dispositivo",
    "posicao",
    "texto",
    "redacao_proposta",
    "autoria",
    "bairro",
    "apoios",
    "resposta",
    "justificativa",
    "data",
]


def report_csv_rows(consultation: Consultation):
    """One row per contribution (replies too). The author's name appears only if
    they chose to show it (LGPD art. 5 II: political opinion is sensitive)."""
    devices = {d.pk: d for d in consultation_devices(consultation)}
    for c in report_contributions(consultation, replies=True).order_by(
        "created_at", "pk"
    ):
        hidden = c.moderation == C.Moderation.HIDDEN
        text = (
            _("Contribuição removida pela moderação: %(reason)s")
            % {"reason": c.moderation_reason}
            if hidden
            else c.text
        )
        yield [
            c.pk,
            c.parent_id or "",
            devices[c.device_id].citation if c.device_id else _("Geral"),
            c.get_position_display() if c.position else "",
            text,
            "" if hidden else c.proposed_text,
            c.public_author,
            c.bairro.name if c.bairro_id else "",
            c.support_count,
            c.get_answer_display() if c.answer else "",
            c.answer_text,
            timezone.localtime(c.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


class _Echo:
    def write(self, value):
        return value


class ReportCsvView(ReportMixin, View):
    """`relatorio.csv`: UTF-8 with BOM, so spreadsheet programs read accents."""

    def get(self, request, *args, **kwargs):
        self.report_is_preview  # noqa: B018  (404 before building anything)
        writer = csv.writer(_Echo())
        lines = [writer.writerow(CSV_HEADER)]
        lines.extend(writer.writerow(row) for row in report_csv_rows(self.consultation))
        response = HttpResponse(
            "\ufeff" + "".join(lines), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.filename("csv")}"'
        )
        return self.finish(response)


class ReportPdfView(ReportMixin, View):
    """`relatorio.pdf`: the same content as the page, laid out for print."""

    def get(self, request, *args, **kwargs):
        from ..report_pdf import render_report_pdf

        preview = self.report_is_preview
        report = consultation_report(self.consultation)
        html = render_to_string(
            "consultations/consultation_report_print.html",
            {
                "consultation": self.consultation,
                "report": report,
                "is_preview": preview,
                "generated_at": timezone.now(),
            },
            request=None,
        )
        pdf = render_report_pdf(html)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.filename("pdf")}"'
        return self.finish(response)


def consultation_document(request, slug: str, pk: int):
    """A public document of a consultation (served only once it is public)."""
    from civic.downloads import content_disposition, safe_filename

    try:
        consultation = consultation_for_page(slug=slug, user=request.user)
    except Consultation.DoesNotExist:
        raise Http404 from None
    document = get_object_or_404(ConsultationDocument, pk=pk, consultation=consultation)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    head = handle.read(8)
    handle.seek(0)
    content_type = (
        "application/pdf"
        if head.startswith(b"%PDF-")
        else "image/png"
        if head.startswith(b"\x89PNG")
        else "image/jpeg"
    )
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        safe_filename(document.title, content_type), inline=True
    )
    response["X-Content-Type-Options"] = "nosniff"
    if consultation.status == S.DRAFT:
        private(response)
    return response
