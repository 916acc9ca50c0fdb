import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from home.blocks import CallToActionBlock, CaptionedImageBlock, HighlightBlock
from home.models import HomePage, SiteSettings, StandardPage
from tests.factories.pages import add_standard_page

pytestmark = pytest.mark.django_db


def test_home_page_only_at_tree_root_and_only_once(site_content):
    tree_root = Page.get_first_root_node()
    about = StandardPage.objects.get(slug="sobre")

    assert not HomePage.can_create_at(tree_root)  # max_count = 1, one exists
    assert not HomePage.can_create_at(about)


def test_home_page_can_be_created_at_root_when_none_exists(db):
    assert HomePage.can_create_at(Page.get_first_root_node())


def test_standard_pages_nest_under_home_and_each_other(site_content):
    about = StandardPage.objects.get(slug="sobre")

    assert StandardPage.can_create_at(site_content)
    assert StandardPage.can_create_at(about)


def test_pages_are_searchable_by_their_body_text(site_content):
    page = add_standard_page(
        site_content,
        title="Conselho",
        body=[{"type": "paragraph", "value": "<p>Reunião extraordinária</p>"}],
    )

    results = Page.objects.live().search("extraordinária")

    assert page.pk in [result.pk for result in results]


def test_site_settings_default_to_betim(site_content):
    settings = SiteSettings.objects.get()

    assert settings.organisation == "Secretaria Municipal de Governo"
    assert (
        settings.department
        == "Superintendência de Relacionamento com a Sociedade Civil"
    )
    assert "Rua Pará de Minas, 640" in settings.address
    assert "32600-414" in settings.address
    assert settings.phone == "(31) 3512-3000"
    assert settings.dpo_name
    assert settings.dpo_email


def test_social_links_lists_only_networks_with_an_address():
    settings = SiteSettings(instagram_url="https://instagram.com/x", youtube_url="")

    assert settings.social_links == [
        ("Instagram", "https://instagram.com/x", "fab fa-instagram")
    ]


def test_image_block_requires_alt_text():
    block = CaptionedImageBlock()
    value = block.to_python({"image": None, "alt_text": "", "caption": ""})

    with pytest.raises(ValidationError) as excinfo:
        block.clean(value)

    assert "alt_text" in excinfo.value.block_errors
    assert "image" in excinfo.value.block_errors


@pytest.mark.parametrize("block_class", [CallToActionBlock, HighlightBlock])
def test_link_blocks_need_exactly_one_destination(site_content, block_class):
    block = block_class()
    base = {"title": "Participe", "label": "Participe", "text": ""}

    neither = block.to_python({**base, "page": None, "url": ""})
    both = block.to_python(
        {**base, "page": site_content.pk, "url": "https://betim.mg.gov.br"}
    )
    page_only = block.to_python({**base, "page": site_content.pk, "url": ""})
    url_only = block.to_python({**base, "page": None, "url": "https://betim.mg.gov.br"})

    for value in (neither, both):
        with pytest.raises(StructBlockValidationError):
            block.clean(value)
    assert block.clean(page_only)["page"].pk == site_content.pk
    assert block.clean(url_only)["url"] == "https://betim.mg.gov.br"
