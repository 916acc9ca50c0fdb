"""civic.querysets: what every app's selectors share."""

from civic.querysets import given


def test_given_keeps_only_the_filters_that_were_given():
    assert given(kind="osc", area="", bairro=None, since=0) == {"kind": "osc"}
