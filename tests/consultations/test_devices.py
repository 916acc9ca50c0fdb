"""The draft text split into devices: the parser on a real-looking municipal
bill and its edge cases, and replacing the devices of a draft."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations import services
from consultations.models import ConsultationLog, Device
from consultations.services.devices import (
    MAX_DEVICES,
    devices_as_text,
    parse_devices,
    roman_value,
)
from tests.consultations.consultation_support import BILL_TEXT, S
from tests.factories.consultations import ConsultationFactory

K = Device.Kind


def by_anchor(text):
    return {d.anchor: d for d in parse_devices(text)}


class TestBill:
    """The municipal bill in tests/consultations/data/projeto_de_lei.txt."""

    @pytest.fixture
    def devices(self):
        return parse_devices(BILL_TEXT)

    def test_reading_order_kinds_and_labels(self, devices):
        assert [(d.kind, d.label, d.anchor) for d in devices] == [
            (K.TEXT, "", "trecho-1"),
            (K.TEXT, "", "trecho-2"),
            (K.TEXT, "", "trecho-3"),
            (K.TEXT, "CAPÍTULO I", "trecho-4"),
            (K.ARTICLE, "Art. 1º", "art-1"),
            (K.ARTICLE, "Art. 2º", "art-2"),
            (K.ITEM, "I", "art-2-inc-i"),
            (K.ITEM, "II", "art-2-inc-ii"),
            (K.ITEM, "III", "art-2-inc-iii"),
            (K.SUBITEM, "a)", "art-2-inc-iii-ali-a"),
            (K.SUBITEM, "b)", "art-2-inc-iii-ali-b"),
            (K.SUBITEM, "c)", "art-2-inc-iii-ali-c"),
            (K.PARAGRAPH, "§ 1º", "art-2-par-1"),
            (K.PARAGRAPH, "§ 2º", "art-2-par-2"),
            (K.PARAGRAPH, "§ 3º", "art-2-par-3"),
            (K.TEXT, "CAPÍTULO II", "trecho-5"),
            (K.ARTICLE, "Art. 3º", "art-3"),
            (K.ITEM, "I", "art-3-inc-i"),
            (K.ITEM, "II", "art-3-inc-ii"),
            (K.PARAGRAPH, "Parágrafo único", "art-3-par-unico"),
            (K.ARTICLE, "Art. 10", "art-10"),
            (K.ARTICLE, "Art. 12-A", "art-12-a"),
            (K.ARTICLE, "Art. 13", "art-13"),
        ]
        assert [d.position for d in devices] == list(range(1, len(devices) + 1))

    def test_hierarchy(self, devices):
        devices = {d.anchor: d for d in devices}
        assert devices["art-2"].depth == 0
        assert devices["art-2"].parent is None
        assert devices["art-2-inc-iii"].parent_anchor == "art-2"
        assert devices["art-2-inc-iii"].depth == 1
        assert devices["art-2-inc-iii-ali-b"].parent_anchor == "art-2-inc-iii"
        assert devices["art-2-inc-iii-ali-b"].depth == 2
        assert devices["art-2-par-2"].parent_anchor == "art-2"
        assert devices["art-3-par-unico"].parent_anchor == "art-3"
        # A chapter heading closes the article above it.
        assert devices["trecho-5"].parent is None

    def test_texts(self, devices):
        devices = {d.anchor: d for d in devices}
        # A hard line break inside an article joins the same device.
        assert devices["art-1"].text == (
            "Fica instituída a Política Municipal de Hortas Comunitárias, com o "
            "objetivo de promover a segurança alimentar e o uso social de áreas "
            "públicas ociosas."
        )
        assert devices["art-2-inc-ii"].text.startswith("área ociosa:")
        assert devices["art-2-par-2"].text == (
            "A instalação em escolas dependerá de parecer do conselho escolar."
        )
        assert devices["trecho-4"].text == "DAS DISPOSIÇÕES GERAIS"
        assert devices["art-10"].text.startswith("A Secretaria Municipal")
        assert devices["art-12-a"].text.startswith("As hortas instaladas")

    def test_written_back_it_parses_the_same(self, devices):
        again = parse_devices(devices_as_text(devices))
        assert [
            (d.kind, d.label, d.text, d.anchor, d.parent_anchor) for d in again
        ] == [(d.kind, d.label, d.text, d.anchor, d.parent_anchor) for d in devices]

    def test_same_text_same_anchors(self, devices):
        assert [d.anchor for d in parse_devices(BILL_TEXT)] == [
            d.anchor for d in devices
        ]


@pytest.mark.parametrize(
    "line", ["Art. 1º Texto.", "Art. 1o Texto.", "Art. 1° Texto.", "Art 1º - Texto."]
)
def test_ordinal_variants_give_the_same_article(line):
    (device,) = parse_devices(line)
    assert (device.kind, device.label, device.anchor, device.text) == (
        K.ARTICLE,
        "Art. 1º",
        "art-1",
        "Texto.",
    )


@pytest.mark.parametrize(
    ("line", "label", "anchor", "text"),
    [
        ("Art. 10. O Município", "Art. 10", "art-10", "O Município"),
        ("Art. 12-A. Fica", "Art. 12-A", "art-12-a", "Fica"),
        ("Artigo 5º Fica", "Art. 5º", "art-5", "Fica"),
        ("ART. 7º – Fica", "Art. 7º", "art-7", "Fica"),
        # A spaced dash is punctuation, not "Art. 12-A".
        ("Art. 12 - A Prefeitura", "Art. 12", "art-12", "A Prefeitura"),
    ],
)
def test_article_numbering(line, label, anchor, text):
    (device,) = parse_devices(line)
    assert (device.label, device.anchor, device.text) == (label, anchor, text)


@pytest.mark.parametrize(
    ("line", "label", "anchor"),
    [
        ("§ 2º Texto", "§ 2º", "art-1-par-2"),
        ("§2o Texto", "§ 2º", "art-1-par-2"),
        ("§ 10. Texto", "§ 10", "art-1-par-10"),
        ("Parágrafo único. Texto", "Parágrafo único", "art-1-par-unico"),
        ("PARÁGRAFO ÚNICO - Texto", "Parágrafo único", "art-1-par-unico"),
        ("Paragrafo unico: Texto", "Parágrafo único", "art-1-par-unico"),
    ],
)
def test_paragraphs(line, label, anchor):
    devices = parse_devices(f"Art. 1º Caput.\n{line}")
    assert (devices[1].kind, devices[1].label, devices[1].anchor) == (
        K.PARAGRAPH,
        label,
        anchor,
    )
    assert devices[1].text == "Texto"


def test_incisos_under_a_paragraph_and_dashes():
    devices = by_anchor(
        "Art. 4º Caput:\n§ 1º São diretrizes:\nI - uma;\nII – outra;\nIII—mais uma;\n"
        "IV ‒ e a última."
    )
    for roman in ("i", "ii", "iii", "iv"):
        item = devices[f"art-4-par-1-inc-{roman}"]
        assert item.kind == K.ITEM
        assert item.parent_anchor == "art-4-par-1"
        assert item.depth == 2
    assert devices["art-4-par-1-inc-iii"].text == "mais uma;"


def test_words_made_of_roman_letters_are_not_incisos():
    devices = parse_devices("Art. 1º Caput.\nCIVIL - uma palavra, não um inciso.")
    assert len(devices) == 1
    assert devices[0].text == "Caput. CIVIL - uma palavra, não um inciso."


def test_empty_lines_whitespace_and_windows_line_breaks():
    text = "\r\n\r\n  Art. 1º\u00a0 Fica   criado.  \r\n\r\n\r\n\tArt. 2º Outro.\r\n\n"
    devices = parse_devices(text)
    assert [(d.label, d.text) for d in devices] == [
        ("Art. 1º", "Fica criado."),
        ("Art. 2º", "Outro."),
    ]


def test_marker_alone_on_its_line_takes_the_next_line():
    (device,) = parse_devices("Art. 1º\nFica criado o programa.")
    assert device.text == "Fica criado o programa."


def test_plain_paragraphs_are_passages_outside_the_articles():
    devices = parse_devices(
        "Exposição de motivos.\n\nArt. 1º Fica criado.\n\nTexto depois, sem marcador."
    )
    assert [(d.kind, d.anchor, d.parent_anchor) for d in devices] == [
        (K.TEXT, "trecho-1", None),
        (K.ARTICLE, "art-1", None),
        (K.TEXT, "trecho-2", None),
    ]


def test_a_paragraph_after_a_passage_has_no_article():
    devices = by_anchor("Art. 1º Um.\n\nTexto livre.\n\n§ 1º Solto.")
    assert "par-1" in devices
    assert devices["par-1"].parent is None


def test_repeated_numbers_get_unique_anchors():
    devices = parse_devices("Art. 1º Um.\n\nArt. 1º De novo.\n\nArt. 1º Mais uma vez.")
    assert [d.anchor for d in devices] == ["art-1", "art-1-2", "art-1-3"]


def test_alinea_without_inciso_hangs_from_the_article():
    devices = by_anchor("Art. 9º Caput:\na) primeira;\nb) segunda.")
    assert devices["art-9-ali-a"].parent_anchor == "art-9"
    assert devices["art-9-ali-b"].depth == 1


def test_headings():
    devices = parse_devices(
        "TÍTULO I\n\nDAS DISPOSIÇÕES PRELIMINARES\n\nSeção II - Do conselho\n\n"
        "Capítulo Ideal de coisas"
    )
    assert [(d.label, d.text) for d in devices] == [
        ("TÍTULO I", "DAS DISPOSIÇÕES PRELIMINARES"),
        ("Seção II", "Do conselho"),
        # "Ideal" is not a roman numeral: a plain passage.
        ("", "Capítulo Ideal de coisas"),
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XL", 40), ("XCIX", 99)],
)
def test_roman_values(numeral, value):
    assert roman_value(numeral) == value


@pytest.mark.parametrize("word", ["IIII", "VV", "IC", "CIVIL", "", "LL"])
def test_not_roman(word):
    assert roman_value(word) is None


# devices_replace
# ------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ConsultationFactory(status=S.DRAFT)


def test_replace_stores_the_devices_with_parents(draft, staff_user):
    saved = services.devices_replace(consultation=draft, text=BILL_TEXT, by=staff_user)
    assert len(saved) == 23
    alinea = Device.objects.get(consultation=draft, anchor="art-2-inc-iii-ali-a")
    assert alinea.parent.anchor == "art-2-inc-iii"
    assert alinea.parent.parent.anchor == "art-2"
    assert alinea.depth == 2
    log = ConsultationLog.objects.get(consultation=draft)
    assert (log.action, log.actor) == ("replace_text", staff_user)


def test_replacing_again_swaps_all_devices(draft, staff_user):
    services.devices_replace(consultation=draft, text=BILL_TEXT, by=staff_user)
    services.devices_replace(
        consultation=draft, text="Art. 1º Só um.\nParágrafo único. E só.", by=staff_user
    )
    assert list(
        Device.objects.filter(consultation=draft).values_list("anchor", flat=True)
    ) == ["art-1", "art-1-par-unico"]


@pytest.mark.parametrize("status", [S.SCHEDULED, S.OPEN, S.CLOSED, S.ANSWERED])
def test_the_text_is_frozen_once_scheduled(status, staff_user):
    consultation = ConsultationFactory(status=status)
    with pytest.raises(ValidationError) as error:
        services.devices_replace(
            consultation=consultation, text=BILL_TEXT, by=staff_user
        )
    assert "agendada" in error.value.messages[0]
    assert not Device.objects.filter(consultation=consultation).exists()


def test_only_staff_replace_the_text(draft, citizen, moderator):
    for person in (citizen, moderator):
        with pytest.raises(PermissionDenied):
            services.devices_replace(consultation=draft, text=BILL_TEXT, by=person)


def test_empty_or_oversized_texts_are_refused(draft, staff_user):
    with pytest.raises(ValidationError) as error:
        services.devices_replace(consultation=draft, text="  \n\n ", by=staff_user)
    assert "nenhum dispositivo" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.devices_replace(
            consultation=draft, text="Art. 1º " + "x" * 10_001, by=staff_user
        )
    assert "Art. 1º" in error.value.messages[0]
    too_many = "\n".join(f"Art. {n}. Texto." for n in range(1, MAX_DEVICES + 2))
    with pytest.raises(ValidationError):
        services.devices_replace(consultation=draft, text=too_many, by=staff_user)
