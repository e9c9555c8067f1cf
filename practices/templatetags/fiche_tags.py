from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def fiche_for_display(context, fiche):
    """{% fiche_for_display page as page %}: the fiche with everything its page shows loaded at once.

    Used inside the fiche page's cached fragment, so that a cached read loads nothing.
    """
    return fiche.for_display(context.get("request"))
