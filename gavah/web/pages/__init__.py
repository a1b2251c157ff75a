"""Server-rendered pages, one router per noun. Each route calls one pipeline function
with `auth.viewer`, so that clearance filtering and read auditing stay in the pipelines
(the claims layer's pages read through gavah.pipelines.dossiers, the victim registry's
through gavah.pipelines.victims.browse and estimate.saved)."""

from gavah.web.pages import (
    account,
    auth,
    capture,
    cases,
    claims,
    dashboard,
    docs,
    entities,
    estimate,
    events,
    items,
    keys,
    search,
    sources,
    tokens,
    upload,
    users,
    victims,
)

ROUTERS = [auth.router, dashboard.router, search.router, items.router, upload.router,
           capture.router, claims.router, entities.router, sources.router, events.router,
           victims.router, estimate.router, cases.router, account.router, keys.router,
           tokens.router, users.router, docs.router]
