from django.urls import path

from . import paper_views, views

app_name = "disclosures"
urlpatterns = [
    path("disclosures/", views.disclosure_list, name="list"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="detail"),
    path("disclosures/<int:pk>/remark/", views.remark_add, name="remark"),
    path("disclosures/remarks/<int:pk>/answer/", views.objection_answer, name="answer"),
    path("disclosures/rounds/<int:pk>/publish/", views.disclosure_publish, name="publish"),
    path("cong-khai/<str:token>/", views.public_page, name="public"),
    # The round's papers (tờ trình, danh sách trích ngang, báo cáo thành tích) and their bundle.
    path("disclosures/rounds/<int:pk>/papers/", paper_views.papers_page, name="papers"),
    path("disclosures/rounds/<int:pk>/papers/<str:kind>.<str:fmt>", paper_views.round_paper, name="round_paper"),
    path("disclosures/lines/<int:pk>/papers/achievement_report.<str:fmt>", paper_views.line_report, name="line_report"),
    path("disclosures/rounds/<int:pk>/bundle/", paper_views.bundle_start, name="bundle_start"),
    path("disclosures/bundles/<int:pk>/", paper_views.bundle_detail, name="bundle"),
    path("disclosures/bundles/<int:pk>/bundle.<str:fmt>", paper_views.bundle_file, name="bundle_file"),
]
