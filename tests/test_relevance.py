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
LOOSER = {"fautes", "synonymes"}  # recall@10 >= 0.9, rank not held (the targets)


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


@pytest.mark.parametrize("group", list(GROUPS))
def test_recall_at_10(groups, group):
    result = groups[group]
    target = 0.9 if group in LOOSER else 1.0
    missed = [(r.case.q, r.found[:3]) for r in result.cases if r.recall < 1]
    assert result.recall >= target, f"{group} on {connection.vendor}: {result.recall:.3f}, missed {missed}"


@pytest.mark.parametrize("group", list(GROUPS))
def test_mean_reciprocal_rank(groups, group):
    result = groups[group]
    target = 0.0 if group in LOOSER else 0.95
    late = [(r.case.q, r.found[:3]) for r in result.cases if r.reciprocal_rank < 1]
    assert result.mrr >= target, f"{group} on {connection.vendor}: {result.mrr:.3f}, late {late}"


def test_no_result_means_no_result(groups):
    for result in groups[relevance.NO_RESULT].cases:
        assert result.total == 0 and result.correction is None, result.case.q
