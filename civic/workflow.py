"""The one state-machine engine of the platform.

Each workflow (an entity's review, a consultation's life, a hearing's life,
and the councils and partnerships to come) is a `Workflow` subclass that
declares its transition table in one place:

    class EntityWorkflow(Workflow):
        model = Entity
        log_model = EntityEvent
        transitions = {(S.DRAFT, "submit"): S.SUBMITTED, ...}
        action_labels = {"submit": _("Enviar para análise"), ...}
        note_required = frozenset({"reject"})

`Workflow.run()` is the action, in the shape of Wagtail's actions
(wagtail/actions/*.py): inside one transaction it locks the row, looks the
(status, action) pair up in the table, asks the permission, checks the
guards, applies the change, saves only the fields it changed, writes the log
row and calls the notification hook. Notifications written there leave on
commit (`civic.notifications.notify` enqueues after commit), so work that
rolls back tells nobody.

Refusals are exceptions a view can show: `InvalidTransition` (not from this
status), `PermissionDenied`, and `ValidationError` naming the field it is
about ("note" when a justification is required). `report_workflow_error()`
puts any of them beside the field or in a flash message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 2000


class InvalidTransition(Exception):
    """The action is not allowed from the object's current status."""

    def __init__(
        self,
        status: str,
        action: str,
        *,
        status_label: str | None = None,
        action_label: str | None = None,
    ):
        self.status, self.action = status, action
        self.status_label = status_label or status
        self.action_label = action_label or action
        super().__init__(f"{action!r} is not allowed from {status!r}")

    @property
    def message(self) -> str:
        """What to tell the person, in their language."""
        return gettext(
            "Não é possível “%(action)s” na situação atual (“%(status)s”). "
            "Talvez outra pessoa já tenha agido: confira e tente de novo."
        ) % {"action": self.action_label, "status": self.status_label}


WORKFLOW_ERRORS = (InvalidTransition, PermissionDenied, ValidationError)


