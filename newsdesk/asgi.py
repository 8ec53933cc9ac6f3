"""The ASGI entry point under Django's conventional name, for any ASGI server:
``uvicorn newsdesk.asgi:application``. The front itself is
``newsdesk/server/asgi.py``; ``newsdesk serve`` runs it."""

from newsdesk.server.asgi import application

__all__ = ["application"]
