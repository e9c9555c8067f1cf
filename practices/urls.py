"""The portal's own routes for networks, outside the page tree (which Wagtail serves)."""

from django.urls import path

from . import join_requests

urlpatterns = [
    path("<int:network_id>/", join_requests.send_join_request, name="network_join_request"),
]
