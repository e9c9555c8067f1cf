"""The admin's home page shows each role what it comes for (practices.admin_dashboard).

A contributor: their drafts with what is missing, what waits in moderation, what was refused and why.
A moderator: the queue, oldest first. An animator: their networks' requests, arrivals and departures,
livrables by status, next sessions. Each panel costs the same number of queries with 2 items or 10.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import TaskState

from portal import roles
from practices.models import JoinRequest, PracticeSheetPage
from tests.factories import (
    make_animator,
    make_fiche,
    make_livrable,
    make_membership,
    make_network,
    make_user,
    make_workstream,
)

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def draft_of(user, title, **fields):
    fiche = make_fiche(title, publish=False, **fields)
    PracticeSheetPage.objects.filter(pk=fiche.pk).update(owner=user)
    fiche.refresh_from_db()
    return fiche


def submit(fiche, user):
    fiche.save_revision(user=user)
    fiche.get_workflow().start(fiche, user)
    fiche.refresh_from_db()
    return fiche


def reject(fiche, moderator, comment):
    task_state = fiche.current_workflow_state.current_task_state
    task_state.reject(user=moderator, comment=comment)


def queries_for(client, path="/admin/"):
    client.get(path)  # caches warm (session, settings, permissions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


# --- contributor --------------------------------------------------------------------------------------


def test_a_contributor_sees_their_drafts_with_what_is_missing(client, contributor):
    draft_of(contributor, "Brouillon sans chapô", intro="", themes=())
    draft_of(contributor, "Brouillon complet")
    make_fiche("Fiche d'un autre", publish=False)
    html = dashboard(client, contributor)
    assert "Mes fiches" in html and "Mes brouillons" in html
    assert "Brouillon sans chapô" in html and "complète à 67 %" in html
    assert "Il manque le chapô et au moins un thème." in html
    assert "Brouillon complet" in html and "la fiche peut être soumise à la modération" in html
    assert "Fiche d'un autre" not in html


def test_a_contributor_sees_what_waits_in_moderation_and_what_was_refused_with_the_comment(client, contributor, moderator):
    submit(draft_of(contributor, "Fiche soumise"), contributor)
    refused = submit(draft_of(contributor, "Fiche renvoyée"), contributor)
    reject(refused, moderator, "Précisez les objectifs : qui en bénéficie ?")
    html = dashboard(client, contributor)
    waiting = html.split("En attente de modération")[1]
    assert "Fiche soumise" in waiting and "soumise le" in waiting
    assert "1 fiche à reprendre" in html
    to_fix = html.split("à reprendre")[1].split("Mes brouillons")[0]
    assert "Fiche renvoyée" in to_fix and "Précisez les objectifs : qui en bénéficie ?" in to_fix
    assert moderator.get_full_name() in to_fix
    # a fiche in moderation or refused is not listed again as a plain draft
    drafts = html.split("Mes brouillons")[1].split("En attente de modération")[0]
    assert "Fiche soumise" not in drafts and "Fiche renvoyée" not in drafts


def test_a_contributor_with_nothing_gets_empty_states_and_a_way_to_start(client, contributor):
    html = dashboard(client, contributor)
    assert "Vous n'avez aucun brouillon en cours." in html and "Rédiger une fiche" in html
    assert "Aucune de vos fiches n'attend la modération." in html
    assert "À modérer" not in html and "Mes réseaux" not in html


def test_wagtails_duplicate_moderation_panels_are_gone(client, contributor, moderator):
    submit(draft_of(contributor, "Fiche soumise"), contributor)
    for user in (contributor, moderator):
        html = dashboard(client, user)
        assert 'id="objects-in-workflow' not in html and 'id="objects-to-moderate' not in html


def test_contributor_dashboard_queries_do_not_grow_with_the_drafts(client, contributor, moderator):
    client.force_login(contributor)

    def add(n):
        for i in range(n):
            draft_of(contributor, f"Brouillon {i}")
            submit(draft_of(contributor, f"Soumise {i}"), contributor)
            reject(submit(draft_of(contributor, f"Renvoyée {i}"), contributor), moderator, "À revoir")

    add(2)
    few = queries_for(client)
    add(8)
    many = queries_for(client)
    assert "Renvoyée 7" in client.get("/admin/").content.decode()
    assert many == few


# --- moderator ----------------------------------------------------------------------------------------


def test_the_moderation_queue_lists_the_oldest_first(client, contributor, moderator):
    recent = submit(draft_of(contributor, "Soumise hier"), contributor)
    old = submit(draft_of(contributor, "Soumise il y a un mois"), contributor)
    now = timezone.now()
    TaskState.objects.filter(pk=old.current_workflow_state.current_task_state.pk).update(started_at=now - datetime.timedelta(days=30))
    TaskState.objects.filter(pk=recent.current_workflow_state.current_task_state.pk).update(started_at=now - datetime.timedelta(days=1))
    html = dashboard(client, moderator)
    queue = html.split("À modérer")[1]
    assert "2 fiches attendent votre relecture" in queue
    assert queue.index("Soumise il y a un mois") < queue.index("Soumise hier")
    assert f"soumise par {contributor.get_full_name()}" in queue and "complète à 100 %" in queue
    assert "Mes fiches" not in html  # a moderator without drafts of their own


def test_the_moderation_queue_is_the_moderators_and_has_an_empty_state(client, contributor, moderator):
    html = dashboard(client, moderator)
    assert "À modérer" in html and "Aucune fiche n'attend de modération." in html
    submit(draft_of(contributor, "Soumise"), contributor)
    assert "À modérer" not in dashboard(client, contributor)


def test_fiches_past_their_review_date_are_shown_to_moderators_not_contributors(client, contributor, moderator):
    fiche = make_fiche("Fiche à relire")
    PracticeSheetPage.objects.filter(pk=fiche.pk).update(review_date=timezone.localdate() - datetime.timedelta(days=1))
    assert "Fiche à relire" in dashboard(client, moderator)
    assert "Fiche à relire" not in dashboard(client, contributor)


def test_moderator_dashboard_queries_do_not_grow_with_the_queue(client, contributor, moderator):
    def add(n):
        for i in range(n):
            submit(draft_of(contributor, f"Soumise {i}"), contributor)

    client.force_login(moderator)
    add(2)
    few = queries_for(client)
    add(8)
    many = queries_for(client)
    assert "Soumise 7" in client.get("/admin/").content.decode()
    assert many == few


# --- animator -----------------------------------------------------------------------------------------


def animated_network(animator, title="Réseau breton"):
    network = make_network(title)
    make_animator(network, animator)
    return network


def add_network_items(network, n, today):
    for i in range(n):
        make_membership(network, joined_on=today.replace(month=1, day=2))  # arrived this year
        make_membership(network, joined_on=datetime.date(2019, 1, 1), left_on=today.replace(month=1, day=3))
        JoinRequest.objects.create(network=network, user=make_user(roles.READERS))
        make_livrable(network, f"Livrable {network.pk}-{i}", status="realise" if i % 2 else "prevu")
        make_workstream(network, f"Chantier {i}", sessions=[{"date": today + datetime.timedelta(days=10 + i), "format": "visio"}])


def test_an_animator_sees_their_networks_figures(client, animator):
    today = timezone.localdate()
    network = animated_network(animator)
    other = make_network("Réseau d'un autre")
    add_network_items(network, 2, today)
    add_network_items(other, 1, today)
    html = dashboard(client, animator)
    panel = html.split("Mes réseaux")[1]
    assert "Réseau breton" in panel and "Réseau d&#x27;un autre" not in panel
    assert f"2 arrivées en {today.year}" in panel and "2 départs" in panel
    assert "2 demandes d'adhésion en attente" in panel
    # the animator's own membership and the two arrivals are current; the two departures are not
    assert "3 membres aujourd'hui" in panel
    assert "prévu : 1" in panel and "réalisé : 1" in panel
    assert "Chantier 0" in panel and "Chantier 1" in panel and "visioconférence" in panel


def test_an_animator_without_sessions_or_requests_gets_empty_states(client, animator):
    animated_network(animator)
    panel = dashboard(client, animator).split("Mes réseaux")[1]
    assert "Aucune demande d'adhésion en attente" in panel
    assert "Aucune séance de chantier à venir." in panel
    assert "aucun pour l'instant" in panel


def test_someone_who_animates_nothing_has_no_networks_panel(client, contributor):
    assert "Mes réseaux" not in dashboard(client, contributor)


def test_animator_dashboard_queries_do_not_grow_with_members_requests_livrables_sessions(client, animator):
    today = timezone.localdate()
    networks = [animated_network(animator, f"Réseau {i}") for i in range(2)]
    client.force_login(animator)
    for network in networks:
        add_network_items(network, 2, today)
    few = queries_for(client)
    for network in networks:
        add_network_items(network, 8, today)
    for i in range(3):
        animated_network(animator, f"Réseau de plus {i}")
    many = queries_for(client)
    html = client.get("/admin/").content.decode()
    assert "Réseau de plus 2" in html and re.search(r"10 demandes d'adhésion en attente", html)
    assert many == few


def test_an_administrator_sees_every_network_and_the_queue(client, administrator):
    make_network("Réseau A")
    make_network("Réseau B")
    html = dashboard(client, administrator)
    assert "Tous les réseaux" in html and "Mes réseaux" not in html
    panel = html.split("Tous les réseaux")[1]
    assert "Réseau A" in panel and "Réseau B" in panel
    assert "À modérer" in html
