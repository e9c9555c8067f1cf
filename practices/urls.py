"""The portal's own routes for the practices domain, outside the page tree (which Wagtail serves).

Mounted at the root (portal.urls), each with its own prefix: asking to join a network, and proposing a
practice (« Proposer une pratique », « Mes propositions »).
"""

from django.urls import path

from . import join_requests, proposals

urlpatterns = [
    path("reseaux-demandes/<int:network_id>/", join_requests.send_join_request, name="network_join_request"),
    path("propositions/", proposals.my_proposals, name="proposal_list"),
    path("propositions/nouvelle/", proposals.propose, name="proposal_create"),
    path("propositions/<int:proposal_id>/envoyee/", proposals.sent, name="proposal_sent"),
]
