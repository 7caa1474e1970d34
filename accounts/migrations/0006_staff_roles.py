"""Staff roles as groups: Support (view everything, suspend, remove content) and Billing (plans and money).
Superusers ("admins") have every right."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Support": [
        "accounts.view_user",
        "accounts.suspend_user",
        "accounts.view_planchange",
        "accounts.view_staffaction",
        "accounts.view_notice",
        "accounts.view_team",
        "accounts.view_apitoken",
        "personas.view_persona",
        "personas.view_personaversion",
        "templates_app.view_template",
        "cvs.view_cv",
        "cvs.view_knowledgebaseentry",
        "exports.view_export",
        "exports.view_share",
        "gaps.view_jobposting",
    ],
    "Billing": [
        "accounts.view_user",
        "accounts.change_user",
        "accounts.manage_billing",
        "accounts.view_planchange",
        "accounts.view_payment",
        "accounts.add_payment",
        "accounts.view_credit",
        "accounts.add_credit",
        "accounts.view_billingevent",
        "accounts.view_staffaction",
    ],
}


def add_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions are made after migrations; these need them now
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_moderation"),
        ("personas", "0007_photo"),
        ("templates_app", "0001_initial"),
        ("cvs", "0005_follow_up_questions"),
        ("exports", "0004_shares"),
        ("gaps", "0007_cover_letters"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
