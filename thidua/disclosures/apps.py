from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "thidua.disclosures"
    verbose_name = "Công khai danh sách đề nghị khen thưởng"

    def ready(self) -> None:
        from thidua.nominations import blockers

        from . import checks

        blockers.register(checks.blockers_for_decision)
