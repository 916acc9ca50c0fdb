"""Roles as Django groups: staff of the SRSC, moderation, council secretaries.

Idempotent (get_or_create everywhere), so it is safe on a database where an
administrator already created some of these groups by hand. Permissions are
created here if post_migrate has not created them yet, because on a fresh
database post_migrate runs only after all migrations.
"""

from django.db import migrations

STAFF = "Equipe SRSC"
MODERATION = "Moderação"
COUNCIL_SECRETARY = "Secretaria de conselho"

# (app_label, model, codename, default name)
ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
STAFF_MODEL_PERMISSIONS = [
    ("territory", "regional", "view_regional", "Can view regional"),
    ("territory", "regional", "add_regional", "Can add regional"),
    ("territory", "regional", "change_regional", "Can change regional"),
    ("territory", "bairro", "view_bairro", "Can view bairro"),
    ("territory", "bairro", "add_bairro", "Can add bairro"),
    ("territory", "bairro", "change_bairro", "Can change bairro"),
]
# Wagtail checks image and document permissions per collection, so these are
# granted on the root collection (GroupCollectionPermission), as Wagtail's own
# Editors group is.
STAFF_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "change_image", "Can change image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "change_document", "Can change document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )

    access_admin = _permission(apps, *ADMIN_ACCESS)
    groups = {}
    for name in (STAFF, MODERATION, COUNCIL_SECRETARY):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group

    staff = groups[STAFF]
    staff.permissions.add(
        *[_permission(apps, *spec) for spec in STAFF_MODEL_PERMISSIONS]
    )
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for spec in STAFF_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=staff, collection=root, permission=_permission(apps, *spec)
            )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[STAFF, MODERATION, COUNCIL_SECRETARY]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("territory", "0002_seed_betim"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0026_group_collection_permission"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
