"""The relevance table (portal/devtools/bench/relevance_table.py) keeps passing, on the database the
suite runs on: the demo content plus 2,000 synthetic fiches as distractors, searched as a reader.

The targets are the issue's: recall@10 = 1 and MRR ≥ 0.95 in every group, recall@10 ≥ 0.9 for typos
and synonyms (whose rank is not held: a corrected or expanded word may rightly find another page
first). The same targets for every group and on every engine: no group has a lower one of its own.
"""

import pytest
from django.db import connection

from portal.devtools.bench import relevance
from portal.devtools.bench.measures import bench_settings, prepare
from portal.devtools.bench.relevance_table import CASES, GROUPS

DISTRACTORS = 2_000
pytestmark = pytest.mark.django_db
LOOSER = {"fautes", "synonymes"}  # recall@10 >= 0.9, rank not held (the issue's targets)


@pytest.fixture(scope="module")
def groups(built_once):
    with built_once(), bench_settings():
        reader = prepare(DISTRACTORS)
        yield relevance.evaluate(reader)


def test_the_table_covers_every_phenomenon():
    assert len(CASES) >= 80
    by_group = {group: [case for case in CASES if case.group == group] for group in GROUPS}
    assert all(len(cases) >= 6 for cases in by_group.values()), {g: len(c) for g, c in by_group.items()}
    assert len({case.q for case in CASES}) == len(CASES)
    assert all(case.expected for case in CASES if case.group != relevance.NO_RESULT)
    assert not any(case.expected for case in by_group[relevance.NO_RESULT])


def test_every_group_meets_the_issues_targets(groups):
    """Recall@10 and MRR of every group, and no result where none is expected.

    One test over the module's data: split over the suite's workers, each would build the 2,000
    distractors again (half a minute). The message names every group that misses, with its queries.
    """
    misses = []
    for group in GROUPS:
        result = groups[group]
        recall_target = 0.9 if group in LOOSER else 1.0
        mrr_target = 0.0 if group in LOOSER else 0.95
        if result.recall < recall_target:
            missed = [(r.case.q, r.found[:3]) for r in result.cases if r.recall < 1]
            misses.append(f"{group}: recall@10 {result.recall:.3f} < {recall_target}, missed {missed}")
        if result.mrr < mrr_target:
            late = [(r.case.q, r.found[:3]) for r in result.cases if r.reciprocal_rank < 1]
            misses.append(f"{group}: MRR {result.mrr:.3f} < {mrr_target}, late {late}")
    for result in groups[relevance.NO_RESULT].cases:
        if result.total or result.correction is not None:
            misses.append(f"{result.case.q!r}: {result.total} results, correction {result.correction!r} (none expected)")
    assert not misses, f"on {connection.vendor}:\n" + "\n".join(misses)
