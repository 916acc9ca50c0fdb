"""Celery entry points of the councils (thin: the work is in services)."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="councils.resolution_render_pdf",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def resolution_render_pdf(resolution_id: int) -> bool:
    """Render and store a published resolution's PDF (idempotent: a stored one
    is kept)."""
    from .services.resolution_pdf import resolution_pdf_ensure

    return resolution_pdf_ensure(resolution_id) is not None
