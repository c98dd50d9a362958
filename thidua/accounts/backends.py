"""Password login with lock-out after repeated failures (Argon2 hashing comes from settings)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db.models import F

from . import lockout
from .models import User


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle for usernames
            return None
        # Counted before the check, atomically: parallel requests cannot check more than the limit.
        if not lockout.claim_attempt(user.pk, lockout.PASSWORD):
            if request is not None:
                request.thidua_locked = True
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            lockout.release(user.pk, lockout.PASSWORD)
            return user
        return None

    def get_user(self, user_id):
        """The signed-in user of a request, loaded with the header's unread count and the person's name
        (``User.display_name``) in the same query."""
        from thidua.notifications.selectors import unread_count_annotation

        users = User._default_manager.annotate(unread_notifications=unread_count_annotation(), person_name=F("person__full_name"))
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
