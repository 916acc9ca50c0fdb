"""The public pages of resolutions: who sees what (the role matrix), drafts
never public, the PDF, the filters that refuse bad input without a 500, the
page cache, and constant query counts."""

import pytest
from django.urls import reverse

from councils.models import Resolution
from councils.services.resolutions import resolution_revoke
from tests.factories.councils import ResolutionFactory

from .conftest import ROLES
from .resolution_support import approved_item, publish, published

pytestmark = pytest.mark.django_db
S = Resolution.Status


def detail_url(resolution, name="councils:resolution"):
    return reverse(
        name,
        kwargs={
            "slug": resolution.council.slug,
            "year": resolution.year,
            "number": resolution.number,
        },
    )


@pytest.fixture
def public_resolution(council, staff_user):
    item = approved_item(council, title="Plano municipal")
    draft = ResolutionFactory(
        council=council,
        title="Aprova o Plano Municipal de Assistência Social",
        meeting=item.meeting,
        agenda_item=item,
    )
    return publish(draft, staff_user)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_public_pages(as_role, role, public_resolution):
    client = as_role(role)
    council = public_resolution.council
    urls = [
        reverse("councils:resolution_list", kwargs={"slug": council.slug}),
        reverse("councils:resolution_search"),
        detail_url(public_resolution),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert public_resolution.display_number in response.content.decode()
    pdf = client.get(detail_url(public_resolution, "councils:resolution_pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role", ROLES)
def test_drafts_are_public_to_nobody(as_role, role, council):
    draft = ResolutionFactory(council=council, status=S.DRAFT, year=2026, number=9)
    client = as_role(role)
    assert client.get(detail_url(draft)).status_code == 404
    assert client.get(detail_url(draft, "councils:resolution_pdf")).status_code == 404
    listing = client.get(
        reverse("councils:resolution_list", kwargs={"slug": council.slug})
    )
    assert draft.title not in listing.content.decode()


def test_unknown_addresses_are_404(client, public_resolution):
    council = public_resolution.council
    for kwargs in (
        {"slug": "nao-existe", "year": 2026, "number": 1},
        {"slug": council.slug, "year": 2026, "number": 999},
        {"slug": council.slug, "year": 99999999999999999999, "number": 1},
        {"slug": council.slug, "year": 2026, "number": 99999999999999999999},
    ):
        assert (
            client.get(reverse("councils:resolution", kwargs=kwargs)).status_code == 404
        )
    assert client.get("/conselhos/nao-existe/resolucoes/").status_code == 404


def test_detail_shows_text_links_and_revocation(
    client, council, staff_user, public_resolution
):
    amending = ResolutionFactory(council=council, title="Altera o plano")
    amending.amends.add(public_resolution)
    amending = publish(amending, staff_user)
    revoking = ResolutionFactory(council=council, title="Revoga o plano")
    revoking.revokes.add(public_resolution)
    revoking = publish(revoking, staff_user)
    page = client.get(detail_url(public_resolution)).content.decode()
    assert "Art. 1º Fica aprovado o plano." in page
    assert "Plano municipal" in page  # the agenda item
    assert detail_url(amending) in page
    assert detail_url(revoking) in page
    assert "Resolução revogada." in page
    back = client.get(detail_url(revoking)).content.decode()
    assert detail_url(public_resolution) in back


def test_pdf_carries_the_number(client, public_resolution):
    from io import BytesIO

    response = client.get(detail_url(public_resolution, "councils:resolution_pdf"))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert "inline" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    pypdf = pytest.importorskip("pypdf")
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(BytesIO(content)).pages
    )
    assert f"{public_resolution.number:03d}/{public_resolution.year}" in text
    public_resolution.refresh_from_db()
    assert public_resolution.pdf  # stored once, served from storage


def test_list_filters_by_year_and_subject(client, council, staff_user):
    from consultations.models import PolicyArea

    health = PolicyArea.objects.get(slug="saude")
    tagged, plain = published(council, staff_user, 2)
    tagged.subjects.add(health)
    url = reverse("councils:resolution_list", kwargs={"slug": council.slug})
    page = client.get(url, {"assunto": "saude"}).content.decode()
    assert tagged.display_number in page
    assert plain.display_number not in page
    assert (
        client.get(url, {"ano": tagged.year - 1}).context["page_obj"].paginator.count
        == 0
    )
    assert (
        client.get(url, {"ano": tagged.year}).context["page_obj"].paginator.count == 2
    )


@pytest.mark.parametrize(
    "params",
    [
        {"ano": "abc"},
        {"ano": "99999999999999999999999"},
        {"ano": "-1"},
        {"assunto": "nao\x00existe"},
        {"assunto": "x" * 100_000},
        {"q": "plano\x00"},
        {"q": "x" * 100_000},
        {"conselho": "\x00"},
        {"page": "abc"},
    ],
)
def test_bad_filters_are_messages_not_500(client, council, staff_user, params):
    published(council, staff_user, 1)
    for url in (
        reverse("councils:resolution_list", kwargs={"slug": council.slug}),
        reverse("councils:resolution_search"),
    ):
        response = client.get(url, params)
        assert response.status_code == 200
    form = response.context["form"]
    # NUL is stripped before any view reads it (civic/middleware.py), so those
    # filters are simply valid.
    if "page" not in params and "\x00" not in "".join(params.values()):
        assert form.errors


def test_bad_year_says_why(client, council):
    url = reverse("councils:resolution_list", kwargs={"slug": council.slug})
    page = client.get(url, {"ano": "abc"}).content.decode()
    assert "Informe o ano com quatro algarismos." in page


def test_search_page_finds_by_words_across_councils(
    client, council, other_council, staff_user
):
    mine = publish(
        ResolutionFactory(council=council, title="Convoca a Conferência"), staff_user
    )
    theirs = publish(
        ResolutionFactory(council=other_council, title="Aprova as contas"), staff_user
    )
    page = client.get(reverse("councils:resolution_search"), {"q": "conferencia"})
    assert list(page.context["resolutions"]) == [mine]
    page = client.get(
        reverse("councils:resolution_search"), {"conselho": other_council.slug}
    )
    assert list(page.context["resolutions"]) == [theirs]


def test_publication_and_revocation_refresh_the_page_cache(
    client, council, staff_user, django_capture_on_commit_callbacks
):
    url = reverse("councils:resolution_list", kwargs={"slug": council.slug})
    assert client.get(url).context["page_obj"].paginator.count == 0
    assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        resolution = published(council, staff_user)[0]
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    assert resolution.display_number in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resolution_revoke(resolution_id=resolution.pk, actor=staff_user, note="Erro.")
    assert "Revogada" in client.get(url).content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_list_query_count_is_constant(
    client, settings, council, staff_user, count, django_assert_max_num_queries
):
    from consultations.models import PolicyArea

    settings.CIVIC_PAGE_CACHE_URL_NAMES = set()  # measure the view, not the cache
    areas = list(PolicyArea.objects.all()[:2])
    for resolution in published(council, staff_user, count):
        resolution.subjects.set(areas)
    for url in (
        reverse("councils:resolution_list", kwargs={"slug": council.slug}),
        reverse("councils:resolution_search"),
    ):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
