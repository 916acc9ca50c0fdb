"""Wagtail documents move from MEDIA_ROOT/documents to PRIVATE_MEDIA_ROOT/wagtail/
documents, where civic.storage.MediaStorage keeps them (docs/deployment.md)."""

from django.db import migrations

import civic.storage


def move_files(apps, schema_editor):
    civic.storage.move_out_of_media_root(
        "documents", f"{civic.storage.WAGTAIL_DOCUMENTS_DIR}/documents"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_link_label"),
        ("wagtaildocs", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_files, migrations.RunPython.noop)]
