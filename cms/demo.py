"""Demo content: the fictional Tân Hòa province, in Vietnamese and English.

Every function here is idempotent: running `manage.py load_demo` twice leaves one copy of everything.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.idp.oidc.models import Client as OidcClient
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from portal.accounts import roles
from portal.accounts.models import Agency
from portal.accounts.roles import Role, sync_roles

from .models import (
    HomePage,
    LegalDocument,
    LegalDocumentIndexPage,
    NewsIndexPage,
    NewsPage,
    PortalSettings,
)

VI, EN = "vi", "en"


def paragraph(*texts):
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in texts)))


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def table(caption, rows):
    return (
        "table",
        {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    )


SETTINGS = {
    "agency_name": "Ủy ban nhân dân tỉnh Tân Hòa",
    "agency_name_en": "People's Committee of Tan Hoa Province",
    "portal_name": "Cổng thông tin điện tử tỉnh Tân Hòa",
    "portal_name_en": "Tan Hoa Province e-Portal",
    "responsible_unit": "Văn phòng Ủy ban nhân dân tỉnh Tân Hòa",
    "responsible_unit_en": "Office of the People's Committee of Tan Hoa Province",
    "responsible_person": "Ông Trần Minh Đức, Chánh Văn phòng Ủy ban nhân dân tỉnh",
    "address": "Số 1 đường Trần Hưng Đạo, phường Tân Hòa, tỉnh Tân Hòa",
    "address_en": "1 Tran Hung Dao Street, Tan Hoa Ward, Tan Hoa Province",
    "phone": "0200 3812 345",
    "fax": "0200 3812 346",
    "email": "banbientap@tanhoa.gov.vn",
    "licence": "Giấy phép số 12/GP-TTĐT do Sở Văn hóa, Thể thao và Du lịch cấp ngày 15/01/2026",
}

DEPARTMENTS = [
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Office of the Provincial People's Committee",
        "0200 3812 345",
        "vanphong@tanhoa.gov.vn",
    ),
    ("Sở Nội vụ", "Department of Home Affairs", "0200 3812 401", "snv@tanhoa.gov.vn"),
    ("Sở Tài chính", "Department of Finance", "0200 3812 402", "stc@tanhoa.gov.vn"),
    ("Sở Tư pháp", "Department of Justice", "0200 3812 403", "stp@tanhoa.gov.vn"),
    ("Sở Xây dựng", "Department of Construction", "0200 3812 404", "sxd@tanhoa.gov.vn"),
    (
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "0200 3812 405",
        "snnmt@tanhoa.gov.vn",
    ),
    ("Sở Y tế", "Department of Health", "0200 3812 406", "syt@tanhoa.gov.vn"),
    (
        "Sở Giáo dục và Đào tạo",
        "Department of Education and Training",
        "0200 3812 407",
        "sgddt@tanhoa.gov.vn",
    ),
    (
        "Sở Khoa học và Công nghệ",
        "Department of Science and Technology",
        "0200 3812 408",
        "skhcn@tanhoa.gov.vn",
    ),
    ("Sở Công Thương", "Department of Industry and Trade", "0200 3812 409", "sct@tanhoa.gov.vn"),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        "0200 3812 410",
        "svhttdl@tanhoa.gov.vn",
    ),
    (
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Provincial Public Administration Service Centre",
        "0200 3812 500",
        "hcc@tanhoa.gov.vn",
    ),
]

NEWS = [
    {
        "slug": "khai-truong-cong-dich-vu-cong",
        "slug_en": "public-service-portal-launched",
        "days_ago": 1,
        "title": "Tỉnh Tân Hòa khai trương Cổng dịch vụ công trực tuyến mới",
        "title_en": "Tan Hoa launches its new online public-service portal",
        "summary": "Người dân và doanh nghiệp có thể nộp hồ sơ, thanh toán phí và nhận kết quả điện tử ngay trên điện thoại.",
        "summary_en": "Citizens and businesses can now file dossiers, pay fees and receive electronic results from their phones.",
        "body": "Sáng ngày hôm nay, Ủy ban nhân dân tỉnh Tân Hòa tổ chức lễ khai trương Cổng dịch vụ công trực tuyến. Hệ thống kết nối với Cổng Dịch vụ công quốc gia, cho phép tra cứu tiến độ giải quyết hồ sơ bằng mã hồ sơ.",
        "body_en": "This morning the People's Committee of Tan Hoa opened the online public-service portal. It is connected to the National Public Service Portal, and anyone can follow a dossier with its dossier code.",
        "author": "Nguyễn Thị Mai",
        "source": "Văn phòng UBND tỉnh",
    },
    {
        "slug": "hoi-nghi-cai-cach-hanh-chinh",
        "slug_en": "administrative-reform-conference",
        "days_ago": 3,
        "title": "Hội nghị tổng kết công tác cải cách hành chính năm 2026",
        "title_en": "Conference reviews administrative reform in 2026",
        "summary": "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%; 100% thủ tục đủ điều kiện được cung cấp trực tuyến toàn trình.",
        "summary_en": "98.6% of dossiers were settled on time; every eligible procedure is now offered fully online.",
        "body": "Hội nghị đánh giá kết quả thực hiện cơ chế một cửa, một cửa liên thông và đề ra nhiệm vụ trọng tâm năm 2027, trong đó có số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
        "body_en": "The conference reviewed the one-stop mechanism and set the priorities for 2027, including the digitisation of dossiers and results.",
        "author": "Trần Văn Bình",
        "source": "Sở Nội vụ",
    },
    {
        "slug": "phong-chong-thien-tai",
        "slug_en": "disaster-preparedness",
        "days_ago": 6,
        "title": "Chủ động phòng, chống thiên tai mùa mưa bão",
        "title_en": "Preparing for the storm season",
        "summary": "Ủy ban nhân dân tỉnh yêu cầu các xã, phường rà soát phương án sơ tán dân tại vùng trũng thấp.",
        "summary_en": "Communes and wards must review evacuation plans for low-lying areas.",
        "body": 'Các địa phương cần kiểm tra hệ thống đê điều, hồ chứa và chuẩn bị lực lượng, phương tiện ứng cứu theo phương châm "bốn tại chỗ".',
        "body_en": "Local authorities are to inspect dykes and reservoirs and prepare rescue teams and equipment on the spot.",
        "author": "Lê Thị Hồng",
        "source": "Sở Nông nghiệp và Môi trường",
    },
    {
        "slug": "le-hoi-van-hoa-du-lich",
        "slug_en": "culture-and-tourism-festival",
        "days_ago": 10,
        "title": "Lễ hội Văn hóa – Du lịch Tân Hòa thu hút hơn 50.000 lượt khách",
        "title_en": "Tan Hoa culture and tourism festival draws over 50,000 visitors",
        "summary": "Nhiều hoạt động văn hóa truyền thống, ẩm thực và trưng bày sản phẩm OCOP của địa phương.",
        "summary_en": "Traditional performances, local food and the province's OCOP products.",
        "body": "Lễ hội diễn ra trong ba ngày với các hoạt động hát then, đờn ca tài tử, hội chợ sản phẩm OCOP và giải đua thuyền truyền thống trên sông Tân.",
        "body_en": "The three-day festival featured traditional music, an OCOP product fair and a boat race on the Tan river.",
        "author": "Phạm Quốc Huy",
        "source": "Sở Văn hóa, Thể thao và Du lịch",
    },
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role | None
    full_name: str
    agency_code: str = ""
    is_superuser: bool = False

    @property
    def label(self):
        return str(self.role.label) if self.role else "Công dân"


DEMO_ACCOUNTS = [
    DemoAccount("congdan", None, "Nguyễn Văn Dân"),
    DemoAccount("bientap", roles.EDITOR, "Đỗ Thị Biên", "000.00.01.H99"),
    DemoAccount("kiemduyet", roles.REVIEWER, "Vũ Văn Duyệt", "000.00.01.H99"),
    DemoAccount("motcua", roles.RECEIVING_OFFICER, "Hoàng Thị Cửa", "000.00.12.H99"),
    DemoAccount("lanhdao", roles.AGENCY_HEAD, "Lê Quang Vinh", "000.00.04.H99"),
    DemoAccount(
        "quantri", roles.ADMINISTRATOR, "Quản Trị Viên", "000.00.01.H99", is_superuser=True
    ),
]


def agency_code(number):
    # Fictional province code H99 in the national agency-code pattern.
    return f"000.00.{number:02d}.H99"


def ensure_agencies():
    for number, (name, name_en, _phone, _email) in enumerate(DEPARTMENTS, start=1):
        Agency.objects.update_or_create(
            code=agency_code(number), defaults={"name": name, "name_en": name_en}
        )


def publish(page):
    page.save_revision().publish()
    return page


def ensure_child(parent, model, slug, **fields):
    """The child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return publish(page)


