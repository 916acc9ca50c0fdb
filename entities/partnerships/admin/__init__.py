"""The partnerships area of the Wagtail admin ("Parcerias")."""
