"""`helpcenter check` (`make check`): each rule a writer or translator can
break, on the small project (`mini`), must be reported as `file:line: message`
(and the project as it stands must pass). Writers' rules on the English pages;
translation QA and spelling on the Spanish home page, which translates
docs/en/index.md."""

from __future__ import annotations

import pytest

from tests.conftest import MINI_PAGE

EN_PAGE = MINI_PAGE
ES = "docs/es/index.md"


def line(tree, path: str, text: str) -> int:
    lines = (tree / path).read_text(encoding="utf-8").split("\n")
    return next(i for i, l in enumerate(lines, 1) if text in l)


def change(path: str, old: str, new: str):
    def breakage(tree):
        tree.edit(path, old, new)
        return {"line": line(tree, path, new.split("\n")[-1] or new)} if new.strip() else {}
    return breakage


def add(path: str, text: str):
    def breakage(tree):
        old = (tree / path).read_text(encoding="utf-8")
        (tree / path).write_text(old + "\n" + text + "\n", encoding="utf-8")
        return {"line": old.count("\n") + 2 + text.count("\n")}  # the last line added
    return breakage


CASES = [
    # Writers (English pages)
    ("description-length", "en", lambda t: t.write(EN_PAGE, "\n".join(
        "description: Too short." if l.startswith("description:") else l
        for l in (t / EN_PAGE).read_text(encoding="utf-8").split("\n"))),
     f"{EN_PAGE}:3: description is 10 characters; write one sentence of 120–160"),
    ("title-is-h1", "en", change(EN_PAGE, "# A page", "# Another heading"),
     f"{EN_PAGE}:{{line}}: the `# ` heading must match the title: 'A page'"),
    ("stub", "en", lambda t: t.write(EN_PAGE, "---\ntitle: A page\ndescription: " + "d" * 130 + "\n---\n\n# A page\n\nShort.\n"),
     f"{EN_PAGE}:1: only 3 words; a page needs at least 150"),
    ("undefined-abbreviation", "en", add(EN_PAGE, "The XQZ rules apply."),
     f"{EN_PAGE}:{{line}}: `XQZ` is not defined in includes/en/abbreviations.md"),
    ("undefined-reference", "en", add(EN_PAGE, "See [the rules][no-such-rules]."),
     f"{EN_PAGE}:{{line}}: `[the rules][no-such-rules]` is not defined"),
    ("undefined-footnote", "en", add(EN_PAGE, "A claim.[^no-such-note]"),
     f"{EN_PAGE}:{{line}}: `[^no-such-note]` is not defined"),
    ("english-spelling", "en", add(EN_PAGE, "We recieve requests."), f"{EN_PAGE}:{{line}}: recieve ==> receive"),
    ("heading-jump", "en", add(EN_PAGE, "#### Too deep"), f"{EN_PAGE}:{{line}}: heading jumps from H2 to H4"),
    ("broken-link", "en", add(EN_PAGE, "[Nowhere](nowhere.md)"),
     f"{EN_PAGE}:{{line}}: Doc file 'commitments/page.md' contains a link 'nowhere.md'"),
    ("unsafe-html", "en", add(EN_PAGE, '<img src="x.png" onerror="alert(1)">'),
     f"{EN_PAGE}:{{line}}: the page would contain an event-handler attribute `onerror`"),
    # Translators (docs/es/index.md translates docs/en/index.md)
    ("heading-anchor", "es", change(ES, "## ¿Qué puedes hacer aquí? {#what-can-you-do-here}", "## ¿Qué puedes hacer aquí?"),
     f"{ES}:{{line}}: heading 2 must be level 2 with the English anchor: ## ¿Qué puedes hacer aquí? "
     "{{#what-can-you-do-here}}"),
    ("heading-missing", "es", change(ES, "## ¿Qué puedes hacer aquí? {#what-can-you-do-here}\n", ""),
     f"{ES}:1: heading 2 of the English page is missing: ## … {{{{#what-can-you-do-here}}}}"),
    ("link-target", "es", change(ES, "[la página](commitments/page.md)", "[la página](commitments/index.md)"),
     f"{ES}:1: the English page links to `commitments/page.md`; the translation does not"),
    ("footnote", "es", lambda t: t.write(ES, (t / ES).read_text(encoding="utf-8").replace("[^dsa]", "").replace(
        ": Reglamento (UE) 2022/2065", "Reglamento (UE) 2022/2065")), f"{ES}:1: footnotes differ from the English page"),
    ("table", "es", change(ES, "| Reclamar contra una decisión | [Reclamaciones](commitments/page.md) |",
                           "| Reclamar contra una decisión | [Reclamaciones](commitments/page.md) |\n| Otra | fila |"),
     f"{ES}:1: tables differ from the English page (rows × columns): [(2, 2)] expected, [(3, 2)] found"),
    ("number", "es", change(ES, "en un plazo de 30 días", "en un plazo de treinta días"),
     f"{ES}:1: the number 30 of the English page is missing (1×)"),
    ("termbase", "es", lambda t: t.write(ES, (t / ES).read_text(encoding="utf-8").replace("ilícito", "ilegal")),
     f"{ES}:1: the English page uses “illegal content”: use the agreed term “contenido ilícito”"),
    ("english-left", "es", change(ES, "Te damos la bienvenida.", "Welcome to the help center, where you can find "
                                  "what you need and ask us about it."),
     f"{ES}:{{line}}: still in English"),
    ("locale-spelling", "es", change(ES, "Explicamos cada decisión", "Explicamos cada desición"),
     f"{ES}:{{line}}: `desición` is not in the es dictionary (spelling)"),
    ("snippet-spelling", "es", lambda t: t.write("includes/es/abbreviations.md", "*[UE]: Unión Eurropea\n"),
     "includes/es/abbreviations.md:1: `Eurropea` is not in the es dictionary (spelling)"),
    ("spelling-unneeded", "es", add("termbase/es.yml", "spelling:\n- Budapest"),
     "termbase/es.yml:{line}: `budapest` in `spelling:` is not needed (no page uses it, or the dictionary knows it)"),
    ("snippet-untranslated", "es", add(ES, '--8<-- "user-notice.md"'),
     f"{ES}:{{line}}: the snippet `user-notice.md` has no translation: write includes/es/user-notice.md"),
    ("translation-unsafe-html", "es", add(ES, '<a href="javascript:alert(1)">x</a>'),
     f"{ES}:{{line}}: the page would contain a `javascript:` URL in `href`"),
]


