"""The REST API under /api/v1, one router per noun. The claims layer (issue 3) adds
GET /claims (claims.list_claims), GET /claims/{id} (claims.show_claim with
corroborate.corroborate_claim), GET /entities/{id} (entities.show with timeline.timeline),
GET /sources and GET /events/{id}, each with response models in models.py so that the
schemathesis test covers them too."""

from gavah.web.api import items, me, search

ROUTERS = [me.router, items.router, search.router]
