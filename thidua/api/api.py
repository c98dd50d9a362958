"""The REST API under /api/v1/ (django-ninja). Routers live in thidua/api/routers/.

Every route needs a bearer token (``auth=TokenAuth()``) except ``POST /auth/token`` and the OpenAPI
schema and docs page. Errors all have the shape of ``schemas.ErrorOut`` (see ``errors.py``).
"""

from ninja import NinjaAPI

from . import errors
from .auth import TokenAuth
from .docs import LocalSwagger
from .routers import auth, people, units, years


class ThiduaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # The view function's name (unique across the routers) makes readable client method names.
        return operation.view_func.__name__


api = ThiduaAPI(
    title="thidua API",
    version="1",
    description="Thi đua, khen thưởng ngành Giáo dục: đơn vị, cá nhân, năm học. Xác thực bằng `Authorization: Bearer <token>`.",
    urls_namespace="api",
    auth=TokenAuth(),
    docs=LocalSwagger(),
)
errors.install(api)
api.add_router("/auth", auth.router)
api.add_router("/units", units.router)
api.add_router("/people", people.router)
api.add_router("/school-years", years.router)
