"""Building the page tree from data migrations, where only historical models exist.

Historical models have no treebeard API, so paths and child counts are written by hand here, once,
for every migration that creates a structural page (home page, fiches index, networks index…).
"""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number):
    digits = ""
    while True:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
        if number == 0:
            return digits.rjust(STEPLEN, "0")


def add_child_page(apps, parent, model_label, **fields):
    """Create a live page of `model_label` under `parent`; returns it, or the existing one with that slug."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    existing = model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1, slug=fields["slug"]).first()
    if existing is not None:
        return existing
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    position = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    fields.setdefault("draft_title", fields["title"])
    page = model.objects.create(
        content_type=content_type,
        path=parent.path + _encode(position),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        locale_id=parent.locale_id,
        live=True,
        has_unpublished_changes=False,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page
