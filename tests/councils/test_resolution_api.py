"""`/api/v1/resolucoes/` and the open-data files of resolutions: public acts
only (no draft), filters, and no personal data of anyone."""

import json

import pytest
from django.urls import reverse

from civic.open_data import datasets
from councils.models import Mandate
from tests.factories.councils import ResolutionFactory

from .resolution_support import approved_item, publish, published

pytestmark = pytest.mark.django_db
API = "/api/v1/resolucoes/"


@pytest.fixture
def corpus(council, other_council, secretary, staff_user):
    item = approved_item(council)
    plan = publish(
        ResolutionFactory(
            council=council,
            title="Aprova o Plano Municipal de Assistência Social",
            meeting=item.meeting,
            agenda_item=item,
        ),
        secretary,
    )
    plan.subjects.set([_area("assistencia-social")])
    revoking = ResolutionFactory(council=council, title="Revoga o plano antigo")
    revoking.revokes.add(plan)
    revoking = publish(revoking, secretary)
    theirs = published(other_council, staff_user, 1, title="Aprova as contas")[0]
    draft = ResolutionFactory(council=council, title="Minuta que ninguém vê")
    return {"plan": plan, "revoking": revoking, "theirs": theirs, "draft": draft}


def _area(slug):
    from consultations.models import PolicyArea

    return PolicyArea.objects.filter(slug=slug).first() or PolicyArea.objects.first()


def personal_data(council) -> list[str]:
    """Emails, names and CPFs of the council's members and secretaries."""
    people = [m.person for m in Mandate.objects.filter(council=council)]
    people += list(council.secretaries.all())
    values = []
    for person in people:
        values += [person.email, person.full_name]
        values += [v for v in (getattr(person, "cpf", ""),) if v]
    return [v for v in values if v]


def test_list_has_public_resolutions_only(client, corpus):
    body = client.get(API).json()
    titles = {item["ementa"] for item in body["items"]}
    assert corpus["draft"].title not in titles
    assert body["count"] == 3
    item = next(i for i in body["items"] if i["ementa"] == corpus["plan"].title)
    assert item["situacao"] == "revoked"
    assert item["identificacao"] == corpus["plan"].display_number
    assert item["pdf"].endswith(f"/{corpus['plan'].number}.pdf")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"conselho": "cmas"}, {"plan", "revoking"}),
        ({"q": "contas"}, {"theirs"}),
        ({"q": "assistencia"}, {"plan"}),
        ({"assunto": "nao-existe"}, set()),
        ({"conselho": "nao-existe"}, set()),
        ({"ano": 1999}, set()),
    ],
)
def test_list_filters(client, corpus, params, expected):
    body = client.get(API, params).json()
    titles = {item["ementa"] for item in body["items"]}
    assert titles == {corpus[name].title for name in expected}


@pytest.mark.parametrize(
    "params",
    [{"ano": "abc"}, {"ano": 10**30}, {"conselho": "a b"}, {"q": "x" * 500}],
)
def test_bad_filters_are_422(client, corpus, params):
    assert client.get(API, params).status_code == 422


def test_detail_with_links(client, corpus):
    plan, revoking = corpus["plan"], corpus["revoking"]
    body = client.get(f"{API}cmas/{plan.year}/{plan.number}/").json()
    assert body["texto"] == plan.body
    assert body["revogada_por"][0]["identificacao"] == revoking.display_number
    assert body["reuniao"]["data"]
    assert body["item_de_pauta"] == plan.agenda_item.title
    assert client.get(f"{API}cmas/{plan.year}/999/").status_code == 404
    assert client.get(f"{API}nao-existe/{plan.year}/1/").status_code == 404
    assert client.get(f"{API}cmas/{plan.year}/99999999999999999999/").status_code in (
        404,
        422,
    )


def test_list_query_count_is_constant(
    client, council, staff_user, django_assert_max_num_queries
):
    published(council, staff_user, 30)
    with django_assert_max_num_queries(6):
        assert client.get(API, {"limit": 100}).status_code == 200


def test_dataset_is_in_the_catalogue(client):
    slugs = {d.slug for d in datasets()}
    assert "resolucoes-dos-conselhos" in slugs
    page = client.get(reverse("open_data")).content.decode()
    assert reverse("councils:open_data_resolutions_csv") in page


def test_open_data_files(client, corpus):
    csv_text = b"".join(
        client.get(reverse("councils:open_data_resolutions_csv")).streaming_content
    ).decode("utf-8-sig")
    assert corpus["plan"].display_number in csv_text
    assert corpus["draft"].title not in csv_text
    data = json.loads(
        b"".join(
            client.get(reverse("councils:open_data_resolutions_json")).streaming_content
        )
    )
    assert len(data["results"]) == 3
    row = next(r for r in data["results"] if r["ementa"] == corpus["revoking"].title)
    assert row["revoga"] == [corpus["plan"].display_number]


def test_no_personal_data_anywhere(client, corpus, council):
    texts = [
        client.get(API).content.decode(),
        client.get(
            f"{API}cmas/{corpus['plan'].year}/{corpus['plan'].number}/"
        ).content.decode(),
        b"".join(
            client.get(reverse("councils:open_data_resolutions_csv")).streaming_content
        ).decode("utf-8-sig"),
        b"".join(
            client.get(reverse("councils:open_data_resolutions_json")).streaming_content
        ).decode(),
    ]
    secrets = personal_data(council)
    assert secrets
    for text in texts:
        for secret in secrets:
            assert secret not in text
        assert "@" not in text.replace("@context", "")
