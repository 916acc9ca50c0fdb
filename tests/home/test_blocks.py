"""Every StreamField block renders through its own gov.br template."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories.pages import add_standard_page

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=betim123"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def image(media_root):
    return get_image_model().objects.create(
        title="Praça", file=get_test_image_file("praca.png")
    )


@pytest.fixture
def document(media_root):
    doc = get_document_model()(title="Ata da reunião")
    doc.file.save("ata.pdf", ContentFile(b"%PDF-1.4 ata"), save=False)
    doc.file_size = doc.file.size  # the admin's upload view sets it
    doc.save()
    return doc


@pytest.fixture
def video_embed(db):
    """A cached embed, so rendering never calls the provider (no network in tests)."""
    return Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/betim123" title="Vídeo"></iframe>',
    )


@pytest.fixture
def full_page(site_content, image, document, video_embed):
    about = site_content.get_children().get(slug="sobre")
    return add_standard_page(
        site_content,
        title="Todos os blocos",
        body=[
            {"type": "heading", "value": {"text": "Seção de teste", "level": "h3"}},
            {"type": "paragraph", "value": '<p>Texto com <a href="/x/">link</a>.</p>'},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Praça Tiradentes com árvores",
                    "caption": "Praça no centro",
                    "attribution": "Foto: Prefeitura",
                },
            },
            {
                "type": "quote",
                "value": {"text": "Participar é direito.", "attribute_name": "Cidadã"},
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Conheça",
                    "text": "",
                    "label": "Saiba mais",
                    "page": about.pk,
                    "url": "",
                },
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {
                "type": "accordion",
                "value": {
                    "title": "Dúvidas",
                    "items": [
                        {
                            "question": "Quem pode participar?",
                            "answer": "<p>Qualquer pessoa.</p>",
                        }
                    ],
                },
            },
            {
                "type": "embed",
                "value": {
                    "embed": VIDEO_URL,
                    "title": "Audiência gravada",
                    "transcript": "Fala da abertura.",
                },
            },
            {"type": "dpo_contact", "value": None},
            {"type": "site_contact", "value": None},
        ],
    )


def test_every_block_renders_its_template(client, full_page):
    response = client.get(full_page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h3>Seção de teste</h3>" in html
    assert '<a href="/x/">link</a>' in html
    assert re.search(r'<img [^>]*alt="Praça Tiradentes com árvores"', html)
    assert "<figcaption>Praça no centro" in html
    assert "Foto: Prefeitura" in html
    assert "<blockquote><p>Participar é direito.</p></blockquote>" in html
    assert re.search(
        r'<a class="br-button primary" href="/sobre/">Saiba mais</a>', html
    )
    assert "Ata da reunião" in html
    assert "(PDF, 12\xa0bytes)" in html
    assert '<details class="faq-item">' in html
    assert "<summary>Quem pode participar?</summary>" in html
    assert "youtube-nocookie.com/embed/betim123" in html
    assert "Audiência gravada" in html
    assert "Fala da abertura." in html
    assert "encarregado.lgpd@betim.mg.gov.br" in html
    assert "Rua Pará de Minas, 640" in html


def _text_body(count):
    blocks = []
    for number in range(count):
        blocks.append(
            {"type": "heading", "value": {"text": f"Seção {number}", "level": "h2"}}
        )
        blocks.append({"type": "paragraph", "value": f"<p>Parágrafo {number}</p>"})
    return blocks


def test_text_blocks_add_no_queries(
    client, site_content, settings, django_assert_num_queries
):
    settings.CIVIC_PAGE_CACHE_ENABLED = False
    short = add_standard_page(site_content, title="Curta", body=_text_body(1))
    long = add_standard_page(site_content, title="Longa", body=_text_body(40))
    short_url, long_url = short.url, long.url

    with CaptureQueriesContext(connection) as short_queries:
        client.get(short_url)
    with django_assert_num_queries(len(short_queries)):
        response = client.get(long_url)

    assert "Parágrafo 39" in response.content.decode()
