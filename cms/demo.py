"""Demo content: the fictional Tân Hòa province, in Vietnamese and English.

Every function here is idempotent: running `manage.py load_demo` twice leaves one copy of everything.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from allauth.account.models import EmailAddress
from allauth.idp.oidc.models import Client as OidcClient
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from portal.accounts import roles
from portal.accounts.models import Agency
from portal.accounts.roles import Role, group_name_for, sync_roles

from .models import (
    HomePage,
    LegalDocument,
    LegalDocumentIndexPage,
    NewsIndexPage,
    NewsPage,
    PortalSettings,
    StandardPage,
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


def link(title, *, url="", page=None, description=""):
    return {"title": title, "url": url, "page": page, "description": description}


# Plain links only: the demo never sends a request to them (ND 43 Art. 15.1.b).
STATE_PORTALS = [
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn/"),
]
STATE_PORTALS_EN = [
    ("Government e-Portal of Viet Nam", "https://chinhphu.vn/"),
    ("National Public Service Portal", "https://dichvucong.gov.vn/"),
    ("National Database of Legal Documents", "https://vbpl.vn/"),
]


def state_portal_links(portals=STATE_PORTALS):
    return [("link", link(title, url=url)) for title, url in portals]


# The Department of Justice's component site (ND 42/2022 Art. 6: a department's site is a
# component of the provincial portal, at tencoquan.tentinhthanh.gov.vn; here a .localhost name).
JUSTICE_HOSTNAME = "sotuphap.localhost"
JUSTICE_AGENCY_CODE = "000.00.04.H99"
# Commune-level agencies: inter-level procedures (liên thông khác cấp) start at their desks.
COMMUNE_AGENCY_CODE = "000.21.01.H99"
COMMUNES = [
    (COMMUNE_AGENCY_CODE, "Ủy ban nhân dân phường Tân An", "People's Committee of Tan An Ward"),
]
JUSTICE_SETTINGS = {
    "agency_name": "Sở Tư pháp tỉnh Tân Hòa",
    "agency_name_en": "Department of Justice of Tan Hoa Province",
    "portal_name": "Trang thông tin điện tử Sở Tư pháp",
    "portal_name_en": "Department of Justice e-Portal",
    "responsible_unit": "Văn phòng Sở Tư pháp tỉnh Tân Hòa",
    "responsible_unit_en": "Office of the Department of Justice",
    "responsible_person": "Bà Nguyễn Thị Thu Hà, Phó Giám đốc Sở Tư pháp",
    "address": "Số 15 đường Lê Lợi, phường Tân Hòa, tỉnh Tân Hòa",
    "address_en": "15 Le Loi Street, Tan Hoa Ward, Tan Hoa Province",
    "phone": "0200 3812 403",
    "email": "stp@tanhoa.gov.vn",
    "logo_alt": "Biểu trưng Sở Tư pháp tỉnh Tân Hòa",
    "logo_alt_en": "Emblem of the Department of Justice of Tan Hoa Province",
    # A dark blue palette; every pair keeps at least 4.5:1 (PortalSettings.clean).
    "colour_primary": "#1d4f7c",
    "colour_primary_dark": "#123a5e",
    "colour_accent": "#f2c230",
    "colour_link": "#0b5394",
}
JUSTICE_NEWS = [
    {
        "slug": "tro-giup-phap-ly-luu-dong",
        "slug_en": "mobile-legal-aid",
        "days_ago": 2,
        "title": "Trợ giúp pháp lý lưu động tại các xã vùng sâu, vùng xa",
        "title_en": "Mobile legal aid in remote communes",
        "summary": "Trung tâm Trợ giúp pháp lý nhà nước tư vấn miễn phí cho hơn 300 lượt người dân.",
        "summary_en": "The State Legal Aid Centre gave free advice to more than 300 people.",
        "body": "Đoàn công tác của Trung tâm Trợ giúp pháp lý nhà nước tỉnh đã tư vấn về đất đai, hôn nhân và gia đình, thừa kế cho người dân tại ba xã miền núi.",
        "body_en": "The provincial State Legal Aid Centre advised people in three mountain communes on land, marriage and family, and inheritance.",
        "author": "Hoàng Minh Tuấn",
        "source": "Sở Tư pháp",
    },
    {
        "slug": "ho-tich-dien-tu",
        "slug_en": "electronic-civil-status",
        "days_ago": 5,
        "title": "Đẩy mạnh đăng ký hộ tịch trực tuyến toàn trình",
        "title_en": "More civil-status registrations fully online",
        "summary": "Người dân đăng ký khai sinh, kết hôn trực tuyến và nhận bản điện tử trích lục hộ tịch.",
        "summary_en": "Citizens register births and marriages online and receive electronic extracts.",
        "body": "Sở Tư pháp đề nghị Ủy ban nhân dân cấp xã hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình về hộ tịch trên Cổng Dịch vụ công quốc gia.",
        "body_en": "The Department asks commune People's Committees to help citizens use the fully online civil-status services on the National Public Service Portal.",
        "author": "Lê Thị Ngọc",
        "source": "Phòng Hành chính tư pháp",
    },
]

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
    # The component site whose group the account joins; blank for the provincial portal.
    site_hostname: str = ""

    @property
    def label(self):
        label = str(self.role.label) if self.role else "Công dân"
        return f"{label} ({self.site_hostname})" if self.site_hostname else label

    def group(self):
        """The group of this account's role on its site, or None while that site does not exist."""
        site = (
            Site.objects.filter(hostname=self.site_hostname).first() if self.site_hostname else None
        )
        if self.site_hostname and site is None:
            return None
        name = group_name_for(self.role, site) if site else self.role.name
        return Group.objects.filter(name=name).first()


