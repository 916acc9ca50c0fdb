"""Storage for private files: outside MEDIA_ROOT, with no public URL.

Files here are only ever sent by views that check permissions first, so a
leaked path or a guessed name never exposes a document.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT that refuses to build URLs."""

    def __init__(self, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    """Callable for FileField(storage=...), so migrations never bake in a path."""
    return PrivateStorage()
