import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from civic.accounts.validators import (
    cpf_is_valid,
    format_cpf,
    format_phone,
    normalize_cpf,
    normalize_phone,
    validate_cpf,
    validate_phone,
)


def check_digits(body: list[int]) -> list[int]:
    """Reference implementation of the Receita Federal rule, written independently."""
    digits = list(body)
    for length in (9, 10):
        weights = range(length + 1, 1, -1)
        remainder = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
        digits.append(0 if remainder < 2 else 11 - remainder)
    return digits[9:]


cpf_bodies = st.lists(st.integers(0, 9), min_size=9, max_size=9).filter(
    lambda body: len(set(body)) > 1
)


def as_cpf(body: list[int]) -> str:
    return "".join(map(str, body + check_digits(body)))


@given(cpf_bodies)
def test_generated_valid_cpfs_pass_unmasked_and_masked(body):
    cpf = as_cpf(body)
    assert cpf_is_valid(cpf)
    validate_cpf(cpf)
    validate_cpf(format_cpf(cpf))
    assert normalize_cpf(format_cpf(cpf)) == cpf


@given(cpf_bodies, st.integers(9, 10), st.integers(1, 9))
def test_changing_a_check_digit_always_fails(body, position, delta):
    cpf = as_cpf(body)
    digit = (int(cpf[position]) + delta) % 10
    mutated = cpf[:position] + str(digit) + cpf[position + 1 :]
    assert not cpf_is_valid(mutated)
    with pytest.raises(ValidationError):
        validate_cpf(format_cpf(mutated))


@given(cpf_bodies, st.integers(0, 8), st.integers(1, 9))
def test_changing_a_body_digit_fails_unless_the_check_digits_collide(
    body, position, delta
):
    """A single changed digit is caught, except in the rare mod-11 collision.

    The rule maps remainders 0 and 1 to the same check digit, so about 0.2 % of
    single-digit changes produce another genuinely valid CPF (e.g. 224.538.323-01
    -> 124.538.323-01). Those must pass: they are valid CPFs. Every other change
    must fail.
    """
    cpf = as_cpf(body)
    mutated_body = list(body)
    mutated_body[position] = (mutated_body[position] + delta) % 10
    mutated = "".join(map(str, mutated_body)) + cpf[9:]
    still_consistent = check_digits(mutated_body) == check_digits(body)
    if still_consistent and len(set(mutated_body)) > 1:
        assert cpf_is_valid(mutated)
    else:
        assert not cpf_is_valid(mutated)


@pytest.mark.parametrize(
    ("cpf", "collision"),
    [("22453832301", "12453832301"), ("75858471900", "75858671900")],
)
def test_known_single_digit_collisions_are_themselves_valid_cpfs(cpf, collision):
    # The rare case the property above allows for: both are real, valid CPFs.
    assert cpf_is_valid(cpf)
    assert cpf_is_valid(collision)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "123",
        "111.111.111-11",
        "00000000000",
        "529.982.247-2X",
        "5299822472",
        "529982247250",
    ],
)
def test_invalid_cpfs_are_rejected_with_a_pt_br_message(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_cpf(value)
    assert excinfo.value.code == "invalid_cpf"
    assert "Informe um CPF válido" in str(excinfo.value.messages[0])


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("(31) 99999-8888", "31999998888"),
        ("+55 31 3512-3000", "3135123000"),
        ("31 3512 3000", "3135123000"),
    ],
)
def test_phone_normalisation_and_validation(raw, digits):
    validate_phone(raw)
    assert normalize_phone(raw) == digits


@pytest.mark.parametrize(
    "raw", ["123", "abcdefghij", "(31) 9999-99999-9", "3199999888877"]
)
def test_bad_phones_fail_in_pt_br(raw):
    with pytest.raises(ValidationError) as excinfo:
        validate_phone(raw)
    assert "DDD" in str(excinfo.value.messages[0])


def test_format_phone():
    assert format_phone("31999998888") == "(31) 99999-8888"
    assert format_phone("3135123000") == "(31) 3512-3000"
    assert format_phone("") == ""
