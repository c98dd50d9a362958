from django.urls import path

from . import views

app_name = "councils"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("units/<int:pk>/new/", views.council_create, name="create"),
    path("<int:pk>/", views.council_detail, name="detail"),
    path("<int:pk>/scan/", views.council_scan, name="scan"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/activate/", views.council_activate, name="activate"),
    path("<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/open/", views.session_open, name="open"),
    path("sessions/<int:pk>/close/", views.session_close, name="close"),
    path("sessions/<int:pk>/items/", views.item_add, name="item_add"),
    path("sessions/<int:pk>/vote/", views.vote, name="vote"),
    path("sessions/<int:pk>/written/", views.written_vote, name="written"),
    path("written/<int:pk>/confirm/", views.written_confirm, name="written_confirm"),
    path("written/<int:pk>/scan/", views.written_scan, name="written_scan"),
    path("items/<int:pk>/paper/", views.paper_count, name="paper"),
    path("items/<int:pk>/tally/", views.item_tally, name="tally"),
]
