"""Meeting and council documents: files in private storage, served only
through `civic.downloads` to whoever the rules allow.

- A meeting document: public ones to anyone once the meeting is public;
  "members until the meeting" ones to the council's members, secretariat and
  staff until the meeting starts, then to everyone; members-only ones never to
  the public (`councils.download_meetingdocument`).
- A council document (law, regimento, decree): always public.

A document of a meeting still in the secretariat's calendar does not exist
for anyone else (404); a restricted one sends the anonymous to the login page
and refuses (403) the signed-in who may not read it.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from civic.downloads import stored_file_response

from ..models import CouncilDocument, MeetingDocument
from ..rules import runs_council


def meeting_document(request, slug: str, pk: int, doc_pk: int):
    """`/conselhos/<slug>/reunioes/<pk>/documentos/<doc_pk>/`."""
    document = (
        MeetingDocument.objects.select_related("meeting", "meeting__council")
        .filter(pk=doc_pk, meeting_id=pk, meeting__council__slug=slug)
        .first()
    )
    if document is None:
        raise Http404
    meeting = document.meeting
    if not request.user.has_perm("councils.download_meetingdocument", document):
        if not meeting.is_public and not runs_council(request.user, meeting):
            raise Http404
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    public = meeting.is_public and document.is_public_at(timezone.now())
    return stored_file_response(
        document.file, filename=document.title, private=not public
    )


def council_document(request, slug: str, pk: int):
    """`/conselhos/<slug>/documentos/<pk>/`: the law, the regimento, a decree."""
    document = (
        CouncilDocument.objects.select_related("council")
        .filter(pk=pk, council__slug=slug)
        .first()
    )
    if document is None or not request.user.has_perm(
        "councils.download_councildocument", document
    ):
        raise Http404
    return stored_file_response(document.file, filename=document.title, private=False)
