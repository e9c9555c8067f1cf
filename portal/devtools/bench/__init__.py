"""The search and reading benchmark behind `manage.py bench` (see docs/performance.md).

Why it exists: the portal promises a reader an answer in well under a tenth of a second at 10,000 fiches,
on SQLite as on PostgreSQL, and a number of SQL queries per page that does not grow with the content.
Those promises are checked here, by measure, never by timed unit tests.

Split in three so that each part can be used alone:

- `database`: a throwaway database of the configured engine, created and dropped around a run;
- `measures`: builds the content in the *current* database and times each measure through the whole
  middleware stack (the test suite runs this part inside its own test database);
- `report`: the French table and the JSON file.

`views.baseline` and `portal.devtools.bench_urls` serve the floor the fiche page is compared with.
"""

from . import relevance, replay
from .measures import MEASURES, BenchError, run

__all__ = ["MEASURES", "BenchError", "relevance", "replay", "run"]
