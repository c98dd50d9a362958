from django.urls import path

from . import cluster_views, views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("clusters/", cluster_views.cluster_list, name="clusters"),
    path("clusters/new/", cluster_views.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", cluster_views.cluster_detail, name="cluster"),
    path("clusters/<int:pk>/members/", cluster_views.cluster_members, name="cluster_members"),
    path("clusters/<int:pk>/leader/", cluster_views.cluster_leader, name="cluster_leader"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/children/", views.children, name="children"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/new/", views.create_child, name="create_child"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/close/", views.close, name="close"),
]
