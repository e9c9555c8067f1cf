from django import template
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main navigation: the home page and its live children marked "show in menus".

    A section appears once its page exists and is published, so the menu never links to nothing.
    """
    request = context.get("request")
    root = _site_root(request)
    if root is None:
        return {"items": []}
    current = context.get("page") or context.get("self")
    current_path = current.path if isinstance(current, Page) else ""
    active_section = context.get("active_section", "")
    items = [{"title": _("Accueil"), "url": root.get_url(request), "active": current_path == root.path}]
    for page in root.get_children().live().in_menu().only("id", "title", "slug", "path", "depth", "url_path"):
        url = page.get_url(request)
        active = bool(current_path and current_path.startswith(page.path)) or (active_section and active_section == url)
        items.append({"title": page.title, "url": url, "active": active})
    return {"items": items}


@register.simple_tag(takes_context=True)
def breadcrumb_data(context):
    """Breadcrumb for the current page: a view's own `breadcrumb_data`, or the page's ancestors."""
    if context.get("breadcrumb_data"):
        return context["breadcrumb_data"]
    page = context.get("page")
    if page is not None and hasattr(page, "breadcrumb_data"):
        return page.breadcrumb_data(context.get("request"))
    return None
