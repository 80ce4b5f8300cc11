"""The one figure label, place name, slug and Markdown escaper, shared by every output."""

from __future__ import annotations

import pytest

from generator.content.shared import load_vocabulary
from generator.core.settings import ROOT
from generator.model import Claim, Estimate, Place, format_range
from generator.model.figures import format_count
from generator.text.figures import figure_label
from generator.text.filters import country_names, format_number, short_place, slug_words, slugify
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


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (999, "999"), (4353, "4,353"), (4353.0, "4,353"), (1234567, "1,234,567"),
     (2.5, "2.5"), (1234.5, "1,234.5")],
)  # fmt: skip
def test_numbers_are_grouped_in_thousands_without_a_trailing_zero(value: float, text: str) -> None:
    assert format_count(value) == text
    assert format_number(value) == text


def test_every_printed_figure_groups_thousands_through_the_one_formatter() -> None:
    # Invented values: a claim, an estimate and a range as pages and the report print them.
    claim = Claim(min=1200, max=4353, qualifier="about", stated_by="Invented", source="x")
    assert claim.display == "about 1,200–4,353"
    estimate = Estimate(best=4353, low=1200, high=10000, rule="editor-judgement")
    assert estimate.display == "4,353 (1,200–10,000)"
    assert format_range(1000, 1000, 1000) == "1,000"
    assert format_number(None) == ""
    assert format_count(None) == "?"


def test_a_figure_of_words_only_reads_as_no_number_with_the_words_quoted() -> None:
    from generator.model import Figure
    from generator.text.figures import figure_value

    # Invented claims: words in a report's own language, and in English, never a count.
    words = [
        Claim(text="еще несколько ранены", stated_by="Invented", source="x"),
        Claim(text="several", stated_by="Invented", source="y"),
        Claim(text="several", stated_by="Invented", source="z"),
    ]
    figure = Figure(figure="injured", claims=tuple(words))
    assert figure_value(figure) == "no number: “еще несколько ранены”; “several”"
    counted = Figure(figure="injured", claims=(Claim(value=3, stated_by="I", source="x"),))
    assert figure_value(counted) == "3 reported"


def test_a_listing_names_the_first_place_and_counts_the_others() -> None:
    from generator.model import Incident
    from generator.text.filters import place_text

    # Invented places of an invented event.
    first = Place(country="KZ", region="Aktobe Region", settlement="Shubarshi")
    second = Place(country="KZ", region="Aktobe Region", settlement="Kenkiyak")
    one = Incident.model_construct(places=(first,))
    two = Incident.model_construct(places=(first, second))
    assert place_text(one) == "Shubarshi, Aktobe Region"
    assert place_text(two) == "Shubarshi, Aktobe Region (+1 more)"


def test_amounts_without_an_estimate_keep_their_currency() -> None:
    from generator.model import Figure
    from generator.text.figures import figure_value

    def damage(*claims: tuple[int, str]) -> Figure:
        # Invented amounts.
        made = (Claim(value=v, currency=c, stated_by="I", source="x") for v, c in claims)
        return Figure(figure="damage", claims=tuple(made))

    assert figure_value(damage((5, "KZT"), (9, "KZT"))) == "5–9 KZT reported"
    assert figure_value(damage((5, "KZT"))) == "5 KZT reported"
    assert figure_value(damage((5, "KZT"), (2, "USD"))) == "5 KZT; 2 USD reported"


def test_a_range_whose_top_is_only_at_least_says_so() -> None:
    from generator.model import Figure
    from generator.text.figures import figure_value

    def injured(*claims: tuple[int, str]) -> Figure:
        # Invented claims: 'nobody in hospital' and 'more than 40'.
        made = (Claim(value=v, qualifier=q, stated_by="I", source="x") for v, q in claims)
        return Figure(figure="injured", claims=tuple(made))

    assert figure_value(injured((0, "exact"), (40, "at-least"))) == "0 to at least 40 reported"
    assert figure_value(injured((40, "at-least"))) == "at least 40 reported"
    # A report that bounds the top at that number makes it the range's end again.
    assert figure_value(injured((0, "exact"), (40, "at-least"), (40, "exact"))) == "0–40 reported"
