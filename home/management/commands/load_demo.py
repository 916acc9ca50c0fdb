"""Demo content for `make run`: the site pages, demo accounts, and each module's
demonstration data. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from civic.accounts.demo import ensure_demo_citizen, ensure_demo_staff
from civic.accounts.models import User
from civic.notifications import notify
from consultations.demo import ensure_demo_consultations
from councils.demo import ensure_demo_councils
from entities.demo import ensure_demo_entities
from entities.partnerships.demo import ensure_demo_partnerships
from entities.tasks import daily_registry_pass
from home.setup import ensure_site_content


class Command(BaseCommand):
    help = "Load demonstration content and print the demo accounts. Idempotent."

    def handle(self, *args, **options):
        ensure_site_content()
        with transaction.atomic():
            staff_email, staff_password = ensure_demo_staff()
            citizen_email, citizen_password = ensure_demo_citizen()
            citizen = User.objects.get(email=citizen_email)
            staff = User.objects.get(email=staff_email)
            notify(
                [citizen],
                "accounts.welcome",
                {"first_name": citizen.get_short_name()},
                key="welcome",
                url=reverse("accounts:profile"),
            )
            entities = ensure_demo_entities(representative=citizen, reviewer=staff)
            participation = ensure_demo_consultations(staff=staff, citizen=citizen)
            councils = ensure_demo_councils(reviewer=staff)
            partnerships = ensure_demo_partnerships(staff=staff, citizen=citizen)
        # Reminders of the demo certidão that is about to expire (idempotent).
        daily_registry_pass.delay()

        if entities:
            self.stdout.write(f"Demo entities created: {len(entities)}")
        if participation:
            self.stdout.write(
                f"Demo consultations and events created: {len(participation)}"
            )
        if councils.created:
            self.stdout.write(f"Demo councils created: {len(councils.created)}")
        if partnerships.created:
            self.stdout.write(
                f"Demo chamamentos and partnerships created: {len(partnerships.created)}"
            )
        url = settings.SITE_URL
        council_logins = "".join(
            f"\n    {label + ':':<22}{email} / {password}"
            for label, email, password in councils.logins
        )
        partnership_logins = "".join(
            f"\n    {label + ':':<22}{email} / {password}"
            for label, email, password in partnerships.logins
        )
        self.stdout.write(
            self.style.SUCCESS("\nParticipa Betim demo is ready.")
            + f"""
  Site:             {url}/
  Admin (Wagtail):  {url}/admin/
    Equipe SRSC:    {staff_email} / {staff_password}
  Citizen and NGO representative (see {url}/minhas-entidades/):
                    {citizen_email} / {citizen_password}
  Councils (see {url}/conselhos/ and {url}/admin/):{council_logins}
  Partnerships (see {url}/chamamentos/ and {url}/parcerias/):{partnership_logins}
  Emails are printed in this terminal; background jobs run immediately.
"""
        )
