"""Editorial pages of the site and the settings editors change in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock, HighlightBlock

INTRO_FEATURES = ["bold", "italic", "link"]


class HomePage(Page):
    """The root of the public site: a hero, highlights and free content."""

    hero_title = models.CharField(
        _("título de destaque"),
        max_length=200,
        blank=True,
        help_text=_("Se vazio, usa o título da página."),
    )
    intro = RichTextField(
        _("introdução"), blank=True, features=INTRO_FEATURES, max_length=1000
    )
    hero_cta_label = models.CharField(
        _("texto do botão de destaque"), max_length=80, blank=True
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("página do botão de destaque"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    highlights = StreamField(
        [("highlight", HighlightBlock())],
        verbose_name=_("destaques"),
        blank=True,
        max_num=6,
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("conteúdo"), blank=True)

    max_count = 1
    # Only the tree root may hold the home page; it is the root of the Site.
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("intro"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Destaque principal"),
        ),
        FieldPanel("highlights"),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_title"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("página inicial")
        verbose_name_plural = _("páginas iniciais")


class StandardPage(Page):
    """A plain editorial page: about, terms, privacy, accessibility."""

    intro = RichTextField(
        _("introdução"), blank=True, features=INTRO_FEATURES, max_length=1000
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("conteúdo"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("página padrão")
        verbose_name_plural = _("páginas padrão")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them: shown in the footer and legal pages.

    The defaults describe the Prefeitura de Betim; editors change them in the
    admin (Configurações > Configurações do site) without a deploy.
    """

    site_name = models.CharField(
        _("nome do site"), max_length=100, default="Participa Betim"
    )
    city_hall_name = models.CharField(
        _("prefeitura"), max_length=150, default="Prefeitura de Betim"
    )
    organisation = models.CharField(
        _("órgão responsável"),
        max_length=200,
        default="Secretaria Municipal de Governo",
    )
    department = models.CharField(
        _("unidade responsável"),
        max_length=200,
        blank=True,
        default="Superintendência de Relacionamento com a Sociedade Civil",
    )
    address = models.TextField(
        _("endereço"),
        blank=True,
        default=(
            "Centro Administrativo: Rua Pará de Minas, 640, Brasiléia, "
            "Betim - MG, CEP 32600-414"
        ),
    )
    phone = models.CharField(
        _("telefone"), max_length=40, blank=True, default="(31) 3512-3000"
    )
    email = models.EmailField(
        _("e-mail de contato"), blank=True, default="participa@betim.mg.gov.br"
    )
    opening_hours = models.CharField(
        _("horário de atendimento"),
        max_length=200,
        blank=True,
        default="Segunda a sexta-feira, das 8h às 17h",
    )

    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    x_url = models.URLField(_("X (antigo Twitter)"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    whatsapp_url = models.URLField(
        _("WhatsApp"), blank=True, help_text=_("Endereço wa.me do canal oficial.")
    )

    # LGPD art. 41 §1: the identity and contact of the encarregado are public.
    dpo_name = models.CharField(
        _("encarregado(a) de dados (nome)"),
        max_length=150,
        default="Encarregado(a) pelo Tratamento de Dados Pessoais da Prefeitura de Betim",
        help_text=_(
            "LGPD art. 41: nome publicado no rodapé e na Política de Privacidade."
        ),
    )
    dpo_email = models.EmailField(
        _("encarregado(a) de dados (e-mail)"),
        default="encarregado.lgpd@betim.mg.gov.br",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("city_hall_name"),
                FieldPanel("organisation"),
                FieldPanel("department"),
            ],
            heading=_("Identificação"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contato"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("whatsapp_url"),
            ],
            heading=_("Redes sociais"),
        ),
        MultiFieldPanel(
            [FieldPanel("dpo_name"), FieldPanel("dpo_email")],
            heading=_("Proteção de dados (LGPD)"),
        ),
    ]

    class Meta:
        verbose_name = _("configurações do site")
        verbose_name_plural = _("configurações do site")

    @property
    def social_links(self) -> list[tuple[str, str, str]]:
        """(label, url, Font Awesome brand icon) for each network that has a URL."""
        networks = [
            ("Instagram", self.instagram_url, "fab fa-instagram"),
            ("Facebook", self.facebook_url, "fab fa-facebook-f"),
            ("YouTube", self.youtube_url, "fab fa-youtube"),
            ("X", self.x_url, "fab fa-twitter"),
            ("LinkedIn", self.linkedin_url, "fab fa-linkedin-in"),
            ("WhatsApp", self.whatsapp_url, "fab fa-whatsapp"),
        ]
        return [network for network in networks if network[1]]
