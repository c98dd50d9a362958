from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    label = "councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"
