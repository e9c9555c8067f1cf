"""Importing the fiches networks already have (text, Markdown, DOCX, ODT, PDF) as drafts in moderation.

reading → lines; recognising → fields with their sources; creating → the draft, its livrables and its
submission; report → what the screen and the JSON say; views → the admin page « Importer des fiches ».
"""
