"""Settings of the platform's own modules: notifications, the entity registry,
consultations and hearings, the anonymous page cache and the main menu."""

from django.utils.translation import gettext_lazy as _

from .general import env

# NOTIFICATIONS
# ------------------------------------------------------------------------------
NOTIFICATIONS_EMAIL_BATCH_SIZE = 100
NOTIFICATIONS_MAX_RETRIES = 6
# A pending delivery untouched for this long is re-queued by the sweeper.
NOTIFICATIONS_REQUEUE_AFTER_SECONDS = 5 * 60
# Signed preference/unsubscribe links in emails stay valid this long.
NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS = 365

# ENTITY REGISTRY
# ------------------------------------------------------------------------------
ENTITIES_DOCUMENT_MAX_BYTES = env.int(
    "ENTITIES_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024
)
# Reminders before a document expires, in days (each sent once).
ENTITIES_REMINDER_DAYS = (30, 7, 0)
# A reminder job that was down still reminds of documents expired this recently.
ENTITIES_REMINDER_GRACE_DAYS = 7
# The dashboard flags documents expiring within this many days.
ENTITIES_EXPIRY_WARNING_DAYS = 30
# Approved entities confirm their data every 12 months ("renovação pendente").
ENTITIES_RENEWAL_MONTHS = 12
ENTITIES_RENEWAL_NOTICE_DAYS = 30
ENTITIES_INVITATION_DAYS = 14
ENTITIES_DIRECTORY_PAGE_SIZE = 20

# Named Django views that the anonymous page cache (civic/cache.py) stores whole,
# besides Wagtail pages. Their data calls invalidate_public_pages() on change.
CIVIC_PAGE_CACHE_URL_NAMES = {"entities:directory", "entities:detail"}
CIVIC_PAGE_CACHE_URL_NAMES |= {
    "consultations:list",
    "consultations:detail",
    "consultations:device",
    "consultations:report",
}
# Hearings and forums; a person's own registration shows only when signed in.
CIVIC_PAGE_CACHE_URL_NAMES |= {"consultations:event_list", "consultations:event_detail"}
# The agenda and its calendar files (same bytes for every anonymous visitor).
CIVIC_PAGE_CACHE_URL_NAMES |= {
    "consultations:agenda",
    "consultations:agenda_ics",
    "consultations:event_ics",
}
# The councils' resolutions (the resolution workflow invalidates on publish/revoke).
CIVIC_PAGE_CACHE_URL_NAMES |= {
    "councils:resolution_list",
    "councils:resolution",
    "councils:resolution_search",
}
# The public page of an election: the same bytes for every anonymous visitor
# (its forms live on the representatives' own pages, which are not cached);
# the election and candidacy workflows and councils/receivers.py invalidate.
CIVIC_PAGE_CACHE_URL_NAMES |= {"councils:election"}
# The councils' public pages and calendar files (councils/receivers.py
# invalidates them on every change of what they show).
CIVIC_PAGE_CACHE_URL_NAMES |= {
    "councils:list",
    "councils:detail",
    "councils:meeting",
    "councils:ics",
}
# The partnerships' transparency pages (entities/partnerships/receivers.py
# invalidates them on every change of what they show).
CIVIC_PAGE_CACHE_URL_NAMES |= {"partnerships:list", "partnerships:detail"}
# The query parameters each cached view reads; the cache key keeps only these,
# in a fixed order, so `?utm=radio` or `?x=<random>` is the same stored page
# and nobody fills the cache with copies. A view missing here reads none.
# tests/home/test_cache_keys.py checks these against the views' filter forms.
CIVIC_PAGE_CACHE_QUERY_PARAMS = {
    "wagtail_serve": (),
    "entities:directory": (
        *("q", "tipo", "area", "regional", "bairro", "natureza", "regularidade"),
        "page",
    ),
    "consultations:list": ("area", "situacao", "page"),
    "consultations:detail": ("page",),
    "consultations:device": ("page",),
    "consultations:event_list": ("quando", "tipo", "area", "bairro", "page"),
    "consultations:event_detail": ("page",),
    "consultations:agenda": ("area", "bairro", "mes", "visao"),
    "consultations:agenda_ics": ("area", "bairro"),
    "councils:resolution_list": ("q", "ano", "assunto", "page"),
    "councils:resolution_search": ("q", "ano", "assunto", "page"),
    "partnerships:list": (
        *("q", "area", "entidade", "instrumento", "ano", "situacao"),
        "page",
    ),
}
# Free text (a search) has no end of values: a request with one is answered
# but never stored, so random searches cannot fill the cache.
CIVIC_PAGE_CACHE_UNSTORED_PARAMS = ("q",)

