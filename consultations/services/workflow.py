"""What the state machines of this app share."""


class InvalidTransition(Exception):
    """The action is not allowed from the current status."""

    def __init__(self, status: str, action: str):
        self.status, self.action = status, action
        super().__init__(f"{action!r} is not allowed from {status!r}")
