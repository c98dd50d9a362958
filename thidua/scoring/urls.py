from django.urls import path

from . import sheet_views, views

app_name = "scoring"
urlpatterns = [
    path("sheets/", sheet_views.sheet_list, name="sheets"),
    path("sheets/new/", sheet_views.sheet_create, name="sheet_create"),
    path("sheets/<int:pk>/", sheet_views.sheet_detail, name="sheet"),
    path("sheets/<int:pk>/criteria/new/", sheet_views.criterion_add, name="criterion_add"),
    path("sheets/<int:pk>/bands/new/", sheet_views.band_add, name="band_add"),
    path("sheets/<int:pk>/publish/", sheet_views.sheet_publish, name="sheet_publish"),
    path("clusters/<int:pk>/rounds/new/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/peers/", views.peers, name="peers"),
    path("peer-assignments/<int:pk>/remove/", views.peer_remove, name="peer_remove"),
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
