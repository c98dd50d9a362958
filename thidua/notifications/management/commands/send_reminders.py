"""``manage.py send_reminders [--today YYYY-MM-DD]``: the daily reminder run (``notifications.reminders``).

Run it once a day (cron, see docs/deployment.md); running it more often, or again after a failure, sends
nothing twice. On a day that is not a working day it sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from thidua.notifications.reminders import reminders_send


class Command(BaseCommand):
    help = "Gửi nhắc hạn cho các đơn vị (5, 2, 0 ngày làm việc trước hạn và khi quá hạn); chạy lại không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay theo giờ Việt Nam).")

    def handle(self, *args, today: str | None = None, **options):
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today phải có dạng YYYY-MM-DD, không phải {today!r}.") from exc
        run = reminders_send(today=day)
        if not run.working_day:
            self.stdout.write(f"{run.day:%d/%m/%Y} không phải ngày làm việc: không gửi nhắc hạn.")
            return
        self.stdout.write(f"{run.day:%d/%m/%Y}: đã gửi {run.sent} nhắc hạn cho {run.deadlines} hạn.")
