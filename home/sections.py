"""Blocks of the home page that other apps contribute (latest fiches, networks, collections…).

The home app does not know the domain: each app registers a provider in its AppConfig.ready(), and a
provider returns None when it has nothing to show, so the home page never shows an empty block.
"""

_providers = []


def register(provider):
    """provider(request, home_page) -> {"template": ..., ...context} or None"""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(request, home_page):
    return [section for section in (provider(request, home_page) for provider in _providers) if section]
