from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    # Under the decision's own address (awards:decision_detail is /awards/decisions/<pk>/).
    path("awards/decisions/<int:pk>/document.docx", views.decision_docx, name="decision_docx"),
    path("awards/decisions/<int:pk>/document.pdf", views.decision_pdf, name="decision_pdf"),
]
