from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản đã bị vô hiệu hóa."),
        "locked": _("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau."),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "thidua_locked", False):
                raise forms.ValidationError(self.error_messages["locked"], code="locked") from None
            raise


class TotpForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực 6 số"), max_length=8, widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"})
    )