# CONSULTATIONS, HEARINGS AND FORUMS
# ------------------------------------------------------------------------------
# Minimum notice between publishing a hearing and holding it, in days; staff may
# publish later only with a recorded justification.
HEARINGS_MIN_NOTICE_DAYS = env.int("HEARINGS_MIN_NOTICE_DAYS", default=15)
# Followers of a consultation are reminded this many days before it closes.
CONSULTATIONS_CLOSING_REMINDER_DAYS = 7
# People registered for an event are reminded this many hours before it.
EVENTS_REMINDER_HOURS = 24
# Written contributions to a hearing are taken online until this many days after it.
EVENTS_CONTRIBUTION_DAYS_AFTER = env.int("EVENTS_CONTRIBUTION_DAYS_AFTER", default=7)
EVENTS_PAGE_SIZE = 20
CONSULTATIONS_PAGE_SIZE = 20
CONSULTATIONS_CONTRIBUTIONS_PAGE_SIZE = 25

# MUNICIPAL COUNCILS
# ------------------------------------------------------------------------------
# The legal pattern a new council starts from; each council may change its own
# rules to match its regimento interno.
COUNCILS_DEFAULTS = {
    "ordinary_notice_days": 7,
    "extraordinary_notice_hours": 48,
    "second_call_minutes": 30,
    "mandate_years": 2,
    "max_reconductions": 1,
    "absence_consecutive_limit": 3,
    "absence_alternate_limit": 5,
}
# Days to appeal after the habilitation list of an election is published.
COUNCILS_ELECTION_APPEAL_DAYS = env.int("COUNCILS_ELECTION_APPEAL_DAYS", default=5)
# Councillors are reminded of a convened meeting this many hours before it.
COUNCILS_MEETING_REMINDER_HOURS = 24
# A conselheiro may justify a recorded absence until this many days after the
# meeting; a justified absence does not count towards the absence limits.
COUNCILS_ABSENCE_JUSTIFICATION_DAYS = env.int(
    "COUNCILS_ABSENCE_JUSTIFICATION_DAYS", default=7
)
COUNCILS_PAGE_SIZE = 20

# PARTNERSHIPS (MROSC, Lei 13.019/2014)
# ------------------------------------------------------------------------------
# Every legal period is here with its legal value; deadlines are computed due
# dates that people act on, never automatic transitions.
PARTNERSHIPS_MIN_PROPOSAL_DAYS = 30  # art. 26: edital published ≥ 30 days before
PARTNERSHIPS_APPEAL_DAYS = env.int("PARTNERSHIPS_APPEAL_DAYS", default=5)
PARTNERSHIPS_IMPUGNATION_DAYS = 5  # art. 32 §2: against dispensa/inexigibilidade
PARTNERSHIPS_EXTENSION_MIN_DAYS = 30  # art. 55: extension asked ≥ 30 days before end
PARTNERSHIPS_ACCOUNTS_DAYS = 90  # art. 69: final accounts within 90 days
PARTNERSHIPS_ACCOUNTS_EXTENSION_DAYS = 30  # art. 69 §4: plus 30, justified
PARTNERSHIPS_ANNUAL_ACCOUNTS_DAYS = 30  # annual accounts after each 12 months
PARTNERSHIPS_ANALYSIS_DAYS = 150  # art. 71: analysis within 150 days
PARTNERSHIPS_ANALYSIS_EXTENSION_DAYS = 150  # art. 71 §1: plus 150, justified
PARTNERSHIPS_DILIGENCE_DAYS = 45  # art. 70 §1
PARTNERSHIPS_DILIGENCE_EXTENSION_DAYS = 45
PARTNERSHIPS_DEFENCE_DAYS = 10  # art. 73 §1
PARTNERSHIPS_SUSPENSION_MAX_DAYS = 2 * 365  # art. 73 II: up to 2 years
PARTNERSHIPS_RESCISSION_NOTICE_DAYS = 60  # art. 42 XVI
PARTNERSHIPS_LISTED_DAYS_AFTER_CLOSE = 180  # art. 10
PARTNERSHIPS_REMINDER_DAYS = (30, 7, 0)  # before each deadline; then when overdue
PARTNERSHIPS_PAGE_SIZE = 20

# The platform's sections in the main menu, in order: (URL name, label).
CIVIC_MAIN_MENU = [
    ("consultations:list", _("Consultas")),
    ("consultations:event_list", _("Audiências e fóruns")),
    ("consultations:agenda", _("Agenda")),
    ("councils:list", _("Conselhos")),
    ("entities:directory", _("Entidades")),
    ("partnerships:list", _("Parcerias")),
    ("open_data", _("Dados abertos")),
]

# FALE COM A SRSC (civic.dialogue)
# ------------------------------------------------------------------------------
# Lei 13.460/2017 art. 16: the answer is due within 30 days, extendable once by
# 30 with a justification. Calendar days; the clock stops while the SRSC waits
# for information it asked the requester for.
DIALOGUE_ANSWER_DAYS = env.int("DIALOGUE_ANSWER_DAYS", default=30)
DIALOGUE_EXTENSION_DAYS = env.int("DIALOGUE_EXTENSION_DAYS", default=30)
# The assignee is reminded this many days before the deadline, and when it passes.
DIALOGUE_REMINDER_DAYS = 5
DIALOGUE_ATTACHMENT_MAX_BYTES = env.int(
    "DIALOGUE_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024
)
DIALOGUE_MAX_ATTACHMENTS = 5
# The public figures are computed at most this often (and again after a change).
DIALOGUE_NUMBERS_CACHE_SECONDS = 15 * 60
