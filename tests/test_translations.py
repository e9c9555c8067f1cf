"""Every text a person sees in a template goes through Django's translation tags (DESIGN.md, Conventions).

French is the source language: the msgids are the French texts themselves. Two checks:

- `untranslated_text` finds prose left outside {% translate %} / {% blocktranslate %}: visible text, the
  attributes that are read out (title, aria-label, alt, placeholder) and string literals passed to tags
  (`{% include … with error_title="…" %}`, `|default:"…"`), which must be `_("…")`;
- no msgid of the templates is taken over by another catalog: with no French catalog of our own, each
  one must come back unchanged (a French msgid that some installed app happens to translate would
  silently change a page).
"""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils import translation

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"

# Templates that are not pages of the portal.
EXCLUDED = {
    # The benchmark's floor (portal.devtools.bench.views, served only while `manage.py bench` runs): synthetic
    # filler cut to an exact byte count, which no reader ever sees.
    "devtools/bench_baseline.html",
}

# Text that stays literal wherever it appears, and why.
ALLOWED = {
    "République<br>Française": "the DSFR brand block (the Marianne logo): an official mark, never translated",
    "legifrance.gouv.fr": "official State sites linked from the DSFR footer: names, the same in every language",
    "info.gouv.fr": "official State sites linked from the DSFR footer",
    "service-public.fr": "official State sites linked from the DSFR footer",
    "data.gouv.fr": "official State sites linked from the DSFR footer",
}

READ_OUT_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")

COMMENTS = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}|{#.*?#}|<!--.*?-->", re.S)
BLOCK_TRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
CODE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
TRANSLATE_TAG = re.compile(r"{%\s*trans(?:late)?\s")
# A block that fills a class attribute ({% block body_class %}portal-fiche{% endblock %}) holds no text.
CLASS_BLOCK = re.compile(r"{%\s*block\s+\w*class\w*\s*%}.*?{%\s*endblock\b.*?%}", re.S)
# Literals in tags; _("…") is translated, and CSS classes (class="…", classname="…") are not text.
LITERAL = re.compile(r"""_\(\s*(?:"[^"]*"|'[^']*')\s*\)|(?:\b(\w+)=)?(?:"([^"]*)"|'([^']*)')""")
HTML_TAG = re.compile(r"<[^>]*>", re.S)
ATTRIBUTE = re.compile(r"\s(" + "|".join(READ_OUT_ATTRIBUTES) + r""")\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
WORD = re.compile(r"[^\W\d_]+")


def is_prose(literal):
    """A string literal in a tag that reads as text rather than a name, a path or a format."""
    if not re.search(r"[^\W\d_]{2}", literal):
        return False
    return bool(re.search(r"\s", literal) or re.search(r"[^\x00-\x7f]", literal) or re.match(r"[A-Z][a-z]", literal))


def without_allowed(text):
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    return text


def untranslated_text(source):
    """[(line number, text)] of what a person would see or hear untranslated in a template's source."""
    found = []

    def report(start, text):
        found.append((source.count("\n", 0, start) + 1, " ".join(text.split())))

    # Blank out rather than delete, so that offsets (hence line numbers) stay those of the source.
    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))

    text = COMMENTS.sub(blank, source)
    text = BLOCK_TRANSLATE.sub(blank, text)
    text = CLASS_BLOCK.sub(blank, text)
    text = CODE.sub(blank, text)
    text = without_allowed(text)
    for tag in TEMPLATE_TAG.finditer(text):
        if TRANSLATE_TAG.match(tag.group(0)):
            continue
        for literal in LITERAL.finditer(tag.group(0)):
            key, value = literal.group(1) or "", literal.group(2) if literal.group(2) is not None else literal.group(3)
            if value is not None and "class" not in key and is_prose(value):
                report(tag.start(), value)
    text = TEMPLATE_TAG.sub(blank, text)
    for tag in HTML_TAG.finditer(text):
        for attribute in ATTRIBUTE.finditer(tag.group(0)):
            value = html.unescape(attribute.group(2) if attribute.group(2) is not None else attribute.group(3))
            if WORD.search(value):
                report(tag.start(), f"{attribute.group(1)}={value}")
    text = HTML_TAG.sub(blank, text)
    for line_number, line in enumerate(text.split("\n"), start=1):
        if WORD.search(html.unescape(line)):
            found.append((line_number, " ".join(line.split())))
    return found


