from django.urls import path

from . import views

app_name = "nominations"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("mine/", views.my_lines, name="mine"),
    path("units/<int:pk>/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/suggestions/", views.round_suggestions, name="suggestions"),
    path("rounds/<int:pk>/add/", views.line_add, name="line_add"),
    path("rounds/<int:pk>/registrations/", views.round_registrations, name="from_registrations"),
    path("rounds/<int:pk>/agenda/", views.round_agenda, name="agenda"),
    path("rounds/<int:pk>/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/cancel/", views.round_cancel, name="round_cancel"),
    path("lines/<int:pk>/", views.line_detail, name="line"),
    path("lines/<int:pk>/withdraw/", views.line_withdraw, name="line_withdraw"),
    path("lines/<int:pk>/comment/", views.line_comment, name="line_comment"),
]
