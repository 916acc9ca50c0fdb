"""Keep the anonymous page cache in step with the registry's public side: the
directory, the profiles, their filters (areas, publics, Receita tables) and
the board. Whatever writes these rows (a service, an admin taxonomy edit, an
import), the public pages show it on the next request."""

from civic.cache import register_public_models

from .models import Area, BoardMember, Cnae, Entity, LegalNature, PublicServed

register_public_models(Area, PublicServed, LegalNature, Cnae, Entity, BoardMember)
