"""The councils' area of the Wagtail admin ("Conselhos")."""
