"""What every template may need to cache a fragment with Django's own `{% cache %}` tag.

    {% load cache %}{% cache fragment_timeout "footer" content_version %}…{% endcache %}

`content_version` is the key part that makes a fragment follow the content: the content version
(portal.cache), today's date and the site, so that a publication, a new day or another site never reads
an old fragment. A fragment that depends on anything else names it too (`page.pk`, `visibility`).
`shared_version` is the same for the shared version (everything but the pages): a fragment showing one
page's own content is keyed on it and on that page's token (`page_version` in the page's context).
During a preview (a draft shown under the live page's id), `content_version` is unique and
`fragment_timeout` is 0: the fragment is rendered, never read from nor written to the cache.
"""

import uuid

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .cache import FRAGMENT_TIMEOUT, SHARED_VERSION_KEY, content_key, versioned_key
from .serving import find_site


def fragment_cache(request):
    if getattr(request, "is_preview", False):
        unique = f"preview-{uuid.uuid4().hex}"
        return {"content_version": unique, "shared_version": unique, "fragment_timeout": 0}

    def key():
        site = find_site(request)
        return content_key(request, "fragment", site.pk if site else None)

    def shared():
        site = find_site(request)
        return versioned_key(SHARED_VERSION_KEY, request, "fragment", timezone.localdate().isoformat(), site.pk if site else None)

    return {
        "content_version": SimpleLazyObject(key),
        "shared_version": SimpleLazyObject(shared),
        "fragment_timeout": FRAGMENT_TIMEOUT,
    }
