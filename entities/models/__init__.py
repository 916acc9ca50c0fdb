"""Models of the entity registry.

Import from `entities.models`, never from the submodules. Dependencies point one
way: taxonomy <- entity <- documents, people.
"""

from .documents import Document, DocumentType  # noqa: F401
from .entity import BoardMember, Entity, EntityEvent  # noqa: F401
from .people import Claim, Invitation, Representative  # noqa: F401
from .taxonomy import Area, Cnae, LegalNature, PublicServed  # noqa: F401
