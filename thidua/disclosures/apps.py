from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "thidua.disclosures"
    verbose_name = "Công khai danh sách đề nghị khen thưởng"
