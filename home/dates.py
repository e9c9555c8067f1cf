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
