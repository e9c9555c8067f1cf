"""Turn every route of the URLconf into a concrete URL that resolves back to the same view."""

import itertools
import re

from django.urls import Resolver404, get_resolver, resolve

from portal.urls import iter_patterns

_CONVERTERS = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": "0b1f5e3c-7d6a-4a55-9c3e-2f0a9d8e7b61"}
_GROUP = re.compile(r"\((?:\?P<\w+>)?((?:[^()]|\([^()]*\))*)\)")
_CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")


def _regex_literal(fragment):
    """A sample string for a small regex fragment (what Django and Wagtail routes actually use)."""
    if re.search(r"\\d|\[0-9\]", fragment):
        return "1"
    if "|" in fragment:
        return fragment.split("|")[0]
    return "x"


def _candidates(route):
    route = _CONVERTER.sub(lambda m: _CONVERTERS.get(m.group(1) or "str", "x"), route)
    route = re.sub(r"(?<!\[)\^", "", route).replace("$", "").replace("\\Z", "")
    groups = _GROUP.findall(route)
    options = [[_regex_literal(g), "1", "x", ""] for g in groups]
    for choice in itertools.product(*options) if options else [()]:
        values = iter(choice)
        url = _GROUP.sub(lambda _match, values=values: next(values), route)
        url = re.sub(r"\[\^/\][*+]|\.\*|\.\+|\\w\+|\[-\\w\]\+", "x", url)
        url = url.replace("\\.", ".").replace("?", "")
        yield "/" + url


def concrete_urls():
    """[(url, route, pattern)] for every route, and the routes that could not be turned into a URL."""
    found, missing = [], []
    for route, pattern in iter_patterns(get_resolver().url_patterns):
        for url in _candidates(route):
            try:
                match = resolve(url)
            except Resolver404:
                continue
            if match.func is pattern.callback:
                found.append((url, route, pattern))
                break
        else:
            missing.append(route)
    return found, missing
