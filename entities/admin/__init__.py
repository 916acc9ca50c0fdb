"""The entity registry in the Wagtail admin, one module per area: the review
queue (`review`), claims (`claims`), the private files both show in place
(`documents`) and the lists staff keep (`taxonomy`). Each exposes its
viewsets; `wagtail_hooks.py` groups them under the "Entidades" menu.

Every write goes through `entities.services`; these views only validate the
form, call the service and report the outcome in pt-BR.
"""
