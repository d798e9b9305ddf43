"""A unit named beside a place constrains it ("A (B, C)", "A, B", "B's A district"), and other
readings of places outside the country meant lose; sentences written for these tests."""

from __future__ import annotations

from strikewatch.geo import Geoparser, Toponym


def _by_text(toponyms: list[Toponym]) -> dict[str, Toponym]:
    return {t.text: t for t in toponyms}


def _find(parser: Geoparser, text: str, hints: tuple[str, ...] = ()) -> dict[str, Toponym]:
    return _by_text(parser.find(text, parser.focus(text), hints=hints))


def test_parenthesis_chain_resolves_outermost_unit_by_what_it_holds(parser: Geoparser) -> None:
    found = _find(parser, "Gunmen raided Mamfe town (Manyu, Sud-Ouest) at dawn.")
    # Sud-Ouest is also Burkina Faso's region; Cameroon's holds Manyu and Mamfe
    assert found["Sud-Ouest"].place.country_code == "CM"
    assert found["Mamfe"].place.country_code == "CM" and found["Mamfe"].contained


def test_town_in_its_namesake_province(parser: Geoparser) -> None:
    found = parser.find(
        "Protesters gathered in Colon (Colon) on Friday.",
        parser.focus("Protesters gathered in Colon (Colon) on Friday."),
    )
    assert {t.place.country_code for t in found} == {"PA"}
    assert found[0].place.feature == "city" and found[1].place.feature == "admin1"


def test_a_namesake_in_another_province_loses(parser: Geoparser) -> None:
    for sentence in (
        "Gunmen raided Mamfe, Borno on Friday.",
        "Gunmen raided Mamfe town (Borno state) on Friday.",
        "Gunmen raided Borno's Mamfe district on Friday.",
    ):
        found = _find(parser, sentence)
        assert "Mamfe" not in found, sentence  # Cameroon's Mamfe is not in Nigeria's Borno
        assert found["Borno"].place.country_code == "NG"


def test_a_town_in_the_province_named(parser: Geoparser) -> None:
    found = _find(parser, "Workers protested in Coxilha, Rio Grande do Sul.")
    assert found["Coxilha"].place.admin1 == "Rio Grande do Sul" and found["Coxilha"].contained


def test_names_with_articles_and_city(parser: Geoparser) -> None:
    assert "Amatlan de los Reyes" in _find(parser, "A man was shot in Amatlan de los Reyes, Veracruz.")
    assert _find(parser, "Students were held in Quezon City.")["Quezon City"].place.name == "Quezon City"
    assert "Aleppo" in _find(parser, "A car bomb exploded in Aleppo City on Friday.")


def test_no_place_in_a_currency_or_a_misspelled_fold(parser: Geoparser) -> None:
    found = _find(parser, "Rioters angry at the US dollar exchange rate burned tyres in Sidon.")
    assert "US" not in found and found["Sidon"].place.country_code == "LB"
    assert not _find(parser, "Workers of the Haft Tappeh mill protested.")  # not Taipei
    assert "Maleh" not in _find(parser, "Residents of Ould Al Maleh held a sit-in.")  # not Mali


def test_actor_countries_steer_an_ambiguous_name(parser: Geoparser) -> None:
    text = "Rioters clashed with soldiers in Tripoli."
    assert _find(parser, text)["Tripoli"].place.country_code == "LY"
    assert _find(parser, text, hints=("LB",))["Tripoli"].place.country_code == "LB"
    # but never against what the text's places say
    assert (
        _find(parser, "Rioters clashed with soldiers in Tripoli, Libya.", hints=("LB",))["Tripoli"].place.country_code
        == "LY"
    )