def ensure_translation(original, parent, slug, locale=None, **fields):
    """The copy of `original` in `locale` (default: the parent's), sharing its translation key."""
    locale = locale or parent.locale
    existing = original.get_translation_or_none(locale)
    if existing:
        return existing.specific
    page = type(original)(
        slug=slug, locale=locale, translation_key=original.translation_key, **fields
    )
    parent.add_child(instance=page)
    return publish(page)


# Each app fills its own sections; procedures come before the forms and dossiers that use them.
DEMO_POPULATORS = [
    "cms.organisation.demo.populate",
    "cms.direction.demo.populate",
    "cms.planning.demo.populate",
    "cms.publications.demo.populate",
    "cms.feedback.demo.populate",
    "cms.multimedia.demo.populate",
    "cms.analytics.demo.populate",
    "services.procedures.demo.populate",
    "services.workdays.demo.populate",
    "services.eforms.demo.populate",
    "services.dossiers.demo.populate",
    "cms.compliance.demo.populate",
]


@transaction.atomic
def load_site():
    vi = Locale.objects.get_or_create(language_code=VI)[0]
    en = Locale.objects.get_or_create(language_code=EN)[0]
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        home = ensure_child(
            root,
            HomePage,
            "trang-chu",
            title="Cổng thông tin điện tử tỉnh Tân Hòa",
            summary="Thông tin chính thức của Ủy ban nhân dân tỉnh Tân Hòa và dịch vụ công trực tuyến.",
            intro=RichText(
                "<p>Chào mừng bạn đến với Cổng thông tin điện tử tỉnh Tân Hòa: tin tức, "
                "chính sách, văn bản và dịch vụ công trực tuyến cho người dân và doanh nghiệp.</p>"
            ),
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    placeholder_id = site.root_page_id if site.pk and site.root_page_id != home.pk else None
    site.hostname, site.port, site.site_name, site.root_page = (
        "localhost",
        80,
        SETTINGS["portal_name"],
        home,
    )
    site.save()
    if placeholder_id:
        # Wagtail's "Welcome to your new Wagtail site!" page gives way to the province's home page.
        Page.objects.filter(pk=placeholder_id, depth=2).delete()

    home_en = ensure_translation(
        home,
        root,
        "home",
        locale=en,
        title="Tan Hoa Province e-Portal",
        summary="Official information from the People's Committee of Tan Hoa and online public services.",
        intro=RichText(
            "<p>Welcome to the Tan Hoa Province e-Portal: news, policies, documents and online "
            "public services for citizens and businesses.</p>"
        ),
    )
    # Saving the site clears Wagtail's cached root paths, which must now include the English home.
    site.save()

    news_index = ensure_child(
        home,
        NewsIndexPage,
        "tin-tuc",
        title="Tin tức – Sự kiện",
        show_in_menus=True,
        summary="Tin hoạt động của lãnh đạo tỉnh, các sở, ngành và địa phương.",
    )
    news_index_en = ensure_translation(
        news_index,
        home_en,
        "news",
        title="News and events",
        show_in_menus=True,
        summary="News from the provincial leadership, departments and localities.",
    )
    library = ensure_child(
        home,
        LegalDocumentIndexPage,
        "van-ban",
        title="Văn bản pháp luật",
        show_in_menus=True,
        summary="Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành của Chính phủ và của tỉnh.",
    )
    ensure_translation(
        library,
        home_en,
        "legal-documents",
        title="Legal documents",
        show_in_menus=True,
        summary="Legal documents and directives of the Government and the province.",
    )
    LegalDocument.objects.import_government_records()

    now = timezone.now()
    for item in NEWS:
        published_on = now - timedelta(days=item["days_ago"])
        article = ensure_child(
            news_index,
            NewsPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            published_on=published_on,
            author=item["author"],
            source=item["source"],
            body=[paragraph(item["body"])],
        )
        ensure_translation(
            article,
            news_index_en,
            item["slug_en"],
            title=item["title_en"],
            summary=item["summary_en"],
            published_on=published_on,
            author=item["author"],
            source=item["source"],
            body=[paragraph(item["body_en"])],
        )

    PortalSettings.objects.update_or_create(site=site, defaults=SETTINGS)
    ensure_agencies()
    for populator in DEMO_POPULATORS:
        import_string(populator)(home, home_en)
    # Editors' page permissions hang on the home pages, which exist only now.
    sync_roles()
    return home


def ensure_demo_accounts(reset_passwords=False):
    """Create the demo accounts; return {username: password} for those whose password was just set.

    Passwords are generated, never fixed, and shown once: an account that exists keeps its password
    unless reset_passwords is asked for.
    """
    User = get_user_model()
    ensure_agencies()
    sync_roles()
    new_passwords = {}
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "full_name": account.full_name,
                "is_staff": account.role is not None,
                "is_superuser": account.is_superuser,
                "email": f"{account.username}@example.vn",
                "agency": Agency.objects.filter(code=account.agency_code).first(),
                "consented_at": timezone.now(),
            },
        )
        if created:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        if account.role:
            user.groups.add(Group.objects.get(name=account.role.name))
        if created or reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            new_passwords[account.username] = password
    return new_passwords


DEMO_OIDC_CLIENT = {
    "id": "qlvb-tanhoa",
    "name": "Hệ thống quản lý văn bản và điều hành tỉnh Tân Hòa",
    "redirect_uris": "http://127.0.0.1:8001/oidc/callback",
    "scopes": "openid\nprofile\nemail",
}


def ensure_oidc_client(reset_secret=False):
    """The demo's registered provincial system; returns its secret when one was just generated."""
    client, created = OidcClient.objects.get_or_create(
        id=DEMO_OIDC_CLIENT["id"],
        defaults={key: value for key, value in DEMO_OIDC_CLIENT.items() if key != "id"},
    )
    if not (created or reset_secret):
        return None
    secret = secrets.token_urlsafe(24)
    client.set_secret(secret)
    client.save(update_fields=["secret"])
    return secret
