"""Email backends for tests: count connections, fail on demand."""

from smtplib import SMTPException, SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class CountingBackend(LocmemBackend):
    """Locmem, plus a count of opened connections (class-wide, reset per test)."""

    opened = 0
    closed = 0

    def open(self):
        type(self).opened += 1
        return True

    def close(self):
        type(self).closed += 1

    @classmethod
    def reset(cls):
        cls.opened = 0
        cls.closed = 0


class FlakyBackend(CountingBackend):
    """Fails the first `failures` sends with an SMTP error, then works."""

    failures = 2
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise SMTPServerDisconnected("Conexão fechada pelo servidor")
        return super().send_messages(messages)


class BrokenBackend(CountingBackend):
    """Every send fails, like an SMTP server that refuses everything."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        raise SMTPException("550 caixa indisponível")