DEMO_ACCOUNTS = [
    DemoAccount("congdan", None, "Nguyễn Văn Dân"),
    DemoAccount("bientap", roles.EDITOR, "Đỗ Thị Biên", "000.00.01.H99"),
    DemoAccount("kiemduyet", roles.REVIEWER, "Vũ Văn Duyệt", "000.00.01.H99"),
    DemoAccount("motcua", roles.RECEIVING_OFFICER, "Hoàng Thị Cửa", "000.00.12.H99"),
    DemoAccount("lanhdao", roles.AGENCY_HEAD, "Lê Quang Vinh", "000.00.04.H99"),
    # One-stop handling at the Provincial Public Administration Service Centre (agency 12), a
    # specialist consulted at the Department of Justice (04), and a commune desk.
    DemoAccount("xuly", roles.PROCESSING_OFFICER, "Phan Văn Lý", "000.00.12.H99"),
    DemoAccount("lanhdao-hcc", roles.AGENCY_HEAD, "Ngô Thị Hạnh", "000.00.12.H99"),
    DemoAccount("xuly-stp", roles.PROCESSING_OFFICER, "Đinh Văn Tư", "000.00.04.H99"),
    DemoAccount("motcua-xa", roles.RECEIVING_OFFICER, "Bùi Thị Xuân", COMMUNE_AGENCY_CODE),
    DemoAccount("lanhdao-xa", roles.AGENCY_HEAD, "Mai Văn Phường", COMMUNE_AGENCY_CODE),
    DemoAccount(
        "quantri", roles.ADMINISTRATOR, "Quản Trị Viên", "000.00.01.H99", is_superuser=True
    ),
    DemoAccount(
        "bientap-stp",
        roles.EDITOR,
        "Trịnh Thị Pháp",
        JUSTICE_AGENCY_CODE,
        site_hostname=JUSTICE_HOSTNAME,
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
    for code, name, name_en in COMMUNES:
        Agency.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


def publish(page):
    page.save_revision().publish()
    return page


def ensure_child(parent, model, slug, **fields):
    """The child of `parent` with this slug, created live if missing.

    Demo pages are created live with no first revision (a quarter of the time of publishing one):
    load_site runs before every browser test. Wagtail starts the history at the first edit.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    now = timezone.now()
    page = model(
        slug=slug, locale=parent.locale, first_published_at=now, last_published_at=now, **fields
    )
    parent.add_child(instance=page)
    return page


def ensure_translation(original, parent, slug, locale=None, **fields):
    """The copy of `original` in `locale` (default: the parent's), sharing its translation key."""
    locale = locale or parent.locale
    existing = original.get_translation_or_none(locale)
    if existing:
        return existing.specific
    now = timezone.now()
    page = type(original)(
        slug=slug,
        locale=locale,
        translation_key=original.translation_key,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    parent.add_child(instance=page)
    return page


def ensure_news(news_index, news_index_en, items):
    """The demo articles in both languages, dated relative to today."""
    now = timezone.now()
    for item in items:
        published_on = now - timedelta(days=item["days_ago"])
        shared = {"published_on": published_on, "author": item["author"], "source": item["source"]}
        article = ensure_child(
            news_index,
            NewsPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            body=[paragraph(item["body"])],
            **shared,
        )
        ensure_translation(
            article,
            news_index_en,
            item["slug_en"],
            title=item["title_en"],
            summary=item["summary_en"],
            body=[paragraph(item["body_en"])],
            **shared,
        )


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
    "services.backoffice.demo.populate",
    "cms.compliance.demo.populate",
]


@transaction.atomic
def load_site():
    vi = Locale.objects.get_or_create(language_code=VI)[0]
    en = Locale.objects.get_or_create(language_code=EN)[0]
    # Wagtail's first migrations make the page tree's and the collections' roots; a flushed
    # database (a transactional test before this one) has neither.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=vi)
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")

    home = HomePage.objects.filter(locale=vi, slug="trang-chu").first()
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

    ensure_news(news_index, news_index_en, NEWS)

    PortalSettings.objects.update_or_create(
        site=site,
        defaults={
            **SETTINGS,
            "footer_links": state_portal_links(),
            "footer_links_en": state_portal_links(STATE_PORTALS_EN),
        },
    )
    ensure_agencies()
    for populator in DEMO_POPULATORS:
        import_string(populator)(home, home_en)
    justice_home = ensure_justice_site(root, vi, en)
    ensure_home_blocks(
        home,
        featured=[
            link(
                "Dịch vụ công trực tuyến",
                url="/dich-vu-cong/",
                description="Tra cứu thủ tục, nộp hồ sơ và theo dõi kết quả.",
            ),
            link(
                "Văn bản pháp luật", page=library, description="Văn bản của Chính phủ và của tỉnh."
            ),
            link(
                "Tin tức – Sự kiện",
                page=news_index,
                description="Hoạt động của tỉnh, các sở, ngành.",
            ),
        ],
        portals=[
            link("Sở Tư pháp", page=justice_home, description="Trang thông tin điện tử thành phần.")
        ],
        schedule=True,
    )
    ensure_home_blocks(
        home_en,
        featured=[
            link(
                "Online public services",
                url="/en/dich-vu-cong/",
                description="Find a procedure, file a dossier and follow it.",
            ),
            link(
                "Legal documents",
                page=library.get_translation(en),
                description="Documents of the Government and the province.",
            ),
            link(
                "News and events",
                page=news_index_en,
                description="What the province and its departments are doing.",
            ),
        ],
        portals=[
            link(
                "Department of Justice",
                page=justice_home.get_translation(en),
                description="Component site of the portal.",
            )
        ],
        schedule=True,
        english=True,
    )
    # Editors' page permissions and review workflows hang on the home pages, which exist only now.
    sync_roles()
    return home


def ensure_home_blocks(
    home, *, featured, portals, schedule=False, english=False, revision=True, portals_heading=""
):
    """Give a home page its blocks once; an administrator's later arrangement is kept."""
    if home.body:
        return
    blocks = [
        (
            "featured_links",
            {"heading": "Featured services" if english else "Dịch vụ nổi bật", "links": featured},
        ),
        ("latest_news", {"heading": "Latest news" if english else "Tin mới nhất", "count": 4}),
    ]
    if schedule:
        heading = "Leaders' schedule this week" if english else "Lịch công tác tuần này"
        blocks.append(("work_schedule", {"heading": heading}))
    if portals:
        heading = portals_heading or ("Component sites" if english else "Cổng thông tin thành phần")
        blocks.append(("portal_links", {"heading": heading, "links": portals}))
    home.body = blocks
    if revision:
        publish(home)
    else:
        home.save(update_fields=["body"])


def ensure_logo(title, filename, colour, ring):
    """A small round emblem drawn with Pillow the first time, then reused."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    canvas = PillowImage.new("RGB", (128, 128), "#ffffff")
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((4, 4, 124, 124), fill=colour, outline=ring, width=6)
    # Scales of justice: a beam, a post and two pans.
    draw.line((64, 30, 64, 96), fill=ring, width=6)
    draw.line((34, 42, 94, 42), fill=ring, width=5)
    draw.pieslice((20, 52, 48, 80), 0, 180, fill=ring)
    draw.pieslice((80, 52, 108, 80), 0, 180, fill=ring)
    draw.rectangle((46, 94, 82, 100), fill=ring)
    buffer = BytesIO()
    canvas.save(buffer, "PNG")
    image = Image(title=title, file=ImageFile(buffer, name=filename))
    image.save()
    return image


def ensure_justice_site(root, vi, en):
    """The Department of Justice's component site: its own home, news and settings, vi and en."""
    home = HomePage.objects.filter(locale=vi, slug="so-tu-phap").first()
    if home is None:
        home = ensure_child(
            root,
            HomePage,
            "so-tu-phap",
            title="Sở Tư pháp tỉnh Tân Hòa",
            summary="Trang thông tin điện tử thành phần của Sở Tư pháp tỉnh Tân Hòa.",
            intro=RichText(
                "<p>Thông tin về hộ tịch, trợ giúp pháp lý, công chứng, luật sư và phổ biến, "
                "giáo dục pháp luật.</p>"
            ),
        )
    site = Site.objects.filter(hostname=JUSTICE_HOSTNAME).first() or Site(
        hostname=JUSTICE_HOSTNAME, port=80
    )
    site.site_name, site.root_page = JUSTICE_SETTINGS["agency_name"], home
    site.save()
    home_en = ensure_translation(
        home,
        root,
        "department-of-justice",
        locale=en,
        title="Department of Justice of Tan Hoa Province",
        summary="Component site of the Department of Justice of Tan Hoa Province.",
        intro=RichText("<p>Civil status, legal aid, notaries, lawyers and legal education.</p>"),
    )
    site.save()  # The cached root paths must include the English home.

    about = ensure_child(
        home,
        StandardPage,
        "chuc-nang-nhiem-vu",
        title="Giới thiệu",
        show_in_menus=True,
        summary="Chức năng, nhiệm vụ và cơ cấu tổ chức của Sở Tư pháp.",
        body=[
            paragraph(
                "Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp "
                "Ủy ban nhân dân tỉnh quản lý nhà nước về công tác xây dựng và thi hành pháp "
                "luật, hộ tịch, trợ giúp pháp lý, công chứng, luật sư và các dịch vụ tư pháp."
            )
        ],
    )
    ensure_translation(
        about,
        home_en,
        "functions-and-duties",
        title="About",
        show_in_menus=True,
        summary="Functions, duties and organisation of the Department of Justice.",
        body=[
            paragraph(
                "The Department of Justice advises the provincial People's Committee on law "
                "making and enforcement, civil status, legal aid, notaries, lawyers and other "
                "judicial services."
            )
        ],
    )
    news_index = ensure_child(
        home,
        NewsIndexPage,
        "tin-hoat-dong",
        title="Tin tức – Sự kiện",
        show_in_menus=True,
        summary="Tin hoạt động của Sở Tư pháp.",
    )
    news_index_en = ensure_translation(
        news_index,
        home_en,
        "department-news",
        title="News and events",
        show_in_menus=True,
        summary="News from the Department of Justice.",
    )
    ensure_news(news_index, news_index_en, JUSTICE_NEWS)

    province = HomePage.objects.filter(locale=vi, slug="trang-chu").first()
    ensure_home_blocks(
        home,
        featured=[
            link(
                "Thủ tục hành chính",
                url="/dich-vu-cong/",
                description="Hộ tịch, lý lịch tư pháp, công chứng, trợ giúp pháp lý.",
            ),
            link(
                "Giới thiệu Sở Tư pháp",
                page=about,
                description="Chức năng, nhiệm vụ, cơ cấu tổ chức.",
            ),
        ],
        portals=[link("Cổng thông tin điện tử tỉnh Tân Hòa", page=province)] if province else [],
        portals_heading="Cổng thông tin tỉnh",
        revision=False,
    )
    ensure_home_blocks(
        home_en,
        featured=[
            link(
                "Administrative procedures",
                url="/en/dich-vu-cong/",
                description="Civil status, criminal records, notaries, legal aid.",
            ),
            link(
                "About the Department",
                page=about.get_translation(en),
                description="Functions, duties and organisation.",
            ),
        ],
        portals=[link("Tan Hoa Province e-Portal", page=province.get_translation(en))]
        if province
        else [],
        english=True,
        portals_heading="Provincial portal",
        revision=False,
    )
    logo = ensure_logo(
        JUSTICE_SETTINGS["logo_alt"], "bieu-trung-so-tu-phap.png", "#123a5e", "#f2c230"
    )
    PortalSettings.objects.update_or_create(
        site=site,
        defaults={
            **JUSTICE_SETTINGS,
            "logo": logo,
            "footer_links": state_portal_links(),
            "footer_links_en": state_portal_links(STATE_PORTALS_EN),
        },
    )
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
        group = account.group() if account.role else None
        if group:
            user.groups.add(group)
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
