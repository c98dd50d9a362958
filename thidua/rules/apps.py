from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "thidua.rules"
    verbose_name = "Xét điều kiện khen thưởng"
