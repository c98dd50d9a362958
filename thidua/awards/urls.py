from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/scan/", views.decision_scan, name="decision_scan"),
    path("decisions/<int:pk>/amend/", views.decision_amend, name="decision_amend"),
    path("decisions/<int:pk>/revoke/", views.decision_revoke, name="decision_revoke"),
    path("awards/<int:pk>/revoke/", views.award_revoke, name="award_revoke"),
    path("units/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/line-cash/", views.line_cash, name="line_cash"),
    path("units/<int:pk>/initiatives/new/", views.initiative_create, name="initiative_create"),
    path("units/<int:pk>/book/", views.unit_book, name="unit_book"),
    path("ledger/", views.ledger_home, name="ledger"),
    path("people/<int:pk>/", views.person_ledger, name="person_ledger"),
    path("search/", views.award_search, name="search"),
]
