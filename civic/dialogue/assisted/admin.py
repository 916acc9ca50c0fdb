"""The desk's audit trail and claim invitations in the Django admin
(superusers): read-only evidence, written only by the services."""

from django.contrib import admin

from civic.accounts.admin import ReadOnlyAdmin

from .models import AssistedAction, ClaimInvite


@admin.register(AssistedAction)
class AssistedActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor", "person", "object_label"]
    list_filter = ["action"]
    search_fields = ["actor__full_name", "person__full_name", "object_label"]
    list_select_related = ["actor", "person"]
    date_hierarchy = "created_at"


@admin.register(ClaimInvite)
class ClaimInviteAdmin(ReadOnlyAdmin):
    list_display = ["person", "created_by", "created_at", "expires_at", "used_at"]
    exclude = ["code_digest"]
    list_select_related = ["person", "created_by"]
