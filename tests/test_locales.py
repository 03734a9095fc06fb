"""The locale registry: order, tags, names and directions from CLDR."""

from __future__ import annotations

import pytest
from babel import Locale as CldrLocale
from babel.core import UnknownLocaleError

from helpcenter import locales
from helpcenter.errors import InputError

ORDER = (
    "en es ja ko pt de tr fr it ar nl id ru hi ta he zh-cn zh-tw th vi ms bn fil fa da fi sv "
    "no pl hu ro uk mr gu bg ca hr sr sk kn ps fa-af om ti ckb lt lv mt sl ga hmn hy km"
).split()


def test_registry_lists_the_53_locales_in_menu_order():
    assert [loc.slug for loc in locales.load()] == ORDER


def test_first_13_are_full_and_the_rest_partial():
    assert [loc.slug for loc in locales.load() if loc.full] == ORDER[:13]


def test_exactly_six_locales_are_right_to_left():
    assert {loc.slug for loc in locales.load() if loc.is_rtl} == {"ar", "he", "fa", "ps", "fa-af", "ckb"}


IN_CLDR = [loc for loc in locales.load() if loc.slug != "hmn"]  # hmn: see the override test


@pytest.mark.parametrize("loc", IN_CLDR, ids=lambda loc: loc.slug)
def test_tag_is_valid_bcp47_and_name_is_the_cldr_endonym(loc):
    cldr = CldrLocale.parse(loc.tag, sep="-")
    assert loc.dir == cldr.text_direction
    specific = [f"{cldr.language}_{cldr.territory}", f"{cldr.language}_{cldr.script}"]
    expected = next((cldr.languages[k] for k in specific if k in cldr.languages), None)
    assert loc.name == (expected or cldr.get_language_name(cldr))


def test_names_the_reference_page_got_wrong_are_right_here():
    names = {loc.slug: loc.name for loc in locales.load()}
    assert names["bn"] == "বাংলা"
    assert names["ps"] == "پښتو"
    assert names["ckb"] == "کوردیی ناوەندی"
    assert names["zh-cn"] == "简体中文" and names["zh-tw"] == "繁體中文"


def test_hmong_is_the_one_override_and_cldr_still_lacks_it():
    with pytest.raises(UnknownLocaleError):
        CldrLocale.parse("hmn")
    hmn = locales.by_slug("hmn")
    assert (hmn.name, hmn.dir, hmn.tag) == ("Hmoob", "ltr", "hmn")


def test_three_letter_codes_are_accepted():
    assert {locales.by_slug(s).tag for s in ("fil", "ckb", "hmn")} == {"fil", "ckb", "hmn"}


@pytest.mark.parametrize(
    "body, message",
    [
        ("locales:\n  - {slug: en}\n  - {slug: xx-bogus}\n", "locales.yml:3: CLDR has no data"),
        ("locales:\n  - {slug: en}\n  - {slug: es, name: Spanish}\n", "locales.yml:3: 'es' is in CLDR"),
        ("locales:\n  - {slug: en}\n  - {slug: en}\n", "locales.yml:3: duplicate slug 'en'"),
        ("locales:\n  - {slug: en, colour: red}\n", "locales.yml:2: unknown key(s) colour"),
        ("locales:\n  - {slug: es}\n", "the first locale must be the source language"),
        ("locales: [\n", "locales.yml:2: invalid YAML"),
    ],
)
def test_bad_registry_is_reported_with_file_and_line(tmp_path, body, message):
    path = tmp_path / "locales.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        locales.load.__wrapped__(path)
    assert message in str(err.value)
