"""load_demo: idempotent, and demo accounts only where the settings allow them."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Revision

from portal.devtools.management.commands.load_demo import DEMO_SYNTHETIC_FICHES
from portal.roles import ROLES
from practices.models import PracticeSheetPage, Region

pytestmark = pytest.mark.django_db


def snapshot():
    """Row counts of every model, and the latest revision id: what a second run must not change."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models() if not model._meta.proxy}
    counts.pop("wagtailsearch.IndexEntry", None)  # rebuilt by update_index on every run
    counts.pop("sessions.Session", None)
    latest = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    return counts, latest


def run_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice_changes_nothing_and_prints_one_account_per_role():
    """Both from the same two runs: each run of the loader costs seconds in the suite."""
    output = run_demo()
    first = snapshot()
    run_demo()
    assert snapshot() == first

    # about sixty synthetic fiches by default, every region having some, not one more on the second run
    synthetic = PracticeSheetPage.objects.live().filter(slug__startswith="fiche-synthetique-")
    assert synthetic.count() == DEMO_SYNTHETIC_FICHES == 60
    assert set(synthetic.values_list("region_id", flat=True)) == set(Region.objects.values_list("code", flat=True))

    User = get_user_model()
    for username, role in [
        ("lecteur", "Lecteurs"),
        ("contributeur", "Contributeurs"),
        ("moderateur", "Modérateurs"),
        ("animateur", "Animateurs"),
        ("admin", "Administrateurs"),
    ]:
        user = User.objects.get(username=username)
        # One role each; the animateur is also in the group of the network he animates (practices.animators).
        role_groups = user.groups.filter(name__in=[r.name for r in ROLES]).values_list("name", flat=True)
        assert list(role_groups) == [role]
        assert not user.groups.exclude(name=role).exclude(animated_network__isnull=False).exists()
        assert user.check_password("reseaux-demo-2026")
        assert username in output
    assert "reseaux-demo-2026" in output


@override_settings(PORTAL_DEMO_ACCOUNTS=False)
def test_no_account_outside_dev_settings():
    output = run_demo()
    assert get_user_model().objects.count() == 0
    assert "mot de passe" not in output


def test_dev_settings_are_the_only_ones_with_demo_accounts():
    import portal.settings.base as base
    import portal.settings.dev as dev

    assert dev.PORTAL_DEMO_ACCOUNTS is True
    assert base.PORTAL_DEMO_ACCOUNTS is False
    # production.py does not turn them on
    source = (base.BASE_DIR / "portal" / "settings" / "production.py").read_text()
    assert "PORTAL_DEMO_ACCOUNTS" not in source
