"""Site-wide form rendering in the gov.br Design System style."""

from django.forms.renderers import TemplatesSetting


class GovBrFormRenderer(TemplatesSetting):
    """Render every Django form with the project's gov.br field templates.

    `{{ form }}` renders an error summary, then each field through
    `forms/govbr/field.html`: label (with a required marker), the widget inside
    the matching gov.br wrapper (br-input, br-checkbox, br-radio, br-textarea,
    native select), help text and errors linked by `aria-describedby`, and
    `aria-invalid` on fields with errors. Widget templates stay Django's own, so
    typed values survive a failed submission and the admin is unaffected.
    """

    form_template_name = "forms/govbr/form.html"
    field_template_name = "forms/govbr/field.html"
