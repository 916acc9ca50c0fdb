"""Placeholder: being written."""

VIEWSETS = []
