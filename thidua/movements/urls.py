from django.urls import path

from . import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("new/", views.movement_create, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/edit/", views.movement_edit, name="edit"),
    path("<int:pk>/launch/", views.movement_launch, name="launch"),
    path("<int:pk>/review/", views.movement_review, name="review"),
    path("<int:pk>/close/", views.movement_close, name="close"),
    path("<int:pk>/cancel/", views.movement_cancel, name="cancel"),
    path("<int:pk>/awards/", views.movement_awards, name="awards"),
    path("<int:pk>/document/", views.movement_document, name="document"),
    path("responses/<int:pk>/", views.response_submit, name="respond"),
    path("responses/<int:pk>/acknowledge/", views.response_acknowledge, name="acknowledge"),
    path("responses/<int:pk>/return/", views.response_return, name="return"),
    path("responses/<int:pk>/report/", views.report_submit, name="report"),
    path("responses/<int:pk>/attachment/", views.response_attachment, name="response_attachment"),
    path("reports/<int:pk>/attachment/", views.report_attachment, name="report_attachment"),
]
