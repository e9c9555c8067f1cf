"""What the domain keeps of a sign-in with ProConnect: the agent's structure, on their person.

The portal keeps a person's structure in one place, `Person.structure` (shown on network pages, searched
by animators when they add members). ProConnect says where an agent works (portal.proconnect sends it
with `signed_in`); it fills that field and never overwrites what an animator or an administrator wrote.

An agent with no person gets one, linked to their account, so that animators find them already linked
when they add them to a network. An existing person with the same address is left alone: linking a
person to an account hands over the roles of their memberships (an animator's rights), which is an
administrator's decision (README, « Animateurs »).
"""

import logging

from portal import proconnect

from .models import Person

logger = logging.getLogger(__name__)


def record_person(sender, user, structure="", created=False, **kwargs):
    person = Person.objects.filter(user=user).first()
    if person is not None:
        if structure and not person.structure:
            person.structure = structure[: Person._meta.get_field("structure").max_length]
            person.save(update_fields=["structure"])
        return
    email = (user.email or "").strip().lower()
    if not email:
        return
    if Person.objects.filter(email__iexact=email).exists():
        logger.info("person %s not linked to account %s: an administrator decides", email, user.username)
        return
    Person.objects.create(
        first_name=user.first_name[: Person._meta.get_field("first_name").max_length],
        last_name=user.last_name[: Person._meta.get_field("last_name").max_length],
        email=email,
        structure=structure[: Person._meta.get_field("structure").max_length],
        user=user,
    )


def connect():
    proconnect.signed_in.connect(record_person, dispatch_uid="practices.proconnect_signed_in")
