from django.urls import path

from . import views

app_name = "scoring"
urlpatterns = [
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/publish/", views.publish, name="publish"),
    path("rounds/<int:pk>/correct/", views.correct, name="correct"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/self/", views.self_score, name="self_score"),
    path("submissions/<int:pk>/review/", views.review, name="review"),
    path("submissions/<int:pk>/peer/", views.peer, name="peer"),
    path("submissions/<int:pk>/return/", views.return_, name="return"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("publications/<int:pk>/", views.publication, name="publication"),
    path("clusters/<int:pk>/covenants/new/", views.covenant_create, name="covenant_create"),
    path("covenants/<int:pk>/", views.covenant_detail, name="covenant"),
    path("covenants/<int:pk>/scan/", views.covenant_scan, name="covenant_scan"),
]
