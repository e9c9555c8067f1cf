"""One demo account per role. Only ever created where settings.PORTAL_DEMO_ACCOUNTS is true (dev).

An account whose e-mail is that of a person of the demo networks is linked to that person: the
`animateur` account is Yann Le Gall, coanimateur of the Bretagne network, so that signing in with it
shows what an animator may do there (practices.animators) and nowhere else. Run after the networks.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import roles
from practices.models import Person

ACCOUNTS = [
    # username, first name, last name, e-mail, role
    ("lecteur", "Claire", "Martin", "claire.martin@demo.reseaux.localhost", roles.READERS),
    ("contributeur", "Karim", "Benali", "karim.benali@demo.reseaux.localhost", roles.CONTRIBUTORS),
    ("moderateur", "Sophie", "Durand", "sophie.durand@demo.reseaux.localhost", roles.MODERATORS),
    ("animateur", "Yann", "Le Gall", "yann.legall@demo.reseaux.localhost", roles.ANIMATORS),
    ("admin", "Hélène", "Roux", "helene.roux@demo.reseaux.localhost", roles.ADMINISTRATORS),
]


def load():
    """Create or refresh the demo accounts; returns [(username, role)] or [] when disabled."""
    if not settings.PORTAL_DEMO_ACCOUNTS:
        return []
    User = get_user_model()
    created = []
    for username, first_name, last_name, email, role in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
        changed = (user.first_name, user.last_name, user.email, user.is_active) != (first_name, last_name, email, True)
        user.first_name, user.last_name, user.email, user.is_active = first_name, last_name, email, True
        if user.pk is None or not user.check_password(settings.PORTAL_DEMO_PASSWORD):
            user.set_password(settings.PORTAL_DEMO_PASSWORD)
            changed = True
        if changed:
            user.save()
        group = Group.objects.get(name=role)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        link_person(user)
        created.append((username, role))
    return created


def link_person(user):
    """Link `user` to the demo person with the same e-mail, unless either is already linked elsewhere."""
    person = Person.objects.filter(email=user.email).first()
    if person is None or person.user_id == user.pk:
        return
    if person.user_id is None and not Person.objects.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])  # its signal gives the user the animator rights of the person
