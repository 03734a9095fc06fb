"""The locale registry: tags, names and directions from CLDR, and checked input.
Nothing here names the locales we publish: the registry decides."""

from __future__ import annotations

import pytest
from babel import Locale as CldrLocale
from babel.core import UnknownLocaleError

from helpcenter.errors import InputError
from helpcenter.locales import Registry, cldr_name, material_languages
from tests.conftest import LOCALES, PATHS, PROJECT

IN_CLDR = [loc for loc in LOCALES if loc.tag != "hmn"]


def test_the_source_locale_comes_first_and_slugs_are_unique():
    assert LOCALES[0].slug == "en"
    assert len({loc.slug for loc in LOCALES}) == len(LOCALES)
    assert len({loc.tag.lower() for loc in LOCALES}) == len(LOCALES)


@pytest.mark.parametrize("loc", IN_CLDR, ids=lambda loc: loc.slug)
def test_tag_is_valid_bcp47_and_name_and_direction_are_cldrs(loc):
    cldr = CldrLocale.parse(loc.tag, sep="-")
    assert loc.dir == cldr.text_direction
    assert loc.name == cldr_name(cldr) or cldr_name(cldr).lower() in loc.name.lower()  # a fuller form
    assert loc.menu_name[0] == loc.menu_name[0].upper()  # CLDR: titlecase-firstword in menus


@pytest.mark.parametrize("loc", LOCALES, ids=lambda loc: loc.slug)
def test_every_locale_has_a_folder_home_page_strings_and_a_theme_that_exists(loc):
    assert (PATHS.docs_for(loc.slug) / "index.md").is_file()
    assert PATHS.strings_for(loc.slug).is_file()
    assert loc.theme is None or loc.theme in material_languages()


def test_names_the_reference_page_got_wrong_come_from_cldr():
    names = {loc.slug: loc.name for loc in LOCALES}
    for slug, language in (("bn", "bn"), ("ps", "ps"), ("ckb", "ckb")):
        if slug in names:
            assert names[slug] == CldrLocale.parse(language).get_display_name(language)


def test_a_locale_cldr_lacks_names_itself_and_cldr_still_lacks_it():
    for loc in LOCALES:
        try:
            CldrLocale.parse(loc.tag, sep="-")
        except UnknownLocaleError:
            assert loc.name and loc.dir in ("ltr", "rtl")


@pytest.mark.parametrize(
    "body, message",
    [
        ("locales:\n  - {slug: en}\n  - {slug: qq}\n", "locales.yml:3: CLDR has no data"),
        ("locales:\n  - {slug: en}\n  - {slug: xx-bogus}\n", "locales.yml:3: tag 'xx-bogus' is not a BCP 47 tag"),
        ("locales:\n  - {slug: en}\n  - {slug: es, name: Spanish}\n", "locales.yml:3: 'es' is in CLDR, which names it"),
        ("locales:\n  - {slug: en}\n  - {slug: es, dir: rtl}\n", "locales.yml:3: 'es' is in CLDR; remove `dir`"),
        ("locales:\n  - {slug: en}\n  - {slug: en}\n", "locales.yml:3: 'en' repeats the locale on line 2"),
        ("locales:\n  - {slug: en}\n  - {slug: es}\n  - {slug: ES}\n", "locales.yml:4: slug 'ES' must be a lowercase"),
        ("locales:\n  - {slug: en}\n  - {slug: ../includes}\n", "locales.yml:3: slug '../includes' must be"),
        ("locales:\n  - {slug: en, colour: red}\n", "locales.yml:2: unknown key(s) colour"),
        ("locales:\n  - {slug: en, full: yes please}\n", "locales.yml:2: `full` must be true or false"),
        ("locales:\n  - {slug: en}\n  - {slug: es, tag: fr}\n", "locales.yml:3: slug 'es' and tag 'fr' name different"),
        ("locales:\n  - {slug: en}\n  - {slug: es, theme: xx}\n", "locales.yml:3: theme 'xx': Material has no"),
        ("locales:\n  - {slug: es}\n", "locales.yml:2: the first locale must be the source language"),
        ("locales: [\n", "locales.yml:2: invalid YAML"),
        ("a: &a [1]\nlocales: *a\n", "locales.yml:1: YAML anchors and aliases"),
        ("locales:\n  - {slug: en}\n  - {slug: qq, name: '<b>Q</b>', dir: ltr}\n", "locales.yml:3: `name`: contains HTML"),
        ("locales:\n  - {slug: en}\n  - {slug: qq, name: Q, dir: up}\n", "locales.yml:3: `dir` must be ltr or rtl"),
    ],
)
def test_bad_registry_is_reported_with_file_and_line(tmp_path, body, message):
    path = tmp_path / "locales.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        Registry.load(path)
    assert message in str(err.value)


def test_the_project_loads():
    assert PROJECT.registry.slugs == [loc.slug for loc in LOCALES]
