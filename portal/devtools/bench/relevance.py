"""Does the right item come first? The relevance table (relevance_table.py) run through the search.

Each case is searched as a reader of the "Lecteurs" group would on /recherche/ (every content type,
ranked by relevance, typos corrected when the words give few results), against the demo content plus
synthetic fiches as distractors (2,000 by default). Per case:

- recall@10: the share of its expected items in the first ten results;
- reciprocal rank: 1 / the rank of the first result that is one of its expected items (0 when none is
  in the first ten), the usual definition: a case lists several items when they are equally right;
- for the "sans-resultat" group, both are 1 when nothing comes back, 0 otherwise.

Figures are means per group, and over all cases. `manage.py bench --pertinence` prints them and writes
them to its JSON report; tests/test_relevance.py holds the targets.
"""

import statistics
from dataclasses import dataclass, field

from django.db import connection
from django.test import RequestFactory
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import elastic
from search.outcome import SORT_RELEVANCE, Criteria
from search.service import SearchService

from .relevance_table import CASES, GROUPS

TOP = 10
NO_RESULT = "sans-resultat"


@dataclass
class CaseResult:
    case: object
    found: list  # slugs of the first TOP results
    total: int
    correction: dict | None = None

    @property
    def recall(self):
        if self.case.group == NO_RESULT:
            return 1.0 if self.total == 0 else 0.0
        return sum(1 for slug in self.case.expected if slug in self.found) / len(self.case.expected)

    @property
    def reciprocal_rank(self):
        if self.case.group == NO_RESULT:
            return 1.0 if self.total == 0 else 0.0
        ranks = [rank for rank, slug in enumerate(self.found, start=1) if slug in self.case.expected]
        return 1 / ranks[0] if ranks else 0.0


@dataclass
class GroupResult:
    group: str
    label: str
    cases: list = field(default_factory=list)

    @property
    def recall(self):
        return statistics.mean(result.recall for result in self.cases)

    @property
    def mrr(self):
        return statistics.mean(result.reciprocal_rank for result in self.cases)

    def as_json(self):
        return {"label": self.label, "cases": len(self.cases), "recall_at_10": round(self.recall, 4), "mrr": round(self.mrr, 4)}


def engine_name():
    backend = get_search_backend()
    if elastic.is_elastic(backend):
        return type(backend).__module__.rsplit(".", 1)[-1]
    return connection.vendor


def search(reader, q):
    request = RequestFactory().get("/recherche/", {"q": q})
    request.user = reader
    service = SearchService(request, per_page=TOP)
    return service.run(Criteria(q=q, sort=SORT_RELEVANCE))


def evaluate(reader, cases=CASES):
    """{group: GroupResult}, in the order of GROUPS."""
    groups = {group: GroupResult(group, label) for group, label in GROUPS.items()}
    for case in cases:
        outcome = search(reader, case.q)
        ids = list(outcome.page.object_list)
        slugs = dict(Page.objects.filter(pk__in=ids).values_list("pk", "slug"))
        found = [slugs[pk] for pk in ids]
        groups[case.group].cases.append(CaseResult(case, found, outcome.total, outcome.correction))
    return {group: result for group, result in groups.items() if result.cases}


def summary(groups):
    every = [result for group in groups.values() for result in group.cases]
    return {
        "engine": engine_name(),
        "cases": len(every),
        "recall_at_10": round(statistics.mean(result.recall for result in every), 4),
        "mrr": round(statistics.mean(result.reciprocal_rank for result in every), 4),
        "groups": {group: result.as_json() for group, result in groups.items()},
    }


def failures(groups):
    """The cases that missed, for the report: (case, first results, total)."""
    return [
        (result.case, result.found, result.total)
        for group in groups.values()
        for result in group.cases
        if result.recall < 1 or result.reciprocal_rank < 1
    ]
