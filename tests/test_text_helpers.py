"""The one figure label, place name, slug and Markdown escaper, shared by every output."""

from __future__ import annotations

import pytest

from generator.content.validate import load_vocabulary
from generator.core.settings import ROOT
from generator.model import Place
from generator.text.filters import country_names, figure_label, short_place, slug_words, slugify
from generator.text.markdown import md_escape

VOCABULARY, _ = load_vocabulary(ROOT / "content" / "vocabulary.yaml", ROOT)
COUNTRIES = country_names(VOCABULARY)


@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("total", "Killed"),
        ("security-forces", "Killed (security forces)"),
        ("perpetrators", "Killed (perpetrators)"),
        ("unknown", "Killed (role unknown)"),
    ],
)
def test_figure_label_names_the_role_in_parentheses(role: str, label: str) -> None:
    assert figure_label("killed", role, VOCABULARY) == label


@pytest.mark.parametrize(
    ("place", "name"),
    [
        # The most specific part, then the region.
        (Place(country="KZ", region="Aktobe Region", settlement="Aktobe"), "Aktobe, Aktobe Region"),
        (Place(country="KZ", region="Almaty", settlement="Almaty"), "Almaty"),
        (Place(country="KZ", region="Almaty", landmark="Kok Bazaar"), "Kok Bazaar, Almaty"),
        (Place(country="KZ", district="Turksib", address="Suyunbay Avenue 2"), "Suyunbay Avenue 2"),
        # Nothing but the country: its name, never its code.
        (Place(country="KZ"), "Kazakhstan"),
    ],
)
def test_short_place_is_the_one_name_of_a_place(place: Place, name: str) -> None:
    assert short_place(place, COUNTRIES) == name


def test_short_place_without_country_names_uses_the_iso_name() -> None:
    assert short_place(Place(country="KZ")) == "Kazakhstan"
    assert short_place(Place(country="KG")) == "Kyrgyzstan"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Kazinform", "kazinform"),
        ("Ministry of Internal Affairs (MVD)", "ministry-of-internal-affairs-mvd"),
        ("Tengrinews.kz", "tengrinews-kz"),
        ("Nur-Sultan", "nur-sultan"),
        ("Zhetisu's Police", "zhetisus-police"),
        ("Café Résumé", "cafe-resume"),
        # Russian and Kazakh are transliterated, not dropped.
        ("Нападение в Ақтөбе", "napadenie-v-aqtobe"),
        ("Щучинск", "shchuchinsk"),
        # Nothing left in ASCII: a short hash of the name.
        ("警察", "n-910a3de487"),
    ],
)
def test_slugify_transliterates_and_joins_words_with_hyphens(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugify_cuts_at_sixty_characters_without_a_trailing_hyphen() -> None:
    assert slugify("word " * 20) == "-".join(["word"] * 12)


def test_slug_words_are_the_words_of_the_slug() -> None:
    assert slug_words("Нападение в Ақтөбе") == ["napadenie", "v", "aqtobe"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*bold* _x_ `code` # [link](u)", r"\*bold\* \_x\_ \`code\` \# \[link\]\(u\)"),
        ("a | b", r"a \| b"),
        ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
        ("~~struck~~", "&#126;&#126;struck&#126;&#126;"),
        ("two\n  lines", "two lines"),
        ('it\'s "quoted"', "it&#x27;s &quot;quoted&quot;"),
    ],
)
def test_md_escape_writes_record_text_as_literal_markdown(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped
