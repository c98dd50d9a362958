from django.apps import AppConfig


class NominationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "thidua.nominations"
    verbose_name = "Bình xét, đề nghị khen thưởng"

    def ready(self) -> None:
        from thidua.councils import hooks

        from . import agenda

        hooks.on_tallied(agenda.on_item_tallied)  # the council's tally moves the line (councils never imports us)
