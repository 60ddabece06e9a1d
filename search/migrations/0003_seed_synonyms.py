"""A few everyday equivalences to start with; editors manage them afterwards (Snippets)."""

from django.db import migrations

GROUPS = [
    ("đăng ký\nđăng kí", "Both spellings are in use"),
    ("CCCD\ncăn cước công dân\nthẻ căn cước", "Citizen identity card"),
    ("CMND\nchứng minh nhân dân", "Former identity card"),
    ("khai sinh\ngiấy khai sinh\nđăng ký khai sinh", "Birth registration"),
    ("khai tử\nbáo tử\nđăng ký khai tử", "Death registration"),
    ("hộ khẩu\nthường trú", "Permanent residence (the former household book)"),
    ("hộ chiếu\npassport", "Passport"),
    ("GPLX\ngiấy phép lái xe\nbằng lái xe\nbằng lái", "Driving licence"),
    ("BHXH\nbảo hiểm xã hội", "Social insurance"),
    ("BHYT\nbảo hiểm y tế", "Health insurance"),
    ("BHTN\nbảo hiểm thất nghiệp\ntrợ cấp thất nghiệp", "Unemployment insurance"),
    ("sổ đỏ\nsổ hồng\ngiấy chứng nhận quyền sử dụng đất", "Land use right certificate"),
    ("mở công ty\nthành lập doanh nghiệp\nđăng ký doanh nghiệp", "Starting a company"),
    ("LLTP\nlý lịch tư pháp", "Criminal record certificate"),
    ("MST\nmã số thuế", "Tax code"),
    ("TNCN\nthu nhập cá nhân", "Personal income tax"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for phrases, note in GROUPS:
        Synonym.objects.get_or_create(phrases=phrases, defaults={"note": note})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(phrases__in=[phrases for phrases, _ in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_search")]

    operations = [migrations.RunPython(seed, unseed)]
