"""Request and response models of the REST API, one module per noun as in
gavah/web/api/: they document the API (OpenAPI at /docs) and schemathesis checks every
response against them."""
