from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives/new/", views.new, name="new"),
    path("initiatives/<int:pk>/", views.detail, name="detail"),
    path("initiatives/<int:pk>/submit/", views.submit, name="submit"),
    path("initiatives/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("initiatives/<int:pk>/review/", views.review, name="review"),
    path("initiatives/<int:pk>/recognise/", views.recognise, name="recognise"),
    path("initiatives/<int:pk>/reject/", views.reject, name="reject"),
    path("initiatives/<int:pk>/forward/", views.forward, name="forward"),
    path("initiatives/<int:pk>/ruling/", views.ruling, name="ruling"),
    path("initiatives/<int:pk>/score/", views.score, name="score"),
    path("units/<int:pk>/initiatives/new/", views.new_for, name="new_for"),
    path("units/<int:pk>/initiative-council/new/", views.council_new, name="council_new"),
]
