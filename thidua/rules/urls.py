from django.urls import path

from . import views

app_name = "rules"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("units/<int:pk>/reasons/", views.reasons, name="reasons"),
    path("units/<int:pk>/confirm/", views.unit_confirm, name="unit_confirm"),
    path("people/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("people/<int:pk>/ballot/", views.ballot, name="ballot"),
]
