"""The validation messages the forms show, in French: whole sentences, French typography."""

from __future__ import annotations

import pytest

from refterm.core.validate import (
    PHONE_REASONS,
    check_cadence,
    check_email,
    check_known_since,
    check_name,
    check_phone,
)

pytestmark = pytest.mark.usefixtures("french")


def refusal(check: object, *args: object) -> str:
    with pytest.raises(ValueError) as error:
        check(*args)  # type: ignore[operator]
    return str(error.value)


def test_known_since_refusals_in_french() -> None:
    assert refusal(check_known_since, "2019-13", 2026) == (
        "'2019-13'\u00a0: le mois doit être entre 01 et 12"
    )
    assert refusal(check_known_since, "1850", 2026) == (
        "'1850'\u00a0: l’année doit être entre 1900 et 2026"
    )
    assert refusal(check_known_since, "l'an dernier", 2026) == (
        '"l\'an dernier" n’est ni une année ni une année et un mois'
        " (attendu\u00a0: 2019 ou 2019-03)"
    )


def test_name_email_and_cadence_refusals_in_french() -> None:
    assert refusal(check_name, "  ") == "le nom est obligatoire"
    assert refusal(check_name, "x" * 1200) == "un nom a au plus 200 caractères (1\u202f200 saisis)"
    assert refusal(check_email, "omar@") == (
        "'omar@' n’est pas une adresse e-mail (attendu\u00a0: nom@exemple.fr)"
    )
    assert refusal(check_cadence, "souvent") == "'souvent' n’est pas un nombre de jours"


def test_phone_refusals_give_the_library_reason_in_french() -> None:
    assert refusal(check_phone, "abc", "FR") == (
        "'abc' n’est pas un numéro de téléphone (cela ne ressemble pas à un numéro de téléphone)"
    )
    assert refusal(check_phone, "12", "FR") == (
        "'12' n’a pas le bon nombre de chiffres pour un numéro de téléphone"
    )


def test_every_phone_reason_is_one_the_library_says() -> None:
    """A reason phonenumbers no longer words this way would silently stay in English."""
    import inspect

    import phonenumbers.phonenumberutil as util

    source = " ".join(inspect.getsource(util).split())
    for reason in PHONE_REASONS:
        head = reason.split(",")[0]
        assert head in source, reason
