from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("rounds/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/recall/", views.recall, name="recall"),
    path("<int:pk>/receive/", views.receive, name="receive"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("<int:pk>/forward/", views.forward, name="forward"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("lines/<int:pk>/check/", views.line_check, name="line_check"),
    path("lines/<int:pk>/answer/", views.line_answer, name="line_answer"),
]
