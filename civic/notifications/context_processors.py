from django.utils.functional import SimpleLazyObject

from .selectors import notifications_unread_count


def unread_notifications(request):
    """`unread_notifications_count`, counted only if a template prints it."""

    def count() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return notifications_unread_count(user=user)

    return {"unread_notifications_count": SimpleLazyObject(count)}
