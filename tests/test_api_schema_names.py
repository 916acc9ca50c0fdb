"""Each API schema class has its own name: django-ninja names the OpenAPI
components after the classes, so two `EntityOut`s in two apps would share one
component and the documented shape of one endpoint would be the other's."""

from collections import Counter


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_schema_classes_share_a_name():
    from ninja import Schema

    import civic.urls  # noqa: F401  (imports every router)

    ours = [
        cls
        for cls in _subclasses(Schema)
        if cls.__module__.split(".")[0]
        in {"civic", "entities", "consultations", "councils", "home"}
    ]
    assert len(ours) > 20
    names = Counter(cls.__name__ for cls in ours)
    assert [name for name, n in names.items() if n > 1] == []
