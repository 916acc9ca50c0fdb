"""`/balcao/`: the desk attendant's pages; `/assumir-conta/`: claiming a
managed account. Anonymous visitors of the desk are sent to log in; people
without the role get 403; a person the attendant may not act for, 404."""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civic.accounts.client_ip import client_ip
from civic.accounts.models import User
from civic.accounts.services import has_current_consent
from civic.cache import private

from ..views.access import throttled
from . import claims, services
from .forms import (
    AssistedDemandForm,
    ClaimForm,
    ConsentForm,
    ContributeForm,
    PersonForm,
    RegisterForm,
    SearchForm,
)


def desk_view(view):
    """Only for the desk role; with `pk`, the person must be one it may act for."""

    @wraps(view)
    def wrapper(request, *args, pk=None, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.has_perm(services.PERMISSION, request.user):
            raise PermissionDenied
        if pk is not None:
            person = get_object_or_404(User, pk=pk, deleted_at__isnull=True)
            if not rules.has_perm(services.PERMISSION, request.user, person):
                raise Http404
            kwargs["person"] = person
        return private(view(request, *args, **kwargs))

    return wrapper


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@desk_view
def desk_home(request):
    form = SearchForm(request.GET or None)
    people = None
    if form.is_valid():
        people = services.people_find(by=request.user, query=form.cleaned_data["q"])
        for person in people:
            person.cpf_hint = services.mask_cpf(person.cpf)
    return render(
        request, "dialogue/assisted/home.html", {"form": form, "people": people}
    )


@desk_view
def person_new(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.managed_account_create(
                by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Conta criada. Registre o consentimento."))
            return redirect("dialogue:desk_person", pk=person.pk)
    return render(request, "dialogue/assisted/person_new.html", {"form": form})


@desk_view
def person_page(request, person):
    context = {
        "person": person,
        "cpf_hint": services.mask_cpf(person.cpf),
        "consented": has_current_consent(person),
        "consent_form": ConsentForm(),
        "register_form": RegisterForm(),
        "contribute_form": ContributeForm(),
        "demand_form": AssistedDemandForm(),
        "actions": services.actions_for(person),
    }
    return render(request, "dialogue/assisted/person.html", context)


def _act(request, person, form_class, act):
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        try:
            done = act(form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, done)
    return redirect("dialogue:desk_person", pk=person.pk)


@require_POST
@desk_view
def consent(request, person):
    def act(data):
        services.consent_record(by=request.user, person=person)
        return _("Consentimento registrado.")

    return _act(request, person, ConsentForm, act)


@require_POST
@desk_view
def register(request, person):
    def act(data):
        registration = services.register_for_event(
            by=request.user,
            person=person,
            event=data["event"],
            needs_libras=data["needs_libras"],
        )
        return _("Inscrição feita (%(status)s). Código de presença: %(code)s.") % {
            "status": registration.get_status_display(),
            "code": registration.checkin_code,
        }

    return _act(request, person, RegisterForm, act)


@require_POST
@desk_view
def contribute(request, person):
    def act(data):
        services.contribute(
            by=request.user,
            person=person,
            consultation=data["consultation"],
            text=data["text"],
        )
        return _("Contribuição enviada.")

    return _act(request, person, ContributeForm, act)


@require_POST
@desk_view
def demand(request, person):
    def act(data):
        opened = services.open_demand(by=request.user, person=person, **data)
        return _("Manifestação aberta. Protocolo: %(protocol)s.") % {
            "protocol": opened.demand.protocol
        }

    return _act(request, person, AssistedDemandForm, act)


@require_POST
@desk_view
def claim_invite(request, person):
    try:
        code = claims.claim_invite_create(by=request.user, person=person)
    except ValidationError as error:
        _refused(request, error)
        return redirect("dialogue:desk_person", pk=person.pk)
    return render(
        request,
        "dialogue/assisted/invite.html",
        {
            "person": person,
            "code": code,
            "days": claims.INVITE_DAYS,
            "claim_url": request.build_absolute_uri(reverse("dialogue:claim")),
        },
    )


def claim(request):
    """`/assumir-conta/`: anyone with a code; throttled per address."""
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttled(request, "dialogue_claim"):
            form.add_error(None, _("Muitas tentativas. Espere alguns minutos."))
        else:
            data = form.cleaned_data
            try:
                claims.claim_start(
                    code=data["code"],
                    email=data["email"],
                    password=data["password1"],
                    ip_address=client_ip(request),
                    request=request,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error("password1", error.messages)
            else:
                return private(render(request, "dialogue/assisted/claim_sent.html"))
    return private(render(request, "dialogue/assisted/claim.html", {"form": form}))
