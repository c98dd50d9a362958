from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from thidua.accounts import views as account_views
from thidua.api.api import api

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("thidua.accounts.urls")),
    path("units/", include("thidua.org.urls")),
    path("people/", include("thidua.people.urls")),
    path("audit/", include("thidua.audit.urls")),
    path("pick/", include("thidua.core.pickers")),
    path("imports/", include("thidua.imports.urls")),
    path("awards/", include("thidua.awards.urls")),
    path("", include("thidua.documents.urls")),
    path("eligibility/", include("thidua.rules.urls")),
    path("notifications/", include("thidua.notifications.urls")),
    path("calendar/", include("thidua.years.urls")),
    path("movements/", include("thidua.movements.urls")),
    path("scoring/", include("thidua.scoring.urls")),
    path("nominations/", include("thidua.nominations.urls")),
    path("dossiers/", include("thidua.dossiers.urls")),
    path("councils/", include("thidua.councils.urls")),
    path("", include("thidua.disclosures.urls")),
    path("", include("thidua.registrations.urls")),
    path("", include("thidua.initiatives.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

# Error pages inside the site's layout, in the user's language, with a way back (thidua/core/views.py).
handler403 = "thidua.core.views.permission_denied"
handler404 = "thidua.core.views.page_not_found"
handler500 = "thidua.core.views.server_error"
