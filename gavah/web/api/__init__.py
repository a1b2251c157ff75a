"""The REST API under /api/v1, one router per noun (claims, entities, sources and events
join when the claims layer of issue 3 lands)."""

from gavah.web.api import items, me, search

ROUTERS = [me.router, items.router, search.router]
