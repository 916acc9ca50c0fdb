"""StreamField blocks shared by every editorial page.

Each block renders through its own template in `templates/blocks/` (the
bakerydemo convention), so other apps can reuse `BaseStreamBlock` and get the
same gov.br markup.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

HEADING_LEVELS = [
    ("h2", _("Título de seção (H2)")),
    ("h3", _("Subtítulo (H3)")),
    ("h4", _("Subtítulo menor (H4)")),
]

# Rich text without h1 (the page title is the only h1, WCAG 1.3.1) and without
# embeds or images, which have their own blocks with required alt text.
RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
]


class HeadingBlock(blocks.StructBlock):
    """A section heading whose level the editor chooses (never h1)."""

    text = blocks.CharBlock(label=_("Texto"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Nível"), choices=HEADING_LEVELS, default="h2", required=True
    )

    class Meta:
        icon = "title"
        label = _("Título")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    """Formatted text: paragraphs, lists, links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Parágrafo")
        template = "blocks/paragraph_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text (e-MAG 3.6, WCAG 1.1.1)."""

    image = ImageChooserBlock(label=_("Imagem"))
    alt_text = blocks.CharBlock(
        label=_("Texto alternativo"),
        max_length=250,
        help_text=_(
            "Descreva o que a imagem mostra para quem não pode vê-la. Obrigatório."
        ),
    )
    caption = blocks.CharBlock(label=_("Legenda"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Crédito"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Imagem")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A highlighted quotation with its author."""

    text = blocks.TextBlock(label=_("Citação"))
    attribute_name = blocks.CharBlock(
        label=_("Autoria"), required=False, max_length=150
    )

    class Meta:
        icon = "openquote"
        label = _("Citação")
        template = "blocks/quote_block.html"


def validate_link(value: str) -> None:
    """A path of this site (/entidades/) or a full http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkBlock(blocks.CharBlock):
    """An address that may be a path of the site (for sections that are not
    Wagtail pages, like /entidades/) or a full external address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault(
            "help_text",
            _("Um endereço do site, como /entidades/, ou completo, como https://…"),
        )
        super().__init__(validators=[validate_link], **kwargs)


class CallToActionBlock(blocks.StructBlock):
    """A button leading to a page or an address, with an optional short text."""

    title = blocks.CharBlock(label=_("Título"), required=False, max_length=150)
    text = blocks.TextBlock(label=_("Texto"), required=False)
    label = blocks.CharBlock(label=_("Texto do botão"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Página"), required=False)
    url = LinkBlock(label=_("Endereço do link"), required=False)

    class Meta:
        icon = "link"
        label = _("Chamada para ação")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        # Exactly one destination, so the button never leads nowhere.
        if bool(value.get("page")) == bool(value.get("url")):
            error = ValidationError(
                _("Escolha uma página ou informe um endereço (apenas um).")
            )
            raise StructBlockValidationError(block_errors={"page": error})
        return value


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable attachment, listed with its format and size."""

    document = DocumentChooserBlock(label=_("Documento"))
    title = blocks.CharBlock(
        label=_("Título do link"),
        required=False,
        max_length=200,
        help_text=_("Se vazio, usa o título do documento."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Documento para download")
        template = "blocks/document_block.html"


class DocumentListBlock(blocks.StructBlock):
    """A titled list of attachments."""

    title = blocks.CharBlock(label=_("Título"), required=False, max_length=150)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documentos"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Lista de documentos")
        template = "blocks/document_list_block.html"


class AccordionItemBlock(blocks.StructBlock):
    """A question and its answer, collapsible (FAQ)."""

    question = blocks.CharBlock(label=_("Pergunta"), max_length=250)
    answer = ParagraphBlock(label=_("Resposta"))

    class Meta:
        icon = "help"
        label = _("Pergunta frequente")
        template = "blocks/accordion_item_block.html"


class AccordionBlock(blocks.StructBlock):
    """A group of questions and answers (FAQ)."""

    title = blocks.CharBlock(label=_("Título"), required=False, max_length=150)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Perguntas"))

    class Meta:
        icon = "list-ul"
        label = _("Perguntas frequentes")
        template = "blocks/accordion_block.html"


class VideoEmbedBlock(blocks.StructBlock):
    """An embedded video or post, always with a title and a direct link."""

    embed = EmbedBlock(
        label=_("Endereço do conteúdo"),
        help_text=_("Por exemplo, o endereço de um vídeo no YouTube."),
    )
    title = blocks.CharBlock(
        label=_("Título"),
        max_length=200,
        help_text=_("Descreve o conteúdo para leitores de tela (WCAG 4.1.2)."),
    )
    transcript = blocks.TextBlock(
        label=_("Transcrição ou descrição"),
        required=False,
        help_text=_("Alternativa em texto para quem não pode ver ou ouvir o vídeo."),
    )

    class Meta:
        icon = "media"
        label = _("Vídeo ou conteúdo incorporado")
        template = "blocks/embed_block.html"


class DataProtectionOfficerBlock(blocks.StaticBlock):
    """The encarregado's name and email, always the current ones from site settings."""

    class Meta:
        icon = "user"
        label = _("Contato do(a) encarregado(a) de dados")
        admin_text = _(
            "Mostra o nome e o e-mail do(a) encarregado(a) definidos nas "
            "configurações do site (LGPD, art. 41)."
        )
        template = "blocks/dpo_contact_block.html"


class SiteContactBlock(blocks.StaticBlock):
    """The responsible body's address, phone, email and hours, from site settings."""

    class Meta:
        icon = "mail"
        label = _("Contato da Prefeitura")
        admin_text = _(
            "Mostra o órgão responsável, endereço, telefone, e-mail e horário "
            "definidos nas configurações do site."
        )
        template = "blocks/site_contact_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks an editor can use in the body of any editorial page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    document_list = DocumentListBlock()
    accordion = AccordionBlock()
    embed = VideoEmbedBlock()
    dpo_contact = DataProtectionOfficerBlock()
    site_contact = SiteContactBlock()


class HighlightBlock(blocks.StructBlock):
    """A card on the home page leading to a section of the site."""

    title = blocks.CharBlock(label=_("Título"), max_length=120)
    text = blocks.TextBlock(label=_("Texto"), required=False, max_length=300)
    icon = blocks.CharBlock(
        label=_("Ícone"),
        required=False,
        max_length=40,
        help_text=_(
            "Nome de um ícone Font Awesome 5 sólido, por exemplo: users, landmark."
        ),
    )
    page = blocks.PageChooserBlock(label=_("Página"), required=False)
    url = LinkBlock(label=_("Endereço do link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Destaque")
        template = "blocks/highlight_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            error = ValidationError(
                _("Escolha uma página ou informe um endereço (apenas um).")
            )
            raise StructBlockValidationError(block_errors={"page": error})
        return value
