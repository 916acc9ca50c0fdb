"""Django admin (superusers only, see civic/adminsite.py) for accounts."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AccountDeletion, Consent, User


class ConsentInline(admin.TabularInline):
    model = Consent
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = [
        "document",
        "version",
        "accepted_at",
        "ip_address",
        "channel",
        "recorded_by",
        "revoked_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Accounts, without the password hash. Passwords change only through allauth."""

    list_display = [
        "email",
        "full_name",
        "is_active",
        "is_managed",
        "is_superuser",
        "date_joined",
    ]
    list_filter = ["is_active", "is_managed", "is_superuser", "is_staff", "groups"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    readonly_fields = ["date_joined", "last_login", "deleted_at"]
    filter_horizontal = ["groups", "user_permissions"]
    inlines = [ConsentInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name"]}),
        (
            _("Dados pessoais opcionais"),
            {"fields": ["cpf", "phone", "bairro", "language"]},
        ),
        (
            _("Acesso"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Datas"), {"fields": ["date_joined", "last_login", "deleted_at"]}),
    ]

    def has_add_permission(self, request):
        # New accounts come from sign-up (with consent records) or createsuperuser.
        return False

    def has_delete_permission(self, request, obj=None):
        # Hard deletion would take public contributions with it; erasure is the
        # person's own "Excluir conta" page or civic.accounts.services.account_erase.
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Evidence records: nobody edits them by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "document",
        "version",
        "accepted_at",
        "ip_address",
        "channel",
        "recorded_by",
    ]
    list_filter = ["document", "version", "channel"]
    search_fields = ["user__email"]
    list_select_related = ["user", "recorded_by"]


@admin.register(AccountDeletion)
class AccountDeletionAdmin(ReadOnlyAdmin):
    list_display = ["user_id_erased", "requested_at", "by_self"]
    list_filter = ["by_self"]
