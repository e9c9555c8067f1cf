"""The portal's routes plus the benchmark's floor (portal.devtools.bench.views.baseline).

Used only while `manage.py bench` runs (override_settings(ROOT_URLCONF=…)), so that the floor goes
through exactly the same resolver and middleware as the pages it is compared with, without adding a
route to the portal itself. The floor comes first: the portal's last route answers every other URL.
"""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

from .bench.views import baseline

urlpatterns = [
    path("banc-d-essai/socle/", baseline, name="bench_baseline"),
    *portal_urlpatterns,
]
