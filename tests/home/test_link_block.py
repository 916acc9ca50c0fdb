import pytest
from django.core.exceptions import ValidationError

from home.blocks import LinkBlock


@pytest.mark.parametrize(
    "value", ["/entidades/", "/dados-abertos/?q=1", "https://www.betim.mg.gov.br/"]
)
def test_link_block_accepts_site_paths_and_full_addresses(value):
    assert LinkBlock(required=False).clean(value) == value


@pytest.mark.parametrize(
    "value", ["//evil.example/", "javascript:alert(1)", "entidades", "ftp://x.org/"]
)
def test_link_block_refuses_anything_else(value):
    with pytest.raises(ValidationError):
        LinkBlock(required=False).clean(value)
