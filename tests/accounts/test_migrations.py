import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission

pytestmark = pytest.mark.django_db

ROLES = ["Equipe SRSC", "Moderação", "Secretaria de conselho"]


def perms(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("name", ROLES)
def test_roles_exist_with_wagtail_admin_access(name):
    group = Group.objects.get(name=name)
    assert "wagtailadmin.access_admin" in perms(group)


def test_srsc_staff_manage_the_territory():
    group = Group.objects.get(name="Equipe SRSC")
    assert {
        "territory.view_regional",
        "territory.add_regional",
        "territory.change_regional",
        "territory.view_bairro",
        "territory.add_bairro",
        "territory.change_bairro",
    } <= perms(group)
    assert not {"territory.delete_bairro", "territory.delete_regional"} & perms(group)


def test_srsc_staff_add_and_change_images_and_documents_in_the_root_collection():
    group = Group.objects.get(name="Equipe SRSC")
    root = Collection.get_first_root_node()
    granted = {
        f"{gcp.permission.content_type.app_label}.{gcp.permission.codename}"
        for gcp in GroupCollectionPermission.objects.filter(
            group=group, collection=root
        )
    }
    assert {
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
    } <= granted


def test_other_roles_only_get_admin_access():
    for name in ["Moderação", "Secretaria de conselho"]:
        assert perms(Group.objects.get(name=name)) == {"wagtailadmin.access_admin"}


def test_srsc_staff_member_really_has_the_permissions(staff_user):
    assert staff_user.has_perm("wagtailadmin.access_admin")
    assert staff_user.has_perm("territory.change_bairro")
    assert not staff_user.has_perm("territory.delete_bairro")


def test_data_migration_is_idempotent():
    migration = importlib.import_module("civic.accounts.migrations.0002_roles")
    before = (
        Group.objects.count(),
        Permission.objects.count(),
        GroupCollectionPermission.objects.count(),
        sorted(perms(Group.objects.get(name="Equipe SRSC"))),
    )
    migration.create_roles(apps, schema_editor=None)
    after = (
        Group.objects.count(),
        Permission.objects.count(),
        GroupCollectionPermission.objects.count(),
        sorted(perms(Group.objects.get(name="Equipe SRSC"))),
    )
    assert before == after
