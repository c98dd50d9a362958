"""The REST API under /api/v1/ (django-ninja). Routers live in thidua/api/routers/.

Every route needs a bearer token (``auth=TokenAuth()``) except ``POST /auth/token`` and the OpenAPI
schema and docs page. Errors all have the shape of ``schemas.ErrorOut`` (see ``errors.py``).
"""

from ninja import NinjaAPI

from . import errors
from .auth import TokenAuth
from .docs import LocalSwagger
from .routers import auth, calendar, eligibility, notifications, people, tokens, units, years
from .routers import awards as awards_routes
from .routers import councils as councils_routes
from .routers import disclosures as disclosures_routes
from .routers import documents as documents_routes
from .routers import dossiers as dossiers_routes
from .routers import imports as imports_routes
from .routers import initiatives as initiatives_routes
from .routers import movements as movements_routes
from .routers import nominations as nominations_routes
from .routers import registrations as registrations_routes
from .routers import round_documents as round_documents_routes
from .routers import scoring as scoring_routes
from .routers import scoring_sheets as scoring_sheets_routes


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
errors.install_server_error(api)
api.add_router("/auth", auth.router)
api.add_router("/auth/tokens", tokens.router)
api.add_router("/units", units.router)
api.add_router("/people", people.router)
api.add_router("/school-years", years.router)
api.add_router("/imports", imports_routes.router)
api.add_router("/catalogue", awards_routes.catalogue_router)
api.add_router("/base-salaries", awards_routes.base_salary_router)
api.add_router("/decisions", awards_routes.decisions_router)
api.add_router("/decisions", documents_routes.decision_documents_router)
api.add_router("/awards", awards_routes.awards_router)
api.add_router("/people", awards_routes.people_ledger_router)
api.add_router("/units", awards_routes.units_ledger_router)
api.add_router("/eligibility", eligibility.router)
api.add_router("/notifications", notifications.router)
api.add_router("/calendar", calendar.router)
api.add_router("/movements", movements_routes.router)
api.add_router("/movement-responses", movements_routes.responses_router)
api.add_router("/registrations", registrations_routes.router)
api.add_router("/initiatives", initiatives_routes.router)
api.add_router("/clusters", scoring_routes.clusters_router)
api.add_router("/scoring-rounds", scoring_routes.rounds_router)
api.add_router("/scoring-sheets", scoring_sheets_routes.router)
api.add_router("/review-rounds", nominations_routes.rounds_router)
api.add_router("/nomination-lines", nominations_routes.lines_router)
api.add_router("/dossiers", dossiers_routes.router)
api.add_router("/councils", councils_routes.router)
api.add_router("/disclosures", disclosures_routes.router)
api.add_router("/review-rounds", round_documents_routes.round_documents_router)
api.add_router("/nomination-lines", round_documents_routes.line_documents_router)
api.add_router("/paper-bundles", round_documents_routes.bundles_router)
