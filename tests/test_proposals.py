"""« Proposer une pratique »: a reader's proposal becomes a draft fiche in moderation, and they follow it."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from portal import roles
from practices import proposals
from practices.models import PracticeIndexPage, PracticeSheetPage, Proposal, Region, Theme

from .factories import make_fiche, make_user

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Une rencontre par trimestre entre cadres de quatre préfectures et onze DDI.\n\n"
    "Chacun y apporte une difficulté de management ; les autres l'aident à la résoudre."
)


def valid(**overrides):
    data = {
        "title": "Un réseau breton d'échange entre managers",
        "carrying_structure": "DDTM des Côtes-d'Armor",
        "region": "53",
        "description": DESCRIPTION,
        "contact_email": "anne.le-bihan@exemple.gouv.fr",
    }
    data.update(overrides)
    return data


@pytest.fixture
def moderator_with_mail(db):
    return make_user(roles.MODERATORS, username="mod-mail", email="moderation@exemple.gouv.fr")


def propose(client, **overrides):
    return client.post(reverse("proposal_create"), valid(**overrides))


def the_fiche(proposal):
    return PracticeSheetPage.objects.get(pk=proposal.page_id)


# --- the form ---------------------------------------------------------------------------------------


def test_the_form_is_prefilled_with_the_readers_address_and_offers_plain_selects(reader_client, reader):
    response = reader_client.get(reverse("proposal_create"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{reader.email}"' in html
    assert '<select name="region"' in html and "Bretagne" in html and "Occitanie" in html
    assert "Proposer une pratique" in html


def test_the_fiches_page_and_the_footer_link_to_the_form(reader_client):
    html = reader_client.get("/fiches/").content.decode()
    assert html.count(f'href="{reverse("proposal_create")}"') >= 2  # above the listing, and in the footer
    assert f'href="{reverse("proposal_list")}"' in html


def test_my_account_leads_to_my_proposals(reader_client):
    html = reader_client.get(reverse("password_change")).content.decode()
    assert f'href="{reverse("proposal_list")}"' in html


def test_readers_have_no_admin_but_can_propose(reader_client):
    assert reader_client.get("/admin/").status_code == 403
    assert reader_client.get(reverse("proposal_create")).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("proposal_create"))
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


# --- what a proposal creates ---------------------------------------------------------------------------


def test_a_proposal_is_a_draft_fiche_owned_by_the_proposer_and_in_moderation(reader_client, reader, moderator_with_mail):
    response = propose(reader_client)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposal_sent", args=(proposal.pk,))

    fiche = the_fiche(proposal)
    assert fiche.get_parent().specific_class is PracticeIndexPage
    assert not fiche.live and fiche.owner == reader
    assert fiche.title == "Un réseau breton d'échange entre managers"
    assert fiche.carrying_structure == "DDTM des Côtes-d'Armor" and fiche.region_id == "53"
    # the text becomes the description, paragraph by paragraph, escaped
    assert fiche.description.startswith("<p>Une rencontre par trimestre")
    assert fiche.description.count("<p>") == 2
    assert [(c.name, c.email) for c in fiche.contacts.all()] == [(reader.get_full_name(), "anne.le-bihan@exemple.gouv.fr")]
    assert fiche.missing_parts()  # incomplete: the moderators complete it

    state = WorkflowState.objects.get(object_id=str(fiche.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.MODERATION_WORKFLOW
    assert state.requested_by == reader
    assert roles.MODERATORS in state.current_task_state.task.specific.groups.values_list("name", flat=True)
    assert fiche.get_latest_revision().user == reader


def test_the_moderators_are_notified_by_email(reader_client, moderator_with_mail):
    mail.outbox.clear()
    propose(reader_client)
    fiche = the_fiche(Proposal.objects.get())
    to_moderator = [message for message in mail.outbox if message.to == ["moderation@exemple.gouv.fr"]]
    assert len(to_moderator) == 1
    message = to_moderator[0]
    assert fiche.title in message.subject or fiche.title in message.body
    assert f"/admin/pages/{fiche.pk}/edit/" in message.body
    # the proposer is not told about their own submission
    assert not any(message.to == ["lecteur-test@test.reseaux.localhost"] for message in mail.outbox)


def test_the_moderators_email_says_it_is_a_readers_proposal_and_what_it_lacks(reader_client, moderator_with_mail, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True  # both parts, text and HTML
    mail.outbox.clear()
    propose(reader_client)
    [message] = [message for message in mail.outbox if message.to == ["moderation@exemple.gouv.fr"]]
    body = " ".join(message.body.split())
    assert body.startswith("Bonjour ")  # not Wagtail's « Salut »
    assert "Cette fiche est une proposition de pratique envoyée le" in body
    assert "(anne.le-bihan@exemple.gouv.fr) depuis le portail" in body
    assert "il manque encore le chapô, le type de structure, au moins un thème et les objectifs et finalités." in body
    [(html, _mimetype)] = message.alternatives
    assert "Proposition d&#x27;un lecteur" in html or "Proposition d'un lecteur" in html
    assert "il manque encore le chapô" in html


def test_a_fiche_submitted_in_the_admin_gets_wagtails_email_alone(contributor, moderator_with_mail):
    fiche = make_fiche("Une fiche de contributeur", publish=False)
    fiche.save_revision(user=contributor)
    mail.outbox.clear()
    fiche.get_workflow().start(fiche, contributor)
    to_moderator = [message for message in mail.outbox if message.to == ["moderation@exemple.gouv.fr"]]
    assert to_moderator and all("proposition de pratique" not in message.body for message in to_moderator)


def test_the_proposer_is_told_what_happens_next(reader_client):
    response = reader_client.get(propose(reader_client)["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Merci, votre proposition est envoyée" in html
    assert "Ce qui va se passer" in html and "anne.le-bihan@exemple.gouv.fr" in html
    assert f'href="{reverse("proposal_list")}"' in html


def test_two_proposals_with_the_same_title_get_two_fiches(reader_client):
    propose(reader_client)
    propose(reader_client)
    slugs = sorted(PracticeSheetPage.objects.filter(proposals__isnull=False).values_list("slug", flat=True))
    assert slugs == ["un-reseau-breton-dechange-entre-managers", "un-reseau-breton-dechange-entre-managers-2"]


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"title": ""}, "title", "Donnez un titre à la pratique."),
        ({"carrying_structure": "   "}, "carrying_structure", "Indiquez la structure qui porte la pratique."),
        ({"region": ""}, "region", "Choisissez la région de la pratique"),
        ({"region": "99"}, "region", "Cette région n'existe pas"),
        ({"description": "Trop court."}, "description", "caractères au moins"),
        ({"description": "x" * 5001}, "description", "raccourcissez-la à 5000 au plus"),
        ({"contact_email": "pas-une-adresse"}, "contact_email", "n'est pas valide"),
        ({"title": "t" * 201}, "title", "200 au plus"),
    ],
)
def test_bad_input_is_a_french_400_and_creates_nothing(reader_client, overrides, field, message):
    response = propose(reader_client, **overrides)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message.split("«")[0] in response.content.decode().replace("&#x27;", "'")
    assert not Proposal.objects.exists()
    assert not PracticeSheetPage.objects.filter(live=False).exists()


def test_a_reader_may_not_flood_the_moderators(reader_client, reader, settings):
    for n in range(proposals.MAX_PER_DAY):
        assert propose(reader_client, title=f"Pratique {n}").status_code == 302
    response = propose(reader_client, title="Une de trop")
    assert response.status_code == 429
    assert "Vous pourrez en proposer d'autres demain" in response.content.decode().replace("&#x27;", "'")
    assert Proposal.objects.filter(user=reader).count() == proposals.MAX_PER_DAY
    # another reader is not held back by the first one's proposals
    other = make_user(roles.READERS)
    reader_client.force_login(other)
    assert propose(reader_client, title="Une autre").status_code == 302


def test_only_get_and_post(reader_client):
    assert reader_client.put(reverse("proposal_create")).status_code == 405


# --- following one's proposals --------------------------------------------------------------------------


def statuses_on_the_page(client):
    response = client.get(reverse("proposal_list"))
    assert response.status_code == 200
    return {row["proposal"].title: row for row in response.context["rows"]}, response.content.decode()


def complete(fiche):
    fiche.intro = "Un réseau de cadres pour partager leurs pratiques de management."
    fiche.service_type_id = "ddi"
    fiche.objectives = "<p>Rompre l'isolement des managers.</p>"
    fiche.themes = list(Theme.objects.filter(slug="management"))
    return fiche


def test_the_status_of_each_proposal(reader_client, reader, moderator):
    for title in ("En attente", "Publiée", "Refusée", "Reprise en brouillon"):
        propose(reader_client, title=title)
    fiches = {p.title: the_fiche(p) for p in Proposal.objects.all()}

    published = complete(fiches["Publiée"])
    published.save_revision(user=moderator).publish(user=moderator)

    refused = WorkflowState.objects.get(object_id=str(fiches["Refusée"].pk))
    refused.current_task_state.specific.task.specific.on_action(
        refused.current_task_state, moderator, "reject", comment="Précisez les résultats obtenus, s'il vous plaît."
    )
    WorkflowState.objects.get(object_id=str(fiches["Reprise en brouillon"].pk)).cancel(user=moderator)

    rows, html = statuses_on_the_page(reader_client)
    assert {title: row["status"] for title, row in rows.items()} == {
        "En attente": "en-attente",
        "Publiée": "publiee",
        "Refusée": "refusee",
        "Reprise en brouillon": "brouillon",
    }
    assert "En attente de modération" in html and "Brouillon" in html
    assert f'href="{fiches["Publiée"].url}"' in html
    assert rows["Refusée"]["comment"] == "Précisez les résultats obtenus, s'il vous plaît."
    assert "Précisez les résultats obtenus" in html


def test_a_deleted_draft_stays_in_the_list(reader_client):
    propose(reader_client)
    the_fiche(Proposal.objects.get()).delete()
    rows, html = statuses_on_the_page(reader_client)
    assert [row["status"] for row in rows.values()] == ["supprimee"]


def test_other_readers_cannot_see_my_proposals(client, reader):
    client.force_login(reader)
    propose(client, title="Ma pratique confidentielle")
    proposal = Proposal.objects.get()
    other = make_user(roles.READERS)
    client.force_login(other)
    rows, html = statuses_on_the_page(client)
    assert rows == {} and "Ma pratique confidentielle" not in html
    assert "Vous n'avez encore proposé aucune pratique." in html
    assert client.get(reverse("proposal_sent", args=(proposal.pk,))).status_code == 404
    # nor the draft itself: it is not on the site
    assert client.get(the_fiche(proposal).url or "/fiches/un-reseau/").status_code == 404


def test_the_regions_offered_are_the_reference_list(reader_client):
    form = reader_client.get(reverse("proposal_create")).context["form"]
    assert list(form.fields["region"].queryset) == list(Region.objects.all())


# --- the moderators' decision, told to the proposer -------------------------------------------------------


def act(fiche, moderator, action, comment=""):
    state = WorkflowState.objects.get(object_id=str(fiche.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, moderator, action, comment=comment)


def test_an_approved_proposal_is_published_and_the_proposer_told_in_french(reader_client, reader, moderator):
    propose(reader_client)
    fiche = the_fiche(Proposal.objects.get())
    complete(fiche).save_revision(user=moderator)
    mail.outbox.clear()
    act(fiche, moderator, "approve")
    fiche.refresh_from_db()
    assert fiche.live
    [message] = mail.outbox  # the portal's, not Wagtail's "approved" notice with its admin link
    assert message.to == ["anne.le-bihan@exemple.gouv.fr"]
    assert message.subject.endswith("Votre proposition « Un réseau breton d'échange entre managers » est publiée")
    assert f"http://testserver{fiche.url}" in message.body
    assert "http://testserver/propositions/" in message.body
    assert "/admin/" not in message.body


def test_a_refused_proposal_tells_the_proposer_why(reader_client, reader, moderator):
    propose(reader_client)
    fiche = the_fiche(Proposal.objects.get())
    mail.outbox.clear()
    act(fiche, moderator, "reject", comment="Précisez les résultats obtenus.")
    [message] = mail.outbox
    assert message.to == ["anne.le-bihan@exemple.gouv.fr"]
    assert "n'a pas été publiée" in message.subject
    assert "Précisez les résultats obtenus." in message.body and "/admin/" not in message.body


def test_a_contributor_proposing_keeps_wagtails_notices(client, contributor, moderator):
    client.force_login(contributor)
    propose(client, contact_email=contributor.email)
    fiche = the_fiche(Proposal.objects.get())
    mail.outbox.clear()
    act(fiche, moderator, "reject", comment="À compléter.")
    # the portal's e-mail, and Wagtail's (a contributor can open the admin page it links to)
    assert len([m for m in mail.outbox if m.to == [contributor.email]]) == 2
