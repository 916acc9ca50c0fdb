"""Reads of the partnerships app that own their joins (one module per area)."""
