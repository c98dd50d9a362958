from django.urls import path

from . import views
from .council_selectors import KINDS as COUNCIL_PAPERS

app_name = "documents"
urlpatterns = [
    # Under the decision's own address (awards:decision_detail is /awards/decisions/<pk>/).
    path("awards/decisions/<int:pk>/document.docx", views.decision_docx, name="decision_docx"),
    path("awards/decisions/<int:pk>/document.pdf", views.decision_pdf, name="decision_pdf"),
    # Under the session's address (councils:session is /councils/sessions/<pk>/): documents:session_<kind>_<fmt>.
    *[
        path(
            f"councils/sessions/<int:pk>/documents/{kind}.{fmt}",
            views.session_document,
            {"kind": kind, "fmt": fmt},
            name=f"session_{kind}_{fmt}",
        )
        for kind in COUNCIL_PAPERS
        for fmt in ("docx", "pdf")
    ],
]
