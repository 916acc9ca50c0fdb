"""Storage for private files: outside MEDIA_ROOT, with no public URL.

Files here are only ever sent by views that check permissions first, so a
leaked path or a guessed name never exposes a document.

`MediaStorage`, the default storage, keeps MEDIA_ROOT for public media (images,
logos) and puts Wagtail documents under PRIVATE_MEDIA_ROOT, so the only way to
a document is Wagtail's document view, with its collection privacy.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join
from django.utils.deconstruct import deconstructible

# Wagtail's AbstractDocument.file uses upload_to="documents" on the default
# storage; its model cannot take another storage without a custom document model.
WAGTAIL_DOCUMENTS_PREFIX = "documents/"
WAGTAIL_DOCUMENTS_DIR = "wagtail"


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


def is_wagtail_document(name: str) -> bool:
    """The stored name is a Wagtail document's."""
    return name.replace("\\", "/").startswith(WAGTAIL_DOCUMENTS_PREFIX)


@deconstructible
class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT for public media; Wagtail documents under PRIVATE_MEDIA_ROOT.

    Whatever serves /media/ (nginx in production) then cannot hand out a
    document raw, bypassing the document view's privacy checks. A document has
    no file URL: Wagtail links to its view (`WAGTAILDOCS_SERVE_METHOD`).
    """

    def _documents(self) -> FileSystemStorage:
        """Where Wagtail documents are kept: a folder of PRIVATE_MEDIA_ROOT."""
        return FileSystemStorage(
            location=safe_join(settings.PRIVATE_MEDIA_ROOT, WAGTAIL_DOCUMENTS_DIR)
        )

    def _for(self, name: str) -> FileSystemStorage | None:
        return self._documents() if name and is_wagtail_document(name) else None

    def _open(self, name, mode="rb"):
        other = self._for(name)
        return other._open(name, mode) if other else super()._open(name, mode)

    def _save(self, name, content):
        other = self._for(name)
        return other._save(name, content) if other else super()._save(name, content)

    def path(self, name):
        other = self._for(name)
        return other.path(name) if other else super().path(name)

    def exists(self, name):
        other = self._for(name)
        return other.exists(name) if other else super().exists(name)

    def delete(self, name):
        other = self._for(name)
        return other.delete(name) if other else super().delete(name)

    def size(self, name):
        other = self._for(name)
        return other.size(name) if other else super().size(name)

    def url(self, name):
        if self._for(name):
            # Wagtail's document view reads this as "no direct URL".
            raise NotImplementedError("Documents are served by the document view.")
        return super().url(name)


def move_out_of_media_root(relative_dir: str, private_dir: str) -> int:
    """Move MEDIA_ROOT/<relative_dir> into PRIVATE_MEDIA_ROOT/<private_dir>
    (for migrations that make a public folder private); returns files moved.

    Idempotent: files already moved are skipped, and nothing happens when the
    folder is absent (a fresh install, or storage that is not local).
    """
    import shutil
    from pathlib import Path

    source = Path(settings.MEDIA_ROOT) / relative_dir
    target = Path(settings.PRIVATE_MEDIA_ROOT) / private_dir
    if not source.is_dir():
        return 0
    moved = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        destination = target / path.relative_to(source)
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), str(destination))
        moved += 1
    return moved
