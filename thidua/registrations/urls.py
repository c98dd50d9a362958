from django.urls import path

from . import list_views, views

app_name = "registrations"
urlpatterns = [
    path("registrations/mine/", views.mine, name="mine"),
    path("registrations/<int:pk>/", views.detail, name="detail"),
    path("registrations/<int:pk>/approve/", views.approve, name="approve"),
    path("registrations/<int:pk>/return/", views.return_, name="return"),
    path("registrations/<int:pk>/edit/", views.edit, name="edit"),
    path("registrations/<int:pk>/amend/", views.amend, name="amend"),
    path("units/<int:pk>/registrations/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/commitments/", views.commitments, name="commitments"),
    path("units/<int:pk>/registrations/send/", list_views.send, name="list_send"),
    path("units/<int:pk>/registration-lists/", list_views.tracker, name="lists_sent"),
    path("registration-lists/<int:pk>/form.docx", list_views.sent_document, {"fmt": "docx"}, name="sent_docx"),
    path("registration-lists/<int:pk>/form.pdf", list_views.sent_document, {"fmt": "pdf"}, name="sent_pdf"),
    path("commitment-options/<int:pk>/retire/", views.commitment_retire, name="commitment_retire"),
    path("units/<int:pk>/registrations/new/", views.register_for, name="register_for"),
    path("units/<int:pk>/registrations/export/", views.unit_export, name="unit_export"),
    path("units/<int:pk>/registrations/form.docx", views.unit_document, {"fmt": "docx"}, name="unit_docx"),
    path("units/<int:pk>/registrations/form.pdf", views.unit_document, {"fmt": "pdf"}, name="unit_pdf"),
]
