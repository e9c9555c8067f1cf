"""The admin area of the networks: people, memberships and join requests, for animators and administrators.

Split by concept: who may act (permissions), people (the Person snippet), the members of a network
(views, forms, export), join requests (requests), and how it all appears in the admin menu
(viewsets). practices.wagtail_hooks registers it.
"""
