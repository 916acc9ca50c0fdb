"""The draft text of a consultation, split into numbered devices (dispositivos).

Staff paste the draft law as plain text; `parse_devices` recognises the markers
of Brazilian legislative drafting (LC 95/1998 art. 10): artigos ("Art. 1º",
"Art. 10.", "Art. 12-A"), parágrafos ("§ 1º", "Parágrafo único."), incisos in
roman numerals followed by a dash ("I -", "II -") and alíneas ("a)"). A block without a marker is a
plain passage (kind "texto"); headings such as "CAPÍTULO I" are passages too,
with the heading kept as their label.

Lines are joined into one device until the next marker or an empty line, so a
text pasted from a PDF with hard line breaks still gives whole devices. Anchors
depend only on the numbering, never on the database, so the same text always
gives the same addresses: "art-1", "art-1-par-2", "art-1-par-unico",
"art-1-inc-iii", "art-1-inc-iii-ali-a", "art-12-a", "trecho-3".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Consultation, Device
from .consultation_workflow import workflow

K = Device.Kind

MAX_DEVICES = 2000
MAX_DEVICE_TEXT = Device._meta.get_field("text").max_length
MAX_LABEL = Device._meta.get_field("label").max_length
MAX_ANCHOR = Device._meta.get_field("anchor").max_length

# Dashes people type between an inciso's number and its text.
_DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2015]"  # hyphens and dashes
# "Art. 1º", "Art 1o", "Art. 1°", "Artigo 10.", "Art. 12-A", "ART. 3º -".
_ARTICLE = re.compile(
    r"^(?:art(?:igo)?\.?)\s*(?P<number>\d{1,4})(?P<ordinal>[º°ºo˚ª])?"
    r"(?:-(?P<letter>[A-Z])(?![A-Za-z]))?"
    r"\s*(?:[.:]|" + _DASH + r")?\s*(?P<text>.*)$",
    re.IGNORECASE,
)
# "§ 1º", "§2o", "§ 10.", "§ 3º-A".
_PARAGRAPH = re.compile(
    r"^§\s*(?P<number>\d{1,3})(?P<ordinal>[º°ºo˚ª])?"
    r"(?:-(?P<letter>[A-Z])(?![A-Za-z]))?"
    r"\s*(?:[.:]|" + _DASH + r")?\s*(?P<text>.*)$"
)
_SOLE_PARAGRAPH = re.compile(
    r"^par[aá]grafo\s+[uú]nico\s*(?:[.:]|" + _DASH + r")?\s*(?P<text>.*)$",
    re.IGNORECASE,
)
# "III - texto", "X-texto", with any dash: a roman numeral and a dash.
_ITEM = re.compile(r"^(?P<roman>[IVXLC]{1,8})\s*" + _DASH + r"\s*(?P<text>.*)$")
# "a) texto".
_SUBITEM = re.compile(r"^(?P<letter>[a-z])\)\s*(?P<text>.*)$")
# "CAPÍTULO I", "TÍTULO II", "Seção III", "SUBSEÇÃO I", "LIVRO I".
_HEADING = re.compile(
    r"^(?P<heading>(?:cap[ií]tulo|t[ií]tulo|subse[cç][aã]o|se[cç][aã]o|livro|parte)"
    r"\s+(?:(?-i:[IVXLC]+)|\d+|[uú]nic[oa])\b(?:-[A-Z]\b)?)\s*(?:[.:]|"
    + _DASH
    + r")?\s*"
    r"(?P<text>.*)$",
    re.IGNORECASE,
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CANONICAL_ROMAN = re.compile(r"^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman_value(numeral: str) -> int | None:
    """The value of a canonical roman numeral up to 399, else None ("CIVIL" is a word)."""
    if not numeral or not _CANONICAL_ROMAN.match(numeral):
        return None
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


@dataclass
class ParsedDevice:
    """One device found in the text, before it is saved."""

    kind: str
    label: str
    text: str
    anchor: str
    depth: int
    position: int
    parent: ParsedDevice | None = field(default=None, repr=False)

    @property
    def parent_anchor(self) -> str | None:
        return self.parent.anchor if self.parent else None


def _normalise(line: str) -> str:
    # Text pasted from Word or a PDF brings non-breaking and zero-width spaces.
    line = line.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", line).strip()


def _ordinal_label(prefix: str, number: str, ordinal: str | None, letter) -> str:
    # Brazilian drafting: ordinal up to nine ("Art. 9º"), cardinal from ten on.
    label = f"{prefix} {int(number)}"
    if ordinal or int(number) < 10:
        label += "º"
    if letter:
        label += f"-{letter.upper()}"
    return label


class _Parser:
    def __init__(self):
        self.devices: list[ParsedDevice] = []
        self.anchors: set[str] = set()
        self.article: ParsedDevice | None = None
        self.paragraph: ParsedDevice | None = None
        self.item: ParsedDevice | None = None
        self.current: ParsedDevice | None = None
        self.passages = 0

    def unique_anchor(self, anchor: str) -> str:
        anchor = anchor[:MAX_ANCHOR].strip("-")
        candidate, n = anchor, 2
        while candidate in self.anchors:
            suffix = f"-{n}"
            candidate = anchor[: MAX_ANCHOR - len(suffix)] + suffix
            n += 1
        self.anchors.add(candidate)
        return candidate

    def add(self, *, kind, label, text, anchor, parent) -> ParsedDevice:
        device = ParsedDevice(
            kind=kind,
            label=label[:MAX_LABEL],
            text=text,
            anchor=self.unique_anchor(anchor),
            depth=parent.depth + 1 if parent else 0,
            position=len(self.devices) + 1,
            parent=parent,
        )
        self.devices.append(device)
        self.current = device
        return device

    def start(self, line: str) -> None:
        """A line after an empty one, or any line with a marker: a new device?"""
        if match := _ARTICLE.match(line):
            number, letter = match["number"], match["letter"]
            anchor = f"art-{int(number)}" + (f"-{letter.lower()}" if letter else "")
            self.article = self.add(
                kind=K.ARTICLE,
                label=_ordinal_label("Art.", number, match["ordinal"], letter),
                text=match["text"],
                anchor=anchor,
                parent=None,
            )
            self.paragraph = self.item = None
        elif match := _SOLE_PARAGRAPH.match(line):
            self.add_paragraph("Parágrafo único", "par-unico", match["text"])
        elif match := _PARAGRAPH.match(line):
            number, letter = match["number"], match["letter"]
            suffix = f"par-{int(number)}" + (f"-{letter.lower()}" if letter else "")
            label = _ordinal_label("§", number, match["ordinal"], letter)
            self.add_paragraph(label, suffix, match["text"])
        elif (match := _ITEM.match(line)) and roman_value(match["roman"]):
            parent = self.paragraph or self.article
            base = f"{parent.anchor}-" if parent else ""
            self.item = self.add(
                kind=K.ITEM,
                label=match["roman"],
                text=match["text"],
                anchor=f"{base}inc-{match['roman'].lower()}",
                parent=parent,
            )
        elif match := _SUBITEM.match(line):
            parent = self.item or self.paragraph or self.article
            base = f"{parent.anchor}-" if parent else ""
            self.add(
                kind=K.SUBITEM,
                label=f"{match['letter']})",
                text=match["text"],
                anchor=f"{base}ali-{match['letter']}",
                parent=parent,
            )
        elif match := _HEADING.match(line):
            # A heading closes the article above it: a "§" after it has no article.
            self.article = self.paragraph = self.item = None
            self.passages += 1
            heading = match["heading"]
            self.add(
                kind=K.TEXT,
                label=heading[:1].upper() + heading[1:],
                text=match["text"],
                anchor=f"trecho-{self.passages}",
                parent=None,
            )
        else:
            return self.continue_or_passage(line, after_break=True)
        return None

    def add_paragraph(self, label: str, suffix: str, text: str) -> None:
        parent = self.article
        base = f"{parent.anchor}-" if parent else ""
        self.paragraph = self.add(
            kind=K.PARAGRAPH,
            label=label,
            text=text,
            anchor=base + suffix,
            parent=parent,
        )
        self.item = None

    def continue_or_passage(self, line: str, *, after_break: bool) -> None:
        current = self.current
        heading_without_title = (
            current is not None
            and current.kind == K.TEXT
            and current.label
            and not current.text
        )
        # A heading's title may come on its own line: "CAPÍTULO I" / "DO OBJETO".
        title = heading_without_title and line.upper() == line
        if current is not None and (not after_break or title):
            current.text = f"{current.text} {line}".strip()
            return
        # A plain passage stands outside the article structure.
        self.article = self.paragraph = self.item = None
        self.passages += 1
        self.add(
            kind=K.TEXT,
            label="",
            text=line,
            anchor=f"trecho-{self.passages}",
            parent=None,
        )

    def feed(self, text: str) -> list[ParsedDevice]:
        after_break = True
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = _normalise(raw)
            if not line:
                after_break = True
                continue
            if after_break or self._has_marker(line):
                self.start(line)
            else:
                self.continue_or_passage(line, after_break=False)
            after_break = False
        return self.devices

    @staticmethod
    def _has_marker(line: str) -> bool:
        if _ARTICLE.match(line) or _PARAGRAPH.match(line):
            return True
        if _SOLE_PARAGRAPH.match(line) or _SUBITEM.match(line):
            return True
        if _HEADING.match(line):
            return True
        match = _ITEM.match(line)
        return bool(match and roman_value(match["roman"]))


def parse_devices(text: str) -> list[ParsedDevice]:
    """Split a pasted draft text into devices, in reading order."""
    return _Parser().feed(text or "")


def device_problems(devices: list[ParsedDevice]) -> list[str]:
    """What keeps these devices from being saved, in pt-BR (empty when fine)."""
    problems = []
    if not devices:
        problems.append(_("Cole o texto em consulta: nenhum dispositivo encontrado."))
    if len(devices) > MAX_DEVICES:
        problems.append(
            _("O texto tem %(count)s dispositivos; o limite é %(limit)s.")
            % {"count": len(devices), "limit": MAX_DEVICES}
        )
    for device in devices:
        if len(device.text) > MAX_DEVICE_TEXT:
            problems.append(
                _(
                    "O dispositivo “%(label)s” tem %(count)s caracteres; o limite é %(limit)s."
                )
                % {
                    "label": device.label or device.anchor,
                    "count": len(device.text),
                    "limit": MAX_DEVICE_TEXT,
                }
            )
    return problems


def devices_as_text(devices) -> str:
    """The devices written back as the text staff pasted (parses to the same devices)."""
    blocks = []
    for device in devices:
        if device.kind == K.ITEM:
            blocks.append(f"{device.label} \u2013 {device.text}")
        elif device.label and device.text:
            blocks.append(f"{device.label} {device.text}")
        else:
            blocks.append(device.label or device.text)
    return "\n\n".join(blocks)


def devices_replace(*, consultation: Consultation, text: str, by) -> list[Device]:
    """Replace the devices of a draft consultation with those parsed from `text`.

    Refused once the consultation is scheduled: the text people comment on must
    not change under them (Lei 9.784/1999 art. 31: the matter is disclosed as it
    will be decided).
    """
    parsed = parse_devices(text)
    problems = device_problems(parsed)
    if problems:
        raise ValidationError(problems, code="invalid_text")
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not by.has_perm("consultations.manage_consultation", locked):
            raise PermissionDenied
        if locked.status != Consultation.Status.DRAFT:
            raise ValidationError(
                _(
                    "O texto não pode mais ser alterado: a consulta já foi agendada. "
                    "Desfaça o agendamento para corrigir o texto."
                ),
                code="not_draft",
            )
        Device.objects.filter(consultation=locked).delete()
        saved: dict[int, Device] = {}
        # Parents first, one depth at a time, so each child knows its parent's id.
        for depth in sorted({d.depth for d in parsed}):
            level = [d for d in parsed if d.depth == depth]
            rows = [
                Device(
                    consultation=locked,
                    parent=saved[id(d.parent)] if d.parent else None,
                    kind=d.kind,
                    label=d.label,
                    text=d.text,
                    position=d.position,
                    anchor=d.anchor,
                    depth=d.depth,
                )
                for d in level
            ]
            Device.objects.bulk_create(rows)
            if not all(row.pk for row in rows):
                # Backends that do not return ids from a bulk insert.
                by_anchor = dict(
                    Device.objects.filter(
                        consultation=locked, anchor__in=[r.anchor for r in rows]
                    ).values_list("anchor", "pk")
                )
                for row in rows:
                    row.pk = row.id = by_anchor[row.anchor]
            saved.update({id(d): row for d, row in zip(level, rows, strict=True)})
        workflow.record(
            locked,
            action="replace_text",
            actor=by,
            note=_("%(count)s dispositivos") % {"count": len(parsed)},
        )
    return list(Device.objects.filter(consultation=locked).order_by("position"))
