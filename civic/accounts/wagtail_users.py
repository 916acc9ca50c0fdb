"""User management in the Wagtail admin (/admin/users/).

Wagtail's stock forms expect first_name/last_name and offer password fields;
our User has `full_name`, and passwords are set only through allauth. Deleting a
user here erases the personal data and keeps the anonymous row, exactly like the
person's own "Excluir conta" page, so public contributions keep their author.
"""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.users.views import users as wagtail_user_views
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from .models import User
from .services import account_erase


class CivicUserForm(forms.ModelForm):
    """Email, name, status and roles. No password: people set it through allauth."""

    required_css_class = "required"

    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    is_superuser = forms.BooleanField(
        label=_("Administrador(a)"),
        required=False,
        help_text=_("Acesso total a todo o conteúdo e configurações."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Grupos"),
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["email", "full_name", "is_active", "is_superuser", "groups"]

    def __init__(self, *args, editing_self=False, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if editing_self:
            # Nobody locks themselves out or drops their own rights by accident.
            self.fields.pop("is_active", None)
            self.fields.pop("is_superuser", None)
        elif for_user is not None and not for_user.is_superuser:
            # Only a superuser can make another superuser. Disabled rather than
            # removed: Wagtail's templates render this field unconditionally.
            self.fields["is_superuser"].disabled = True

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Já existe uma conta com este e-mail."), code="email_taken"
            )
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        if user.pk is None:
            # The person chooses a password with "Esqueci minha senha".
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class CivicUserCreationForm(CivicUserForm):
    class Meta(CivicUserForm.Meta):
        fields = ["email", "full_name", "is_superuser", "groups"]


class _ForUserKwargMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class CreateView(_ForUserKwargMixin, wagtail_user_views.CreateView):
    pass


class EditView(_ForUserKwargMixin, wagtail_user_views.EditView):
    def get_page_subtitle(self):
        return self.object.display_name


class DeleteView(wagtail_user_views.DeleteView):
    """Erase instead of deleting the row."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("accounts.erase_account", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def delete_action(self):
        account_erase(user=self.object, by=self.request.user)


class EraseUsersBulkAction(DeleteBulkAction):
    """Bulk "delete" on the user list erases each account instead."""

    def check_perm(self, obj):
        return super().check_perm(obj) and self.request.user.has_perm(
            "accounts.erase_account", obj
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "by": self.request.user}

    @classmethod
    def execute_action(cls, objects, model=None, by=None, **kwargs):
        for user in objects:
            account_erase(user=user, by=by)
        return len(objects), 0


class CivicUserViewSet(wagtail_user_views.UserViewSet):
    """Wagtail's user viewset with our forms and erasure instead of deletion."""

    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    create_template_name = "accounts/wagtail_users/create.html"
    edit_template_name = "accounts/wagtail_users/edit.html"

    def get_form_class(self, for_update=False):
        return CivicUserForm if for_update else CivicUserCreationForm
