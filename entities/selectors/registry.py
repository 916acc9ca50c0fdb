"""Reads of the registry's private side: the representatives' dashboard, claims,
invitations, and the review pages of the admin."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from civic.territory.models import Bairro

from ..models import Claim, Document, Entity, EntityEvent, Invitation, Representative


def _with_current_documents(entities: QuerySet[Entity]) -> QuerySet[Entity]:
    return entities.prefetch_related(
        Prefetch(
            "documents", queryset=Document.objects.current(), to_attr="current_docs"
        )
    )


def entities_of_representative(*, user) -> QuerySet[Entity]:
    """The entities a person represents, for their list: current documents and
    whether the person is the primary representative (`user_is_primary`)."""
    primary = Representative.objects.filter(
        entity=OuterRef("pk"), user=user, is_primary=True
    )
    return _with_current_documents(
        Entity.objects.represented_by(user)
        .select_related("legal_nature")
        .annotate(user_is_primary=Exists(primary))
        .order_by("name")
    )


def entities_for_pages() -> QuerySet[Entity]:
    """What every private page of an entity loads; each page adds what it shows."""
    return Entity.objects.select_related("legal_nature")


def entities_for_dashboard() -> QuerySet[Entity]:
    """Entities with what the dashboard shows: places, areas, current documents."""
    return _with_current_documents(
        Entity.objects.select_related("legal_nature", "main_cnae").prefetch_related(
            "areas", "regionais", "bairros"
        )
    )


def entity_for_profile_form(*, pk: int) -> Entity:
    """A fresh copy of the entity for its profile form, so a rejected form never
    alters the entity the page shows (breadcrumbs, title)."""
    return (
        Entity.objects.select_related("main_cnae")
        .prefetch_related("areas", "publics", "regionais", "bairros")
        .get(pk=pk)
    )


def entity_by_slug(*, slug: str) -> Entity | None:
    return Entity.objects.filter(slug=slug).first()


def entity_for_review(*, pk: int) -> Entity:
    """A registration with everything the admin's review page shows."""
    return (
        Entity.objects.select_related("legal_nature", "main_cnae")
        .prefetch_related(
            "areas",
            "publics",
            "regionais",
            Prefetch("bairros", queryset=Bairro.objects.select_related("regional")),
            "board_members",
        )
        .get(pk=pk)
    )


def entity_history(*, entity: Entity, limit: int | None = None) -> list[EntityEvent]:
    """The entity's history, newest first."""
    events = EntityEvent.objects.filter(entity=entity).select_related("actor")
    return list(events.order_by("-created_at", "-pk")[:limit])


def entity_documents(*, entity: Entity) -> list[Document]:
    """Every version of every document, by type, the newest version first."""
    return list(
        Document.objects.filter(entity=entity)
        .select_related("uploaded_by")
        .order_by("doc_type", "-uploaded_at", "-pk")
    )


def entity_document(*, entity_id: int, pk) -> Document | None:
    """One document of this entity (None when it belongs to another)."""
    return (
        Document.objects.select_related("entity")
        .filter(entity_id=entity_id, pk=pk)
        .first()
    )


def entity_representatives(*, entity: Entity) -> list[Representative]:
    """Who represents the entity, the primary representative first."""
    return list(
        Representative.objects.filter(entity=entity)
        .select_related("user")
        .order_by("-is_primary", "added_at", "pk")
    )


def entity_representative(*, entity: Entity, pk=None, user=None):
    """One representative of this entity, by id or by account (or None)."""
    representatives = Representative.objects.select_related("user", "entity")
    if user is not None:
        return representatives.filter(entity=entity, user=user).first()
    return representatives.filter(entity=entity, pk=pk or 0).first()


def has_representatives(*, entity: Entity) -> bool:
    return Representative.objects.filter(entity=entity).exists()


def open_invitations(*, entity: Entity) -> list[Invitation]:
    """Invitations still waiting for an answer, newest first."""
    waiting = Invitation.objects.filter(
        entity=entity, accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("-created_at")
    return [invitation for invitation in waiting if invitation.is_open]


def entity_invitation(*, entity: Entity, pk) -> Invitation | None:
    return Invitation.objects.filter(entity=entity, pk=pk or 0).first()


def invitation_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("entity", "invited_by")
        .filter(token=token[:64])
        .first()
    )


def pending_claims_of(*, user) -> list[Claim]:
    """The person's claims still waiting for a decision, newest first."""
    return list(
        Claim.objects.filter(claimant=user, status=Claim.Status.PENDING)
        .select_related("entity")
        .order_by("-created_at")
    )


def pending_claim(*, entity: Entity, user) -> Claim | None:
    return Claim.objects.filter(
        entity=entity, claimant=user, status=Claim.Status.PENDING
    ).first()


def claim_with_entity(*, pk) -> Claim | None:
    return Claim.objects.select_related("entity").filter(pk=pk).first()


def claim_for_review(*, pk: int) -> Claim:
    """A claim with its entity and the people involved, for the admin."""
    return Claim.objects.select_related("entity", "claimant", "decided_by").get(pk=pk)


def entity_claims(*, entity: Entity, exclude: Claim | None = None) -> list[Claim]:
    """Every claim on the entity, newest first (`exclude` one of them)."""
    claims = Claim.objects.filter(entity=entity).select_related("claimant")
    if exclude is not None:
        claims = claims.exclude(pk=exclude.pk)
    return list(claims.order_by("-created_at"))
