"""What a person follows: a consultation, a policy area, or a bairro."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro

from .consultations import Consultation
from .taxonomy import PolicyArea


class Follow(models.Model):
    """A person asks to be told about one consultation, or about everything new
    in a policy area or a bairro. Exactly one target per row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    consultation = models.ForeignKey(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    policy_area = models.ForeignKey(
        PolicyArea,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    bairro = models.ForeignKey(
        Bairro, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acompanhamento")
        verbose_name_plural = _("acompanhamentos")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        consultation__isnull=False,
                        policy_area__isnull=True,
                        bairro__isnull=True,
                    )
                    | Q(
                        consultation__isnull=True,
                        policy_area__isnull=False,
                        bairro__isnull=True,
                    )
                    | Q(
                        consultation__isnull=True,
                        policy_area__isnull=True,
                        bairro__isnull=False,
                    )
                ),
                name="consultations_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "consultation"],
                condition=Q(consultation__isnull=False),
                name="consultations_follow_consultation_once",
            ),
            models.UniqueConstraint(
                fields=["user", "policy_area"],
                condition=Q(policy_area__isnull=False),
                name="consultations_follow_area_once",
            ),
            models.UniqueConstraint(
                fields=["user", "bairro"],
                condition=Q(bairro__isnull=False),
                name="consultations_follow_bairro_once",
            ),
        ]

    def __str__(self):
        return str(self.consultation or self.policy_area or self.bairro)
