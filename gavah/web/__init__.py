"""The web app and REST API (issue 4): create_app(settings) builds it; `gavah serve`
runs it under uvicorn."""
