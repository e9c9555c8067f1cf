"""Demo content for `manage.py load_demo`, one module per kind of content, each idempotent.

Every loader looks its objects up by a natural key (slug, username, code) and updates them in place,
so running the command twice changes nothing.
"""
