from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("me/", views.me, name="me"),
    path("new/<int:unit_pk>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/employments/add/", views.employment_add, name="employment_add"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/ratings/add/", views.rating_add, name="rating_add"),
    path("<int:pk>/disciplines/add/", views.discipline_add, name="discipline_add"),
    path("<int:pk>/leaves/add/", views.leave_add, name="leave_add"),
]
