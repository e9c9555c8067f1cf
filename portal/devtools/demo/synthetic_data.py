"""What a synthetic fiche is made of, and when: its data, the reference lists it draws on, its timeline.

Kept apart from synthetic_content (which writes the fiche) so that the dates every sentence must fit
in, and the months they are counted in, have one definition.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from practices.models.fiche import review_date_after

from . import synthetic_vocabulary as vocab

FIRST_YEAR = 2012
LAST_YEAR = 2026
# Publication dates are spread up to this fixed instant rather than "now", so that a fiche stays the
# same from one run to the next.
HORIZON = datetime.datetime(2026, 11, 1, 18, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
# A fiche is written once its démarche has run for a quarter at least: there is something to tell.
MIN_HINDSIGHT = 3  # months

@dataclass
class References:
    """The reference data a fiche is classified with, read once from the database."""

    region_names: dict  # code -> name, national included
    departments: dict  # region code -> [(code, name)], national excluded
    themes: dict  # slug -> (id, name), for every theme (editors may have added some)
    service_types: set
    actor_categories: set


@dataclass
class FicheData:
    number: int
    title: str
    intro: str
    carrying_structure: str
    service_type: str
    fonction_publique: str
    region: str
    departments: list
    start_year: int
    end_year: int | None
    themes: list  # ids, main theme first
    actor_categories: list
    tags: list
    sections: dict
    key_figures: list  # [(value, label)]
    contacts: list  # [(name, role, email)]
    first_published_at: datetime.datetime
    last_published_at: datetime.datetime
    review_date: datetime.date = field(init=False)

    def __post_init__(self):
        local = self.last_published_at.astimezone(HORIZON.tzinfo).date()
        self.review_date = review_date_after(local)


@dataclass
class Timeline:
    """When a démarche ran and when its fiche was written, in months counted as 12 * year + month - 1."""

    start: int
    end: int | None  # the last month of an ended démarche
    written: int  # the month of the fiche's last publication
    first_published_at: datetime.datetime
    last_published_at: datetime.datetime

    @property
    def until(self):
        """The last month the text may tell of."""
        return self.written if self.end is None else min(self.end, self.written)

    @property
    def span(self):
        """How many months the démarche had run by then."""
        return self.until - self.start


def month_of(moment):
    local = moment.astimezone(HORIZON.tzinfo)
    return 12 * local.year + local.month - 1


def month_start(month):
    return datetime.datetime(month // 12, month % 12 + 1, 1, 9, 0, tzinfo=HORIZON.tzinfo)


def duration_words(months):
    """A duration of at least six months as the text says it, rounded down: six mois, un an, trois ans."""
    if months >= 24:
        return f"{vocab.YEARS_IN_WORDS[months // 12]} ans"
    if months >= 18:
        return "dix-huit mois"
    return "un an" if months >= 12 else "six mois"
