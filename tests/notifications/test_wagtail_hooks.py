import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from civic.notifications import notify
from civic.notifications.choices import DeliveryStatus
from civic.notifications.models import EmailDelivery

pytestmark = pytest.mark.django_db

INDEX = "email_deliveries:index"


def _grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="notifications", codename__in=codenames
        )
    )


@pytest.fixture
def failed(user_factory, kind):
    notify([user_factory()], kind.slug, {}, key="k")
    EmailDelivery.objects.update(
        status=DeliveryStatus.FAILED, attempts=7, last_error="SMTPException: 550"
    )
    return EmailDelivery.objects.get()


@pytest.fixture
def moderator(user_factory):
    """Has Wagtail admin access (group Moderação) but no outbox permission."""
    person = user_factory(full_name="Moderadora")
    person.groups.add(Group.objects.get(name="Moderação"))
    return person


@pytest.fixture
def viewer(moderator):
    _grant(moderator, "view_emaildelivery")
    return moderator


@pytest.fixture
def retrier(moderator):
    _grant(moderator, "view_emaildelivery", "retry_emaildelivery")
    return moderator


@pytest.fixture
def who(request, citizen, moderator, staff_user, superuser):
    return {
        "anonymous": None,
        "citizen": citizen,
        "admin_without_permission": moderator,
        "srsc_staff": staff_user,
        "viewer": request.getfixturevalue("viewer")
        if request.param == "viewer"
        else None,
        "retrier": request.getfixturevalue("retrier")
        if request.param == "retrier"
        else None,
        "superuser": superuser,
    }[request.param]


def _allowed(response):
    return response.status_code == 200


@pytest.mark.parametrize(
    ("who", "can_list", "can_retry"),
    [
        ("anonymous", False, False),
        ("citizen", False, False),
        ("admin_without_permission", False, False),
        ("srsc_staff", True, True),
        ("viewer", True, False),
        ("retrier", True, True),
        ("superuser", True, True),
    ],
    indirect=["who"],
)
def test_permission_matrix(
    client, who, failed, can_list, can_retry, outbox, django_capture_on_commit_callbacks
):
    if who is not None:
        client.force_login(who)
    index = client.get(reverse(INDEX))
    inspect = client.get(reverse("email_deliveries:inspect", args=[failed.pk]))
    assert _allowed(index) is can_list
    assert _allowed(inspect) is can_list
    retry_url = reverse("email_deliveries:retry", args=[failed.pk])
    assert _allowed(client.get(retry_url)) is can_retry
    if can_list:
        assert ("Tentar novamente" in index.content.decode()) is can_retry
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)
    failed.refresh_from_db()
    if can_retry:
        assert response.status_code == 302
        assert failed.status == DeliveryStatus.SENT  # eager: queued and sent
        assert len(outbox) == 1
    else:
        assert response.status_code != 200
        assert failed.status == DeliveryStatus.FAILED
        assert outbox == []


def test_list_filters_by_status(client, superuser, failed, user_factory, kind):
    notify([user_factory()], kind.slug, {}, key="other")  # pending
    client.force_login(superuser)
    response = client.get(reverse(INDEX), {"status": "failed"})
    assert [d.pk for d in response.context["object_list"]] == [failed.pk]


def test_viewset_is_read_only(client, superuser, failed):
    client.force_login(superuser)
    content = client.get(reverse(INDEX)).content.decode()
    assert f"/edit/{failed.pk}/" not in content
    assert f"/delete/{failed.pk}/" not in content
    for name in ("add", "edit", "delete"):
        with pytest.raises(Exception, match="Reverse"):
            reverse(
                f"email_deliveries:{name}", args=[failed.pk] if name != "add" else []
            )


def test_retry_of_a_non_failed_row_changes_nothing(client, superuser, failed, outbox):
    EmailDelivery.objects.update(status=DeliveryStatus.SENT)
    client.force_login(superuser)
    response = client.post(reverse("email_deliveries:retry", args=[failed.pk]))
    assert response.status_code == 302
    assert outbox == []


def test_only_view_and_retry_permissions_are_offered(superuser):
    from civic.notifications.wagtail_hooks import EmailDeliveryViewSet

    codenames = set(
        EmailDeliveryViewSet("x")
        .get_permissions_to_register()
        .values_list("codename", flat=True)
    )
    assert codenames == {"view_emaildelivery", "retry_emaildelivery"}


def test_retry_is_offered_only_for_failed_rows_even_to_superusers(
    failed, superuser, staff_user
):
    from wagtail.permissions import policy_registry

    policy = policy_registry.get(failed)
    assert policy.user_has_permission_for_instance(superuser, "retry", failed)
    assert policy.user_has_permission_for_instance(staff_user, "retry", failed)

    failed.status = DeliveryStatus.SENT
    assert not policy.user_has_permission_for_instance(superuser, "retry", failed)
    assert not policy.user_has_permission_for_instance(staff_user, "retry", failed)
    assert not policy.user_has_permission(superuser, "delete")
