from django.apps import AppConfig


class CvsConfig(AppConfig):
    name = "cvs"
    verbose_name = "CVs and knowledge base"
