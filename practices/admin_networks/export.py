"""The members of a network as a CSV file that opens as it should in Excel.

Excel reads a CSV file as UTF-8 only when it starts with a byte order mark, and splits columns on the
semicolon in a French locale; it also runs any cell that starts like a formula. So: a BOM, `;`, CRLF,
dates as JJ/MM/AAAA, and an apostrophe before any cell that Excel would take for a formula (names and
structures come from people's own input, a join request for instance).
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

HEADER = (
    "Nom",
    "Prénom",
    "Adresse électronique",
    "Structure",
    "Fonction",
    "Type de structure",
    "Département",
    "Rôle",
    "Arrivée le",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def member_row(membership):
    person = membership.person
    return [
        neutralise(cell)
        for cell in (
            person.last_name,
            person.first_name,
            person.email,
            person.structure,
            person.job_title,
            person.service_type.name if person.service_type_id else "",
            str(person.department) if person.department_id else "",
            membership.get_role_display(),
            membership.joined_on.strftime("%d/%m/%Y"),
        )
    ]


def members_csv(memberships):
    """The CSV file's bytes: BOM, header, one line per membership."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for membership in memberships:
        writer.writerow(member_row(membership))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def members_csv_response(network, memberships):
    filename = f"membres-{network.slug}-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(members_csv(memberships), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


__all__ = ["HEADER", "members_csv", "members_csv_response", "neutralise"]
