"""Shared form plumbing: date fields in dd/mm/yyyy and running a service from a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, PermissionDenied


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy (also accepts yyyy-mm-dd), with a Vietnamese error message."""

    default_error_messages = {"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}))
        super().__init__(**kwargs)


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any | None:
    """Call a service for a valid form; a refusal becomes a form error and the service's result is None."""
    try:
        return call()
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return None
