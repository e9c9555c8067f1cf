"""Small factories: just enough to build the objects a test needs, with readable defaults."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

_counter = itertools.count(1)
PASSWORD = "mot-de-passe-de-test-1"


def make_user(*roles, username=None, password=PASSWORD, **fields):
    n = next(_counter)
    username = username or f"agent{n}"
    fields.setdefault("email", f"{username}@test.reseaux.localhost")
    fields.setdefault("first_name", "Agent")
    fields.setdefault("last_name", f"Numéro {n}")
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    if roles:
        user.groups.add(*Group.objects.filter(name__in=roles))
    return user
