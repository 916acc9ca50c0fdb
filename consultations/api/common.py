"""What only the consultation and event endpoints share; the rest comes from
civic/api.py."""

from ninja import Field, Schema


class BodyOut(Schema):
    nome: str = Field(..., alias="name")
    sigla: str = Field(..., alias="acronym")
