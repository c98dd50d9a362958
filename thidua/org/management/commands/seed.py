"""``manage.py seed --scale demo|province|nation``: load demonstration or benchmark data."""

from __future__ import annotations

import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from thidua.org.models import OrgUnit


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: demo (qua các nghiệp vụ, có nhật ký), province hoặc nation (nạp hàng loạt để đo hiệu năng)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--scale", choices=["demo", "province", "nation"], default="demo", help="Quy mô dữ liệu.")
        parser.add_argument("--if-empty", action="store_true", help="Bỏ qua nếu cơ sở dữ liệu đã có đơn vị.")
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên (cùng hạt giống cho cùng dữ liệu).")
        # Undocumented size overrides for tests and experiments.
        parser.add_argument("--units", type=int, default=None, help=argparse.SUPPRESS)
        parser.add_argument("--people", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, scale: str, if_empty: bool, seed: int, units: int | None, people: int | None, **options) -> None:
        if OrgUnit.objects.exists():
            if if_empty:
                self.stdout.write("Cơ sở dữ liệu đã có đơn vị; bỏ qua nạp dữ liệu mẫu.")
                return
            raise CommandError("Cơ sở dữ liệu đã có đơn vị. Hãy dùng một cơ sở dữ liệu trống (hoặc thêm --if-empty).")
        started = time.monotonic()
        if scale == "demo":
            from thidua.seeding.demo import seed_demo

            summary = seed_demo(seed=seed)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp dữ liệu demo: {summary.units} đơn vị, {summary.people} cá nhân "
                    f"trong {time.monotonic() - started:.1f} giây. Mật khẩu mọi tài khoản demo: demo12345."
                )
            )
            return
        from thidua.seeding.accounts import ensure_bench_accounts
        from thidua.seeding.scoring import seed_bulk_clusters
        from thidua.seeding.synthetic import seed_synthetic

        stats = seed_synthetic(scale=scale, seed=seed, units=units, people=people, log=self.stdout.write)
        seed_bulk_clusters(log=self.stdout.write)
        ensure_bench_accounts()
        rows = ", ".join(f"{table}={n}" for table, n in stats.rows.items())
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp {stats.units} đơn vị, {stats.people} cá nhân trong {stats.seconds:.1f} giây ({rows}).")
        )
