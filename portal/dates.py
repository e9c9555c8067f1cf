"""Dates written as French prose writes them: « 1er septembre 2021 », « mardi 1er avril 2025 ».

Django's French format ("j F Y") gives « 1 septembre 2021 »; typography wants the ordinal for the first
of the month only.
"""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format


def long_date(value, with_weekday=False):
    """The date of `value` (a date, or an aware datetime shown in the local time zone), or "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {date_format(value, 'F Y')}"
    return f"{date_format(value, 'l')} {text}" if with_weekday else text


def active_years(start, end=None, today=None):
    """The years something ran: from `start` to `end`, or to this year when it has no end (still running).

    What the search's "Année" facet counts: a practice led from 2018 to 2020 is found under 2019 too.
    A start in the future is that one year; no start, no year.
    """
    if not start:
        return []
    this_year = (today or timezone.localdate()).year
    last = end if end else max(start, this_year)
    return list(range(start, max(start, last) + 1))
