"""The PDF of a published resolution, rendered once and kept.

A published resolution never changes (a revocation is shown on its page, the
act itself stays as published), so its PDF is rendered at publication by a
task after commit, stored in private storage and served from there. If the
task has not run yet (the worker was down), the first request renders it,
under the resolution's row lock so two requests do not render it twice.
WeasyPrint opens nothing but the site's own font files (no network).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from consultations.report_pdf import render_report_pdf

from ..models import Resolution
from ..selectors.resolutions import PUBLIC_STATUSES, resolution_for_pdf


def resolution_pdf_filename(resolution: Resolution) -> str:
    """`resolucao-cmas-012-2026.pdf`."""
    return (
        f"resolucao-{resolution.council.slug}-"
        f"{resolution.number:03d}-{resolution.year}.pdf"
    )


def render_resolution_pdf(resolution: Resolution) -> bytes:
    """The resolution laid out for print."""
    html = render_to_string(
        "councils/resolutions/resolution_print.html",
        {"resolution": resolution, "generated_at": timezone.now()},
        request=None,
    )
    return render_report_pdf(html)


def resolution_pdf_ensure(resolution_id: int) -> Resolution | None:
    """The published resolution with its stored PDF, rendering it if missing;
    None for a draft or a resolution that does not exist."""
    resolution = resolution_for_pdf(resolution_id)
    if resolution is None or resolution.status not in PUBLIC_STATUSES:
        return None
    if resolution.pdf:
        return resolution
    with transaction.atomic():
        locked = (
            Resolution.objects.select_for_update()
            .only("pk", "pdf")
            .get(pk=resolution_id)
        )
        if not locked.pdf:
            content = render_resolution_pdf(resolution)
            locked.pdf.save(
                resolution_pdf_filename(resolution),
                ContentFile(content),
                save=False,
            )
            Resolution.objects.filter(pk=resolution_id).update(pdf=locked.pdf.name)
        resolution.pdf = locked.pdf.name
    return resolution
