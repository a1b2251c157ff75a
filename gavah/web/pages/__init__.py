"""Server-rendered pages, one router per noun.

The claims layer (issue 3) adds four routers here, each a thin call to its pipeline with
`auth.viewer` (so clearance filtering and read auditing stay in the pipelines):
- sources.py: GET /sources -> sources.list_sources; GET /sources/{ref} -> sources.show
  (grade history); POST /sources/{ref}/grade (analyst) -> sources.assess.
- entities.py: GET /entities -> entities.list_entities; GET /entities/{ref} ->
  entities.show + timeline.timeline (positions and events) + claims.list_claims(about=ref)
  grouped by source; POST /entities/{ref}/merge (analyst) -> entities.merge / split.
- events.py: GET /events/{id} -> events.show + corroborate.corroborate_event.
- claims.py: GET /claims -> claims.list_claims; GET /claims/{id} -> claims.show_claim +
  corroborate.corroborate_claim; POST confirm/reject/edit (analyst, CsrfChecked) ->
  claims.confirm / reject / edit.
The item page then marks claim spans in its texts from claims.list_claims(item=id).
"""

from gavah.web.pages import account, auth, dashboard, docs, items, search, upload, users

ROUTERS = [auth.router, dashboard.router, search.router, items.router, upload.router,
           account.router, users.router, docs.router]
