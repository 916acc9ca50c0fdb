"""Helpers for the gov.br field templates used by civic.forms.GovBrFormRenderer."""

from django import forms, template

register = template.Library()


@register.filter
def govbr_kind(bound_field) -> str:
    """Which gov.br field pattern renders this field's widget.

    One of: hidden, choice-list (radios or checkboxes in a fieldset), checkbox,
    select, textarea, file, input.
    """
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choice-list"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def any_field_errors(fields) -> bool:
    """Whether any visible field of a form's `fields` context has errors."""
    return any(errors for _field, errors in fields)
