"""civic.forms.GovBrFormRenderer: any Django form renders as gov.br fields."""

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe

from civic.forms import GovBrFormRenderer


class ContributionForm(forms.Form):
    name = forms.CharField(label="Nome", help_text="Como aparece na contribuição.")
    email = forms.EmailField(label="E-mail", required=False)
    text = forms.CharField(label="Contribuição", widget=forms.Textarea)
    position = forms.ChoiceField(
        label="Posição",
        choices=[("a", "Concordo"), ("d", "Discordo")],
        widget=forms.RadioSelect,
    )
    topics = forms.MultipleChoiceField(
        label="Temas",
        required=False,
        choices=[("s", "Saúde"), ("e", "Educação")],
        widget=forms.CheckboxSelectMultiple,
    )
    bairro = forms.ChoiceField(label="Bairro", choices=[("", "---"), ("1", "Centro")])
    accept = forms.BooleanField(
        label=mark_safe('Li e aceito os <a href="/termos-de-uso/">termos</a>')
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        if self.cleaned_data.get("name") == "Bloqueado":
            raise forms.ValidationError("Envio não permitido.")
        return self.cleaned_data


def _field_html(html, field_id):
    """The field group whose widget has this id."""
    start = html.rindex('<div class="govbr-field', 0, html.index(f'id="{field_id}"'))
    return html[
        start : html.index('<div class="govbr-field', start + 1)
        if '<div class="govbr-field' in html[start + 1 :]
        else len(html)
    ]


def test_project_uses_the_gov_br_renderer(settings):
    assert settings.FORM_RENDERER == "civic.forms.GovBrFormRenderer"
    assert isinstance(ContributionForm().renderer, GovBrFormRenderer)


def test_unbound_form_renders_labels_wrappers_and_required_markers():
    html = str(ContributionForm())

    assert re.search(
        r'<div class="br-input">\s*<label for="id_name">Nome<span class="required-marker" aria-hidden="true"> \*</span></label>\s*<input type="text" name="name" required aria-describedby="id_name_helptext" id="id_name">',
        html,
    )
    assert (
        '<div class="help-text" id="id_name_helptext">Como aparece na contribuição.</div>'
        in html
    )
    assert '<label for="id_email">E-mail</label>' in html  # optional: no marker
    assert re.search(r'<div class="br-textarea">\s*<label for="id_text">', html)
    assert re.search(
        r'<fieldset class="govbr-field govbr-fieldset"[^>]*>\s*<legend class="govbr-label">Posição',
        html,
    )
    assert re.search(
        r'<div class="br-radio">\s*<input type="radio" name="position" value="a"[^>]*id="id_position_0"[^>]*>\s*<label for="id_position_0">Concordo</label>',
        html,
    )
    assert re.search(
        r'<div class="br-checkbox">\s*<input type="checkbox" name="topics" value="s"[^>]*>\s*<label for="id_topics_0">Saúde</label>',
        html,
    )
    assert re.search(
        r'<div class="br-input govbr-select">\s*<label for="id_bairro">Bairro.*?</label>\s*<select name="bairro"',
        html,
        re.S,
    )
    assert re.search(
        r'<div class="br-checkbox">\s*<input type="checkbox" name="accept"[^>]*>\s*<label for="id_accept">Li e aceito os <a href="/termos-de-uso/">termos</a>',
        html,
    )
    assert re.search(r'<input type="hidden" name="token"', html)
    assert "br-message" not in html  # no error summary before submitting


def test_errors_sit_beside_their_fields_and_typed_values_survive():
    form = ContributionForm(
        data={
            "name": "Ana",
            "email": "não-é-email",
            "text": "Minha proposta",
            "bairro": "1",
        }
    )

    assert not form.is_valid()
    html = str(form)

    email = _field_html(html, "id_email")
    assert '<div class="br-input danger">' in email
    assert re.search(
        r'<input type="email" name="email" value="não-é-email"[^>]*aria-invalid="true"[^>]*aria-describedby="id_email_error"',
        email,
    )
    assert re.search(
        r'<span class="feedback danger" id="id_email_error">.*Informe um endereço de email válido\.',
        email,
        re.S,
    )
    assert 'value="Ana"' in html
    assert "Minha proposta</textarea>" in html
    assert re.search(r'<option value="1" selected>Centro</option>', html)

    assert re.search(
        r'<fieldset class="govbr-field govbr-fieldset has-error"[^>]*aria-describedby="id_position_error"',
        html,
    )
    assert '<a href="#id_position_0">Posição: Este campo é obrigatório.</a>' in html
    assert (
        '<a href="#id_email">E-mail: Informe um endereço de email válido.</a>' in html
    )
    # A label with a link must not nest anchors inside the summary's link.
    assert (
        '<a href="#id_accept">Li e aceito os termos: Este campo é obrigatório.</a>'
        in html
    )
    assert '<span class="feedback danger" id="id_position_error">' in html
    assert re.search(
        r'<div class="br-checkbox invalid">\s*<input type="checkbox" name="accept"[^>]*aria-invalid="true"',
        html,
    )


def test_error_summary_links_to_each_invalid_field_and_shows_top_errors():
    form = ContributionForm(
        data={
            "name": "Bloqueado",
            "text": "x",
            "position": "a",
            "bairro": "1",
            "accept": "on",
        }
    )

    assert not form.is_valid()
    html = str(form)

    assert re.search(
        r'<div class="br-message danger form-error-summary" role="alert">', html
    )
    assert "Envio não permitido." in html
    assert (
        "(Campo oculto token) Este campo é obrigatório." in html
    )  # hidden: in top errors
    assert "form-error-links" not in html  # no visible field has an error


def test_field_group_template_is_usable_field_by_field():
    form = ContributionForm(data={})
    form.is_valid()

    html = form["name"].as_field_group()

    assert '<div class="govbr-field has-error">' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html


@pytest.mark.parametrize(
    "widget", [forms.ClearableFileInput, forms.NumberInput, forms.DateInput]
)
def test_other_widgets_fall_back_to_br_input(widget):
    class OneField(forms.Form):
        value = forms.CharField(label="Valor", widget=widget)

    html = str(OneField())

    assert re.search(
        r'<div class="br-input( govbr-file)?">\s*<label for="id_value">Valor', html
    )