class WorkflowLog(models.Model):
    """One step in an object's history, append-only: who did what, when, why.

    Subclasses add the foreign key to their subject and may give the status
    fields their choices with `status_column()`. `data` keeps what a note
    cannot (the representative removed, the old and new dates).
    """

    action = models.CharField(_("ação"), max_length=32)
    from_status = models.CharField(_("de"), max_length=20)
    to_status = models.CharField(_("para"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("observação"), blank=True)
    data = models.JSONField(
        _("dados"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    created_at = models.DateTimeField(_("em"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"

    @staticmethod
    def status_column(choices, verbose_name) -> models.CharField:
        """A from/to field that displays the subject's status labels."""
        return models.CharField(verbose_name, max_length=20, choices=choices)


@dataclass
class Step:
    """One transition being applied: what the hooks read and add to."""

    obj: models.Model
    action: str
    source: str
    target: str
    actor: Any
    note: str
    now: datetime
    params: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)
    update_fields: list[str] = field(default_factory=list)

    def set(self, **values) -> None:
        """Change fields of the locked object; only these are saved."""
        for name, value in values.items():
            setattr(self.obj, name, value)
            if name not in self.update_fields:
                self.update_fields.append(name)


class Workflow:
    """A state machine: one table, one `run()`. Subclass and fill the table."""

    model: ClassVar[type[models.Model]]
    log_model: ClassVar[type[WorkflowLog]]
    status_field: ClassVar[str] = "status"
    # (status, action) -> new status. This is the whole machine.
    transitions: ClassVar[Mapping[tuple[str, str], str]] = {}
    action_labels: ClassVar[Mapping[str, str]] = {}
    # Actions that must say why (Lei 9.784/1999 art. 50: reasoned decisions).
    note_required: ClassVar[frozenset[str]] = frozenset()
    note_required_message = _("Escreva a justificativa desta ação.")
    # Longer where the note is itself the message (an ouvidoria's answer).
    note_max_length: ClassVar[int] = NOTE_MAX_LENGTH
    # Actions the clock may take with `actor=None` (scheduled opening...).
    clock_actions: ClassVar[frozenset[str]] = frozenset()

    # -- the questions templates and views ask -----------------------------

    def permission(self, action: str) -> str:
        """`<app>.<action>_<model>`, the django-rules permission of the action."""
        meta = self.model._meta
        return f"{meta.app_label}.{action}_{meta.model_name}"

    def has_permission(self, obj, action: str, actor) -> bool:
        """The actor may take the action on this object (the clock only its own)."""
        if actor is None:
            return action in self.clock_actions
        return actor.has_perm(self.permission(action), obj)

    def in_time(self, obj, action: str, now: datetime) -> bool:
        """Whether the moment allows the action (e.g. the ata after the event)."""
        return True

    def can(self, obj, action: str, user, now: datetime | None = None) -> bool:
        """The table allows the action from the current status, now, for this user."""
        return (
            (self.status_of(obj), action) in self.transitions
            and self.in_time(obj, action, now or timezone.now())
            and self.has_permission(obj, action, user)
        )

    def available_actions(self, obj, user, now: datetime | None = None) -> list[str]:
        """The actions the user can take on the object now, in table order."""
        now = now or timezone.now()
        status = self.status_of(obj)
        return [
            action
            for (source, action) in self.transitions
            if source == status and self.can(obj, action, user, now)
        ]

    def status_of(self, obj) -> str:
        return getattr(obj, self.status_field)

    def label(self, action: str) -> str:
        return str(self.action_labels.get(action, action))

    # -- hooks for subclasses ----------------------------------------------

    def check(self, step: Step) -> None:
        """Raise ValidationError (naming the field) if the step may not happen."""

    def apply(self, step: Step) -> None:
        """Change the object beyond its status, through `step.set()`."""

    def after(self, step: Step, log: WorkflowLog) -> None:
        """Tell people (inside the transaction; emails leave on commit)."""

    # -- the action ---------------------------------------------------------

    def run(
        self,
        pk,
        action: str,
        *,
        actor,
        note: str = "",
        now: datetime | None = None,
        **params,
    ):
        """Check, lock, apply, log and notify one action; returns the object."""
        note = (note or "").strip()
        if len(note) > self.note_max_length:
            raise ValidationError(
                {
                    "note": gettext("Use no máximo %(limit)s caracteres.")
                    % {"limit": self.note_max_length}
                }
            )
        with transaction.atomic():
            obj = self.model._default_manager.select_for_update().get(pk=pk)
            # The time is read once the lock is held, so the history's order
            # is the order in which the steps really happened.
            now = now or timezone.now()
            source = self.status_of(obj)
            target = self.transitions.get((source, action))
            if target is None:
                raise InvalidTransition(
                    source,
                    action,
                    status_label=self._status_label(obj),
                    action_label=self.label(action),
                )
            if not self.has_permission(obj, action, actor):
                raise PermissionDenied
            if action in self.note_required and not note:
                raise ValidationError({"note": self.note_required_message})
            step = Step(obj, action, source, target, actor, note, now, params)
            self.check(step)
            self.apply(step)
            step.set(**{self.status_field: target})
            if _has_field(obj, "updated_at"):
                step.update_fields.append("updated_at")
            obj.save(update_fields=step.update_fields)
            log = self.record(
                obj,
                action=action,
                actor=actor,
                note=step.note,
                data=step.data,
                now=now,
                from_status=source,
                to_status=target,
            )
            self.after(step, log)
        return obj

    def record(
        self,
        obj,
        *,
        action: str,
        actor,
        note: str = "",
        data: Mapping | None = None,
        now: datetime | None = None,
        from_status: str | None = None,
        to_status: str | None = None,
    ) -> WorkflowLog:
        """Append a history row; without statuses it records a step that
        changed no status (an edit, a representative leaving)."""
        status = self.status_of(obj)
        return self.log_model._default_manager.create(
            **{self._log_subject(): obj},
            action=action,
            from_status=from_status or status,
            to_status=to_status or status,
            actor=actor,
            note=note,
            data=dict(data or {}),
            created_at=now or timezone.now(),
        )

    def _log_subject(self) -> str:
        for log_field in self.log_model._meta.concrete_fields:
            if log_field.is_relation and log_field.related_model is self.model:
                return log_field.name
        raise TypeError(f"{self.log_model.__name__} has no key to {self.model}")

    def _status_label(self, obj) -> str:
        display = getattr(obj, f"get_{self.status_field}_display", None)
        return str(display()) if display else self.status_of(obj)


@contextmanager
def refuse_duplicate(message: str, *, code: str = "duplicate") -> Iterator[None]:
    """A row that a unique constraint refuses (a double submission racing the
    first) becomes a `ValidationError` the view can show. Put it outside the
    `transaction.atomic()` block, which must roll back first."""
    try:
        yield
    except IntegrityError:
        raise ValidationError(message, code=code) from None


def _has_field(obj, name: str) -> bool:
    try:
        obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def report_workflow_error(
    request, error: Exception, *, form=None, field: str | None = None
) -> None:
    """Tell the person why the workflow refused: beside the field it names
    when the form has that field, otherwise as a flash message. `field` is
    where a refusal that names no field goes (the file a service refused)."""
    if isinstance(error, InvalidTransition):
        messages.error(request, error.message)
        return
    if isinstance(error, PermissionDenied):
        messages.error(request, gettext("Você não tem permissão para esta ação."))
        return
    if not isinstance(error, ValidationError):
        raise TypeError(f"not a workflow error: {error!r}")
    if form is None:
        for message in error.messages:
            messages.error(request, message)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(field if field in form.fields else None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
