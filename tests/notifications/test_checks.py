from civic.notifications.checks import check_kind_templates


def test_every_real_kind_has_its_templates():
    assert check_kind_templates() == []


def test_missing_templates_are_reported(make_kind):
    make_kind("testing.missing", template_prefix="testing/emails/missing")
    errors = check_kind_templates()
    assert {e.id for e in errors} == {"notifications.E001"}
    assert len(errors) == 3
