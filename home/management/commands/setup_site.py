from django.core.management.base import BaseCommand

from home.setup import ensure_site_content


class Command(BaseCommand):
    help = (
        "Create the home page, institutional pages (sobre, termos-de-uso, "
        "privacidade, acessibilidade) and site settings if missing. Idempotent."
    )

    def handle(self, *args, **options):
        report = ensure_site_content()
        if not report:
            self.stdout.write("Site content already in place: nothing changed.")
            return
        for item in report.created:
            self.stdout.write(f"created: {item}")
        self.stdout.write(self.style.SUCCESS("Site content ready."))
