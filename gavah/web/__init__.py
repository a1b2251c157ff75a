"""The web app and REST API: create_app(settings) builds it; `gavah serve`
runs it under uvicorn."""
