"""Animators' page rights follow the memberships, including departures that take effect later."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from practices.animators import can_manage_network
from practices.models import Membership

from .factories import make_animator, make_network, make_user

pytestmark = pytest.mark.django_db


def test_a_departure_dated_in_the_future_takes_effect_when_the_daily_sync_runs():
    network = make_network()
    user = make_user("Animateurs")
    membership = make_animator(network, user)
    membership.record_departure(timezone.localdate() + timedelta(days=30))
    network.refresh_from_db()
    assert user in network.animators_group.user_set.all()  # still animating until then

    # The date comes: nothing is saved that day, so only the periodic job can notice.
    Membership.objects.filter(pk=membership.pk).update(left_on=timezone.localdate())
    assert not can_manage_network(user, network)
    call_command("sync_animators", verbosity=0)
    assert user not in network.animators_group.user_set.all()


def test_a_group_edited_by_hand_is_put_back():
    network = make_network()
    animator, intruder = make_user("Animateurs"), make_user("Animateurs")
    make_animator(network, animator)
    network.refresh_from_db()
    network.animators_group.user_set.add(intruder)
    call_command("sync_animators", verbosity=0)
    assert set(network.animators_group.user_set.all()) == {animator}