def portal_templates():
    return sorted(
        path.relative_to(TEMPLATES_DIR).as_posix()
        for path in TEMPLATES_DIR.rglob("*")
        if path.is_file() and path.suffix in (".html", ".txt")
    )


def test_the_templates_are_all_seen():
    names = portal_templates()
    assert len(names) > 50
    assert "practices/emails/join_request_new_body.txt" in names and "registration/password_reset_email.txt" in names
    assert EXCLUDED <= set(names), "an excluded template was moved or removed: update EXCLUDED"


def test_every_allowed_text_is_still_used():
    sources = "".join((TEMPLATES_DIR / name).read_text() for name in portal_templates())
    assert [text for text in ALLOWED if text not in sources] == []


@pytest.mark.parametrize("name", [name for name in portal_templates() if name not in EXCLUDED])
def test_no_visible_text_outside_translation_tags(name):
    found = untranslated_text((TEMPLATES_DIR / name).read_text())
    assert not found, f"{name}: text outside {{% translate %}} / {{% blocktranslate %}}:\n" + "\n".join(
        f"  line {line}: {text}" for line, text in found
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        ("<p>Bonjour</p>", [(1, "Bonjour")]),
        ('<p>{% translate "Bonjour" %}</p>', []),
        ("{% blocktranslate trimmed with n=x %}\n  Bonjour {{ n }}\n{% endblocktranslate %}", []),
        ("<p>{{ page.title }}</p>{% if a %}<br>{% endif %}", []),
        ('<a class="fr-link" href="/x/" data-x="abc">\n  Voir</a>', [(2, "Voir")]),
        ('<button title="Fermer">{% translate "Fermer" %}</button>', [(1, "title=Fermer")]),
        ('<img alt="{% translate "Logo" %}" src="a.png">', []),
        ('<input placeholder="Mots-clés">', [(1, "placeholder=Mots-clés")]),
        ('{% include "a/b.html" with error_title="Accès refusé" code="403" %}', [(1, "Accès refusé")]),
        ('{% include "a/b.html" with error_title=_("Accès refusé") %}', []),
        (
            "{{ name|default:\"Réseaux de pratiques\" }}{{ d|date:'d/m/Y' }}{{ t|time:'G \\h i' }}",
            [(1, "Réseaux de pratiques")],
        ),
        ("{% block body_class %}portal-fiche{% endblock %}", []),
        ('{% image img fill-80x80 class="fr-responsive-img portal-cover" alt="" %}', []),
        ("{# Un commentaire #}{% comment %}\nAutre\n{% endcomment %}<!-- encore -->", []),
        ("{% if n > 1 %}—{% endif %} · 12 %", []),
        ('<p class="fr-logo">République<br>Française</p>', []),
        ("Bonjour,\n\n{{ url }}\n", [(1, "Bonjour,")]),
    ],
)
def test_the_checker(source, expected):
    assert untranslated_text(source) == expected


def template_msgids(name):
    """The (singular, plural or None) messages a template looks up, as gettext receives them."""
    template = engines["django"].engine.get_template(name)
    messages = []
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        variable = node.filter_expression.var
        if getattr(variable, "literal", None) is not None:
            messages.append((str(variable.literal).replace("%", "%%"), None))
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        singular = node.render_token_list(node.singular)[0]
        plural = node.render_token_list(node.plural)[0] if node.plural else None
        messages.append((singular, plural))
    source = (TEMPLATES_DIR / name).read_text()
    tags = len(re.findall(r"{%\s*(?:trans|translate|blocktrans|blocktranslate)\s", COMMENTS.sub("", source)))
    assert len(messages) == tags, f"{name}: {tags} translation tags, {len(messages)} found in the compiled template"
    messages += [
        (match.group(1) or match.group(2), None) for match in re.finditer(r"""_\("([^"]*)"\)|_\('([^']*)'\)""", source)
    ]
    return messages


@pytest.mark.parametrize("name", [name for name in portal_templates() if name not in EXCLUDED])
def test_the_messages_come_back_unchanged_in_french(name):
    with translation.override(settings.LANGUAGE_CODE):
        for singular, plural in template_msgids(name):
            if plural is None:
                assert translation.gettext(singular) == singular, (name, singular)
            else:
                assert translation.ngettext(singular, plural, 1) == singular, (name, singular)
                assert translation.ngettext(singular, plural, 2) == plural, (name, plural)
