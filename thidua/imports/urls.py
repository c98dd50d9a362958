from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.batch_list, name="list"),
    path("new/", views.upload, name="new"),
    path("templates/<str:kind>/", views.template_download, name="template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/commit/", views.commit, name="commit"),
]
