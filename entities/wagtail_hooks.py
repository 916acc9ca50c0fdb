"""The entity registry in the Wagtail admin, under the "Entidades" menu: the review
queue, claims, and the taxonomies staff manage.

The review and claims viewsets are read-only plus workflow actions: records are
created by representatives or the import, and statuses change only through
`entities.services`. Their URL namespaces (`entities_review`, `entities_claims`)
are linked from notifications, so they must not change.
"""

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import (
    BooleanColumn,
    Column,
    DateColumn,
    RelatedObjectsColumn,
    StatusTagColumn,
)
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy

from .filters import AWAITING_REVIEW, ClaimReviewFilterSet, EntityReviewFilterSet
from .models import Area, Claim, Cnae, Entity, LegalNature, PublicServed
from .views import admin as views

# Registered before any viewset asks, so Wagtail never builds a fallback policy.
register_permission_policy(Entity, views.ReviewerPermissionPolicy(Entity))
register_permission_policy(Claim, views.ReviewerPermissionPolicy(Claim))

# Views that do not exist on a read-only viewset; no link may point at them.
NO_VIEWS = ("add", "edit", "delete", "copy", "history", "usage")


class ReadOnlyViewSetMixin:
    """A listing (and an inspect view when enabled), nothing that writes."""

    add_to_reference_index = False
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in NO_VIEWS:
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        """Admin links to a record open its inspect view, the only one there is."""
        inspect_url_name = (
            self.get_url_name("inspect") if self.inspect_view_enabled else None
        )

        class ReadOnlyURLFinder(ModelAdminURLFinder):
            def construct_edit_url(self, instance):
                if inspect_url_name is None:
                    return None
                return reverse(inspect_url_name, args=(quote(instance.pk),))

            def get_edit_url(self, instance):
                policy = policy_registry.get(instance)
                if self.user and not policy.user_has_permission_for_instance(
                    self.user, "view", instance
                ):
                    return None
                return self.construct_edit_url(instance)

        return ReadOnlyURLFinder

    def get_urlpatterns(self):
        urlpatterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if self.inspect_view_enabled:
            urlpatterns.append(
                path("<int:pk>/", self.inspect_view, name="inspect"),
            )
        return urlpatterns


class EntityReviewViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """The review queue: filter, open a registration, decide."""

    model = Entity
    icon = "clipboard-list"
    menu_label = _("Análise de cadastros")
    url_prefix = "entidades/cadastros"
    inspect_view_enabled = True
    index_view_class = views.EntityReviewIndexView
    inspect_view_class = views.EntityReviewView
    filterset_class = EntityReviewFilterSet
    search_fields = ["name", "trade_name", "cnpj"]
    list_per_page = 50
    list_display = [
        "name",
        Column("cnpj_display", label=_("CNPJ"), sort_key="cnpj"),
        "kind",
        StatusTagColumn(
            "get_status_display",
            label=_("Situação"),
            sort_key="status",
            primary=lambda entity: entity.status in AWAITING_REVIEW,
        ),
        Column(
            "get_regularity_display", label=_("Regularidade"), sort_key="regularity"
        ),
        DateColumn("submitted_at", label=_("Enviado em"), sort_key="submitted_at"),
        RelatedObjectsColumn("areas", label=_("Áreas de atuação")),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            document_url_name=self.get_url_name("document"),
            claim_url_name="entities_claims:inspect",
            **kwargs,
        )

    @property
    def document_view(self):
        return self.construct_view(views.EntityDocumentView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/documentos/<int:document_pk>/",
                self.document_view,
                name="document",
            ),
        ]

    def get_permissions_to_register(self):
        """Only the reviewers' permission shows in the group editor."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Entity),
            codename="review_entity",
        )


class ClaimReviewViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Requests to represent an imported entity, pending ones first."""

    model = Claim
    icon = "user"
    menu_label = _("Pedidos de representação")
    url_prefix = "entidades/reivindicacoes"
    inspect_view_enabled = True
    index_view_class = views.ClaimReviewIndexView
    inspect_view_class = views.ClaimReviewView
    filterset_class = ClaimReviewFilterSet
    search_fields = ["entity__name", "claimant__full_name", "claimant__email"]
    list_per_page = 50
    list_display = [
        "entity",
        Column("claimant", label=_("Quem pede")),
        "proof_kind",
        StatusTagColumn(
            "get_status_display",
            label=_("Situação"),
            sort_key="status",
            primary=lambda claim: claim.status == Claim.Status.PENDING,
        ),
        DateColumn("created_at", label=_("Enviado em"), sort_key="created_at"),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            proof_url_name=self.get_url_name("proof"),
            entity_url_name="entities_review:inspect",
            **kwargs,
        )

    @property
    def proof_view(self):
        return self.construct_view(views.ClaimProofView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/comprovante/", self.proof_view, name="proof"),
        ]

    def get_permissions_to_register(self):
        # Deciding claims comes with `review_entity`; there is nothing else to grant.
        return Permission.objects.none()


class TaxonomyViewSet(ModelViewSet):
    """A small list staff keep: name, identifier, and sometimes a description."""

    add_to_reference_index = False
    copy_view_enabled = False
    search_fields = ["name"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(
            self.model,
            form=views.SlugFromNameForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


class AreaViewSet(TaxonomyViewSet):
    model = Area
    icon = "tag"
    menu_label = _("Áreas de atuação")
    url_prefix = "entidades/areas"
    form_fields = ["name", "slug", "description"]
    list_display = ["name", "slug", "description"]


class PublicServedViewSet(TaxonomyViewSet):
    model = PublicServed
    icon = "group"
    menu_label = _("Públicos atendidos")
    url_prefix = "entidades/publicos"
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]


class ReferenceTableViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """A Receita Federal table: staff consult it; the data migration loads it."""

    list_per_page = 100
    search_fields = ["code", "description"]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            codename=f"view_{self.model._meta.model_name}",
        )


class LegalNatureViewSet(ReferenceTableViewSet):
    model = LegalNature
    icon = "list-ul"
    menu_label = _("Naturezas jurídicas")
    url_prefix = "entidades/naturezas-juridicas"
    list_display = [
        Column("code_display", label=_("Código"), sort_key="code"),
        "description",
        BooleanColumn("is_osc", label=_("Típica de OSC"), sort_key="is_osc"),
    ]
    list_filter = ["is_osc"]


class CnaeViewSet(ReferenceTableViewSet):
    model = Cnae
    icon = "list-ol"
    menu_label = _("CNAEs")
    url_prefix = "entidades/cnaes"
    list_display = [
        Column("code_display", label=_("Código"), sort_key="code"),
        "description",
    ]


class EntitiesViewSetGroup(ViewSetGroup):
    menu_label = _("Entidades")
    menu_icon = "site"
    menu_order = 200
    items = (
        EntityReviewViewSet("entities_review"),
        ClaimReviewViewSet("entities_claims"),
        AreaViewSet("entities_areas"),
        PublicServedViewSet("entities_publics"),
        LegalNatureViewSet("entities_legal_natures"),
        CnaeViewSet("entities_cnaes"),
    )


@hooks.register("register_admin_viewset")
def register_entities_viewsets():
    return EntitiesViewSetGroup()
