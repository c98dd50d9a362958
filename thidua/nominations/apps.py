from django.apps import AppConfig


class NominationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "thidua.nominations"
    verbose_name = "Bình xét, đề nghị khen thưởng"
