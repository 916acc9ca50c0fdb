"""The `components` template tags: a gov.br DS card and table around the page's
own markup."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context) -> str:
    html = Template("{% load components %}" + source).render(Context(context))
    return " ".join(html.split())


def test_a_card_names_its_heading_and_skips_an_empty_footer():
    html = render(
        '{% card title=title id="facts-title" anchor="fatos" %}<p>Corpo</p>'
        "{% cardfooter %}{% if show %}<a href=/x>Ação</a>{% endif %}{% endcard %}",
        title="Fatos & números",
        show=False,
    )

    assert html == (
        '<section class="br-card mb-4" id="fatos" aria-labelledby="facts-title">'
        ' <div class="card-header"><h2 class="h5 my-0" id="facts-title">'
        "Fatos &amp; números</h2></div>"
        ' <div class="card-content"><p>Corpo</p></div> </section>'
    )


def test_a_card_footer_takes_its_classes():
    html = render(
        '{% card title="Conta" footer_class="d-flex flex-wrap" %}<p>Corpo</p>'
        "{% cardfooter %}<a href=/x>Ação</a>{% endcard %}"
    )

    assert '<h2 class="h5 my-0">Conta</h2>' in html
    assert "aria-labelledby" not in html
    assert '<div class="card-footer d-flex flex-wrap"><a href=/x>Ação</a></div>' in html


def test_a_card_takes_keyword_arguments_only():
    with pytest.raises(TemplateSyntaxError):
        render('{% card "Conta" %}{% endcard %}')


def test_a_table_has_a_caption_for_screen_readers_or_says_it_is_empty():
    source = (
        '{% table rows=rows caption="Membros" empty="Ninguém." data_search="false" %}'
        "<tbody>{% for row in rows %}<tr><td>{{ row }}</td></tr>{% endfor %}</tbody>"
        "{% endtable %}"
    )

    assert render(source, rows=["Ana"]) == (
        '<div class="br-table" data-search="false"> <table>'
        ' <caption class="sr-only">Membros</caption>'
        " <tbody><tr><td>Ana</td></tr></tbody> </table> </div>"
    )
    assert render(source, rows=[]) == "<p>Ninguém.</p>"
