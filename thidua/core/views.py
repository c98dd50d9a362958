"""The one shape of every HTML write page: show a form, run one service on POST, redirect on success."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import run_service


def service_form_page(
    request,
    form: forms.Form,
    save: Callable[[dict], Any],
    *,
    title: str,
    success: str,
    next_url: Callable[[Any], str],
    person=None,
    unit=None,
    submit: str | None = None,
):
    """``save(cleaned_data)`` calls the service; a refusal shows as a form error and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result:
            messages.success(request, success)
            return redirect(next_url(result))
    context = {"form": form, "title": title, "person": person, "unit": unit, "submit": submit or _("Lưu")}
    return render(request, "form_page.html", context)
