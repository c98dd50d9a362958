from django.apps import AppConfig


class YearsConfig(AppConfig):
    name = "thidua.years"
    label = "years"
    verbose_name = "Năm học"
