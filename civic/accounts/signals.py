"""Custom signals other apps hook into."""

from django.dispatch import Signal

# Sent by `services.account_erase` inside the erasure transaction, after the
# account's personal data is gone. Keyword arguments:
#   user: the (now anonymous) User row, `user.deleted_at` set;
#   by: who asked for the erasure (the person, or a superuser);
#   deletion: the AccountDeletion record.
# Receivers that send mail or call out must use `transaction.on_commit`.
account_erased = Signal()
