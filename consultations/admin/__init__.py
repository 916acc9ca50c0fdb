"""Wagtail admin of consultations and events, one module per area; each exposes
a VIEWSETS list that wagtail_hooks.py groups under the "Participação" menu."""
