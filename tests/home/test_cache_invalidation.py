"""Everything the public sees invalidates the page cache on save and delete
(civic.cache.register_public_models), walked model by model: a new model of a
public app must be registered or listed here as private, with the reason."""

import pytest
from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction

from civic.cache import current_generation, public_models
from entities.models import Area
from home.models import SiteSettings
from tests.factories.pages import add_standard_page

pytestmark = pytest.mark.django_db

# The apps whose rows reach public pages, the directory, the API or calendars.
PUBLIC_APPS = (
    "home",
    "entities",
    "consultations",
    "councils",
    "partnerships",
    "territory",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
)

# Rows of those apps that no public page shows, and why.
PRIVATE = {
    "entities.EntityEvent": "review history, staff and representatives only",
    "entities.Document": "private files; regularity is stored on the entity",
    "entities.Representative": "who represents an entity is not public",
    "entities.Invitation": "invitations are private",
    "entities.Claim": "claims are private",
    "consultations.ConsultationLog": "staff history",
    "consultations.EventLog": "staff history",
    "consultations.Support": "the count lives on the contribution row",
    "consultations.AbuseReport": "reports are private",
    "consultations.Follow": "a person's follows are private",
    "councils.CouncilFollow": "a person's follows are private",
    "councils.CouncilLog": "staff history",
    "councils.Ballot": "who voted is private; counts live on the candidacy",
    "councils.ElectionLog": "staff history",
    "councils.AttendanceReply": "members' replies are private",
    "councils.MeetingLog": "staff history",
    "councils.ResolutionSequence": "numbering counter",
    "councils.ResolutionLog": "staff history",
    "partnerships.CallLog": "staff history",
    "partnerships.PartnershipLog": "staff history",
    "partnerships.AccountabilityLog": "staff history",
    "partnerships.SanctionLog": "staff history",
    "partnerships.ProtocolSequence": "numbering counter",
    "partnerships.ProposalDocument": "private files of a proposal",
    "partnerships.IrregularityReport": "a report and its author are private",
    "partnerships.Diligence": "between staff and the entity",
    "home.SiteSettings": "own receiver: a row created on the fly changes nothing",
    "wagtailcore.Locale": "no public content",
    "wagtailcore.GroupSitePermission": "admin permissions",
    "wagtailcore.APIToken": "admin tokens",
    "wagtailcore.ModelLogEntry": "admin history",
    "wagtailcore.Revision": "drafts; publishing sends its own signal",
    "wagtailcore.Collection": "admin grouping; privacy is CollectionViewRestriction",
    "wagtailcore.GroupCollectionPermission": "admin permissions",
    "wagtailcore.UploadedFile": "admin upload staging",
    "wagtailcore.WorkflowContentType": "moderation workflow",
    "wagtailcore.WorkflowState": "moderation workflow",
    "wagtailcore.Workflow": "moderation workflow",
    "wagtailcore.WorkflowTask": "moderation workflow",
    "wagtailcore.Task": "moderation workflow",
    "wagtailcore.GroupApprovalTask": "moderation workflow",
    "wagtailcore.TaskState": "moderation workflow",
    "wagtailcore.GroupPagePermission": "admin permissions",
    "wagtailcore.WorkflowPage": "moderation workflow",
    "wagtailcore.PageLogEntry": "admin history",
    "wagtailcore.Comment": "editors' comments",
    "wagtailcore.CommentReply": "editors' comments",
    "wagtailcore.PageSubscription": "editors' subscriptions",
    "wagtailcore.ReferenceIndex": "admin index",
    "wagtailimages.Rendition": "derived from an image, which is registered",
}


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _models():
    for label in PUBLIC_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, Page):
                continue  # pages: publish, unpublish, live save, delete (below)
            yield model


def test_every_model_of_the_public_apps_is_registered_or_private():
    registered = {_label(m) for m in public_models()}
    undecided = [
        _label(m)
        for m in _models()
        if _label(m) not in registered and _label(m) not in PRIVATE
    ]
    assert not undecided, f"register with civic.cache or list as private: {undecided}"
    both = registered & PRIVATE.keys()
    assert not both, f"registered yet listed as private: {both}"


@pytest.mark.parametrize(
    "model", [m for m in _models() if _label(m) not in PRIVATE], ids=_label
)
def test_save_and_delete_of_a_public_model_start_a_new_generation(
    model, django_capture_on_commit_callbacks
):
    instance = model()
    for send in (
        lambda: post_save.send(
            sender=model, instance=instance, created=False, raw=False, using="default"
        ),
        lambda: post_delete.send(sender=model, instance=instance, using="default"),
    ):
        before = current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            send()
        assert current_generation() != before, _label(model)


def test_many_to_many_changes_of_public_models_start_a_new_generation(
    django_capture_on_commit_callbacks,
):
    for model in public_models():
        for field in model._meta.many_to_many:
            before = current_generation()
            with django_capture_on_commit_callbacks(execute=True):
                m2m_changed.send(
                    sender=field.remote_field.through,
                    instance=model(),
                    action="post_add",
                    reverse=False,
                    model=field.related_model,
                    pk_set={1},
                    using="default",
                )
            assert current_generation() != before, f"{_label(model)}.{field.name}"


def test_site_settings_saved_later_start_a_new_generation(site_content):
    settings_row = SiteSettings.for_site(site_content.get_site())
    before = current_generation()
    settings_row.save()
    assert current_generation() != before


def test_making_a_page_login_only_empties_the_cache(
    anon_client, site_content, django_capture_on_commit_callbacks
):
    page = add_standard_page(site_content, title="Equipe")
    assert anon_client.get(page.url).status_code == 200
    assert anon_client.get(page.url)["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )

    assert anon_client.get(page.url).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert anon_client.get(page.url).status_code == 200


def test_a_taxonomy_edit_starts_a_new_generation(django_capture_on_commit_callbacks):
    area = Area.objects.first()
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        area.name = "Assistência social e cidadania"
        area.save()
    assert current_generation() != before
