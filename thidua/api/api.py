"""The REST API under /api/v1/ (django-ninja). Routers live in thidua/api/routers/."""

from ninja import NinjaAPI

api = NinjaAPI(title="thidua API", version="1", urls_namespace="api")
