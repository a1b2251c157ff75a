"""The REST API under /api/v1, one router per noun. Request and response models
(schemas/, one module per noun) document every response, so the schemathesis test
covers them."""

from gavah.web.api import cases, claims, entities, events, items, me, search, sources, victims

ROUTERS = [me.router, items.router, search.router, claims.router, entities.router,
           sources.router, events.router, cases.router, victims.router]
