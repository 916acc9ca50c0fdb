"""gov.br DS components whose markup every page writes the same way, taking the
page's own markup as their body:

    {% load components %}
    {% card title=_("Dados principais") id="summary-title" %}
      <dl>…</dl>
    {% cardfooter %}
      <a class="br-button secondary" href="…">…</a>
    {% endcard %}

    {% table rows=members caption=_("Membros da diretoria") empty=_("Nenhum membro.") %}
      <thead>…</thead>
      <tbody>{% for member in members %}…{% endfor %}</tbody>
    {% endtable %}
"""

from django import template
from django.template.base import token_kwargs
from django.template.context import Context
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailadmin_tags import BlockInclusionNode

register = template.Library()


class CardNode(template.Node):
    """A `br-card` section: a heading (`title`; `id` names it for
    aria-labelledby), the body, and a footer when `{% cardfooter %}` renders
    anything. `anchor` is the section's own id, `footer_class` extra classes of
    the footer."""

    template = "includes/card.html"
    child_nodelists = ("nodelist", "footer")

    def __init__(self, nodelist, footer, extra_context):
        self.nodelist = nodelist
        self.footer = footer
        self.extra_context = extra_context

    def render(self, context):
        values = {
            key: value.resolve(context) for key, value in self.extra_context.items()
        }
        footer = self.footer.render(context).strip() if self.footer else ""
        values.update(
            children=self.nodelist.render(context),
            # Rendered by the template engine, so escaped already.
            footer=mark_safe(footer),  # noqa: S308
        )
        t = context.template.engine.get_template(self.template)
        return t.render(Context(values, autoescape=context.autoescape))


@register.tag("card")
def card(parser, token):
    _tag, *bits = token.split_contents()
    extra_context = token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"card takes keyword arguments only: {bits}")
    nodelist = parser.parse(("cardfooter", "endcard"))
    footer = None
    if parser.next_token().contents == "cardfooter":
        footer = parser.parse(("endcard",))
        parser.delete_first_token()
    return CardNode(nodelist, footer, extra_context)


class TableNode(BlockInclusionNode):
    """A `br-table` with a caption for screen readers around the body (thead,
    tbody), or the `empty` sentence when there are no `rows`. `data_search` is
    written as the DS attribute when given."""

    template = "includes/table.html"


register.tag("table", TableNode.handle)
