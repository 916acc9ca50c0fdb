from .accounts import UserFactory

__all__ = ["UserFactory"]
