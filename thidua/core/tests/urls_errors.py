"""The site's URLs plus a view that fails, for the 500 page tests (the handlers come with the site's)."""

from django.urls import path

from thidua.urls import handler403, handler404, handler500
from thidua.urls import urlpatterns as site_patterns


def fail(request):
    raise RuntimeError("secret internal detail of the failure")


urlpatterns = [path("test-failure/", fail), *site_patterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