def test_the_small_project_passes(mini):
    result = mini.run("check", "--locale", "en", "--locale", "es")
    assert result.stdout.strip() == "check (en es): no problems"


NEEDS_BUILD = {"broken-link", "unsafe-html", "translation-unsafe-html"}  # the rest: found before any build


@pytest.mark.parametrize("name, slug, breakage, expected", CASES, ids=[c[0] for c in CASES])
def test_each_rule_is_reported_with_file_and_line(mini, name, slug, breakage, expected):
    where = breakage(mini) or {}
    result = mini.run("check", "--locale", slug, *([] if name in NEEDS_BUILD else ["--no-build"]), ok=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected.format(**where) in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_check_takes_the_locales_of_the_files_it_is_given(mini):
    """What pre-commit passes: the changed files."""
    add(ES, "<style>p { color: red }</style>")(mini)
    result = mini.run("check", "docs/es/index.md", "strings/es.yml", ok=False)
    assert "check (es):" in result.stderr and f"{ES}:" in result.stdout


def test_a_number_may_be_grouped_as_the_language_groups_it(mini):
    """English 1,000 is German 1.000, French 1 000, Swiss 1'000: the same number."""
    mini.edit("docs/en/index.md", "within 30 days.", "within 30 days, for 1,000 requests.")
    mini.edit(ES, "30 días.", "30 días, para NUMBER solicitudes.")
    spanish = (mini / ES).read_text(encoding="utf-8")
    for grouped, found in (("1.000", False), ("1\u202f000", False), ("1000", False), ("1.001", True)):
        mini.write(ES, spanish.replace("NUMBER", grouped))
        result = mini.run("check", "--locale", "es", "--no-build", ok=False)
        assert ("the number 1000 of the English page is missing" in result.stdout) == found, (grouped, result.stdout)


def test_an_english_name_the_english_page_uses_may_be_kept(mini):
    """A law's English name in a translation ("Digital Services Act") is not a
    misspelling; a word the English page does not have is."""
    for kept, found in (("(Digital Services Act)", False), ("(Digital Servises Act)", True)):
        mini.edit(ES, "en un plazo de 30 días", f"en un plazo de 30 días {kept}")
        result = mini.run("check", "--locale", "es", "--no-build", ok=False)
        assert ("`Servises` is not in the es dictionary" in result.stdout) == found, result.stdout
        assert "`Services`" not in result.stdout and "`Digital`" not in result.stdout
        mini.edit(ES, f" {kept}", "")


def test_a_termbase_term_may_list_its_other_forms(mini):
    """Where a language changes the word itself (broken plurals, mutations), the
    termbase lists the other forms; an address that contains a term does not count."""
    mini.edit(ES, "ilícito", "ilegal")
    terms = (mini / "termbase/es.yml").read_text(encoding="utf-8")
    mini.write("termbase/es.yml", "\n".join(
        'illegal_content: ["contenido ilícito", "contenido ilegal"]' if line.startswith("illegal_content:") else line
        for line in terms.split("\n")))
    assert mini.run("check", "--locale", "es", "--no-build").stdout.strip() == "check (es): no problems"
    mini.write("termbase/es.yml", terms.replace("illegal_content:", "illegal_content: []\nx:", 1))
    result = mini.run("check", "--locale", "es", "--no-build", ok=False)
    assert "termbase/es.yml:1: `illegal_content`: a list holds the agreed term, then other forms of it" in result.stdout


def test_a_term_inside_an_address_or_a_compound_is_not_the_term(mini):
    mini.edit("docs/en/index.md", "Welcome.", "Welcome. Pages live at /en/your-rights/appeals/ and our "
              "service-of-process page explains the rest.")
    mini.edit(ES, "Te damos la bienvenida.", "Te damos la bienvenida. Las páginas están en /es/your-rights/appeals/ "
              "y la página de notificaciones judiciales explica el resto.")
    for word in ("reclamación", "reclamar", "Reclamar", "Reclamaciones"):  # no other mention of an appeal
        mini.edit(ES, word, "revisión") if word in (mini / ES).read_text(encoding="utf-8") else None
    mini.edit("docs/en/index.md", "Appeal a decision", "Review a decision")
    mini.edit("docs/en/index.md", "[Appeals]", "[Reviews]")
    result = mini.run("check", "--locale", "es", "--no-build", ok=False)
    assert "agreed term" not in result.stdout, result.stdout


@pytest.mark.parametrize("text, english", [
    ("Retningslinjer for rettshåndhevende myndigheter: hvordan politiet og andre myndigheter kan be oss "
     "om data, og hvilke regler vi følger når de gjør det.", False),  # Norwegian "for", "be"
    ("How the police and other authorities can ask us for data, and the rules we follow when they do.", True),
    ("法執行機関向けガイドライン (Guidelines for Law Enforcement) の説明です。", False),
])
def test_the_english_left_check_counts_every_latin_letter(text, english):
    from helpcenter.check import language
    assert language.is_english(text) == english
