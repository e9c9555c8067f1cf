"""The database refuses two periods of one person in one network that share a day.

The partial unique constraint of 0004 covers only periods with no departure date: a departure dated in
advance left the door open to a second active period, for any write that skips Membership.clean()
(an import, a bulk update, a script). Periods are half-open, [joined_on, left_on): leaving one day and
coming back the same day is two periods, not an overlap, as Membership.overlapping_periods says.

- PostgreSQL: an exclusion constraint over the date range (btree_gist lets it compare the ids too).
- SQLite: a trigger before each insert and update, which aborts the statement (an IntegrityError).
"""

from django.db import migrations

PG_CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE practices_membership ADD CONSTRAINT membership_periods_never_overlap
    EXCLUDE USING gist (
        network_id WITH =,
        person_id WITH =,
        daterange(joined_on, left_on, '[)') WITH &&
    );
"""
PG_DROP = "ALTER TABLE practices_membership DROP CONSTRAINT IF EXISTS membership_periods_never_overlap;"

# NEW.left_on IS NULL: an open period, which overlaps anything that has not ended by its start.
SQLITE_OVERLAP = """
EXISTS (
    SELECT 1 FROM practices_membership AS other
    WHERE other.network_id = NEW.network_id AND other.person_id = NEW.person_id AND other.id != {new_id}
      AND (other.left_on IS NULL OR other.left_on > NEW.joined_on)
      AND (NEW.left_on IS NULL OR other.joined_on < NEW.left_on)
)
"""
SQLITE_CREATE = [
    f"""
CREATE TRIGGER membership_periods_never_overlap_{event.lower()}
BEFORE {event} ON practices_membership
WHEN {SQLITE_OVERLAP.format(new_id=new_id)}
BEGIN
    SELECT RAISE(ABORT, 'membership_periods_never_overlap');
END;
"""
    for event, new_id in (("INSERT", "-1"), ("UPDATE", "NEW.id"))
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS membership_periods_never_overlap_insert;",
    "DROP TRIGGER IF EXISTS membership_periods_never_overlap_update;",
]


# vendor -> (statements that create the guard, statements that drop it); other databases get none.
STATEMENTS = {"postgresql": ([PG_CREATE], [PG_DROP]), "sqlite": (SQLITE_CREATE, SQLITE_DROP)}


def run(which):
    def operation(apps, schema_editor):
        for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[which]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("practices", "0006_network_scope_local")]

    operations = [migrations.RunPython(run(0), run(1))]
