from django.urls import path

from . import views

app_name = "years"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("holidays/new/", views.holiday_new, name="holiday_new"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday_delete"),
    path("confirm/", views.holiday_confirm, name="holiday_confirm"),
]
