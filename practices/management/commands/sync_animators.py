"""Recompute every network's animators group from the memberships.

Saving a membership already does it for its network (practices.signals). This command catches what no
save announces: a departure recorded in advance (left_on in the future) takes effect on its date, and a
group edited by hand in the admin is put back. Run it daily (README, "Tâches périodiques").
"""

from django.core.management.base import BaseCommand

from practices.animators import sync_network_group
from practices.models import NetworkPage


class Command(BaseCommand):
    help = "Recalcule les droits des animateurs de chaque réseau d'après les adhésions du jour."

    def handle(self, *args, **options):
        count = 0
        for network in NetworkPage.objects.select_related("animators_group").order_by("pk"):
            sync_network_group(network)
            count += 1
        if options["verbosity"]:
            self.stdout.write(f"Droits des animateurs recalculés pour {count} réseau(x).")
