"""Server-rendered pages, one router per noun. The claims layer of issue 3 adds
claims, entities, sources and events routers here (see their modules' docstrings)."""

from gavah.web.pages import account, auth, dashboard, docs, items, search, upload, users

ROUTERS = [auth.router, dashboard.router, search.router, items.router, upload.router,
           account.router, users.router, docs.router]
