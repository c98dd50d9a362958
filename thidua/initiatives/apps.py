from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    verbose_name = "Sáng kiến"
