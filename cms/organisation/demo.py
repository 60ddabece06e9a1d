"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

The introduction of the fictional Tân Hòa province in Vietnamese and English, its organisation
chart, leaders, contacts and the boundaries of its twelve communes and wards.
"""

import math
from decimal import Decimal

from wagtail.rich_text import RichText

from cms.demo import DEPARTMENTS, agency_code, ensure_child, ensure_translation

from .models import (
    AdministrativeArea,
    Contact,
    ContactDirectoryPage,
    IntroductionPage,
    Leader,
    OrganisationChartPage,
    OrgUnit,
)

COMMITTEE = ("Ủy ban nhân dân tỉnh Tân Hòa", "People's Committee of Tan Hoa Province")
ADDRESS = (
    "Số 1 đường Trần Hưng Đạo, phường Tân Hòa, tỉnh Tân Hòa",
    "1 Tran Hung Dao Street, Tan Hoa Ward",
)

# (parent department, name, English name, kind, phone, e-mail)
SUB_UNITS = [
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Phòng Tổng hợp",
        "General Affairs Division",
        "division",
        "0200 3812 351",
        "phongtonghop.vp@tanhoa.gov.vn",
    ),
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Phòng Kiểm soát thủ tục hành chính",
        "Administrative Procedure Control Division",
        "division",
        "0200 3812 352",
        "kstthc@tanhoa.gov.vn",
    ),
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Trung tâm Thông tin – Công báo",
        "Information and Official Gazette Centre",
        "agency",
        "0200 3812 353",
        "congbao@tanhoa.gov.vn",
    ),
    (
        "Sở Tư pháp",
        "Phòng Hành chính tư pháp",
        "Judicial Administration Division",
        "division",
        "0200 3812 431",
        "hctp.stp@tanhoa.gov.vn",
    ),
    (
        "Sở Tư pháp",
        "Trung tâm Trợ giúp pháp lý nhà nước",
        "State Legal Aid Centre",
        "agency",
        "0200 3812 432",
        "trogiupphaply@tanhoa.gov.vn",
    ),
]

# (full name, position, English position, duties, English duties, biography, English biography)
LEADERS = [
    (
        "Lê Quang Vinh",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Chairman of the Provincial People's Committee",
        "Lãnh đạo, điều hành chung mọi hoạt động của Ủy ban nhân dân tỉnh; trực tiếp phụ trách nội chính, tổ chức bộ máy, quốc phòng – an ninh.",
        "General leadership of the Provincial People's Committee; internal affairs, organisation, defence and security.",
        "Sinh năm 1970, quê xã Tân Lập. Thạc sĩ Quản lý công. Nguyên Bí thư Huyện ủy Tân Phú, Giám đốc Sở Nội vụ.",
        "Born in 1970 in Tan Lap. Master of Public Administration. Formerly Party Secretary of Tan Phu District and Director of Home Affairs.",
    ),
    (
        "Phạm Thị Thu Hà",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "Vice Chairwoman of the Provincial People's Committee",
        "Phụ trách lĩnh vực văn hóa – xã hội: giáo dục, y tế, lao động, du lịch, dân tộc, tôn giáo.",
        "Culture and society: education, health, labour, tourism, ethnic and religious affairs.",
        "Sinh năm 1975. Tiến sĩ Y học. Nguyên Giám đốc Sở Y tế tỉnh Tân Hòa.",
        "Born in 1975. Doctor of Medicine. Formerly Director of the Provincial Department of Health.",
    ),
    (
        "Nguyễn Hoàng Long",
        "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh",
        "Standing Vice Chairman of the Provincial People's Committee",
        "Phụ trách kinh tế tổng hợp, tài chính, ngân sách, đầu tư, cải cách hành chính và chuyển đổi số.",
        "Economy, finance and budget, investment, administrative reform and digital transformation.",
        "Sinh năm 1972. Thạc sĩ Kinh tế. Nguyên Giám đốc Sở Tài chính.",
        "Born in 1972. Master of Economics. Formerly Director of the Department of Finance.",
    ),
    (
        "Đặng Văn Sơn",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "Vice Chairman of the Provincial People's Committee",
        "Phụ trách nông nghiệp, tài nguyên và môi trường, xây dựng, giao thông, phòng chống thiên tai.",
        "Agriculture, natural resources and environment, construction, transport, disaster prevention.",
        "Sinh năm 1974. Kỹ sư Thủy lợi. Nguyên Giám đốc Sở Nông nghiệp và Phát triển nông thôn.",
        "Born in 1974. Irrigation engineer. Formerly Director of Agriculture and Rural Development.",
    ),
    (
        "Trần Minh Đức",
        "Chánh Văn phòng Ủy ban nhân dân tỉnh",
        "Chief of the Office of the Provincial People's Committee",
        "Giúp Chủ tịch điều hòa, phối hợp hoạt động chung; phụ trách Cổng thông tin điện tử tỉnh và kiểm soát thủ tục hành chính.",
        "Assists the Chairman in coordination; responsible for the provincial e-portal and administrative-procedure control.",
        "Sinh năm 1978. Thạc sĩ Luật. Nguyên Phó Chánh Văn phòng Ủy ban nhân dân tỉnh.",
        "Born in 1978. Master of Laws. Formerly Deputy Chief of the Office.",
    ),
]

# (unit, full name, position, English position, phone, e-mail)
CONTACTS = [
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Trần Minh Đức",
        "Chánh Văn phòng",
        "Chief of Office",
        "0200 3812 345",
        "tmduc@tanhoa.gov.vn",
    ),
    (
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Nguyễn Thị Lan",
        "Phó Chánh Văn phòng",
        "Deputy Chief of Office",
        "0200 3812 347",
        "ntlan@tanhoa.gov.vn",
    ),
    ("Sở Nội vụ", "Hoàng Văn Nam", "Giám đốc", "Director", "0200 3812 411", "hvnam@tanhoa.gov.vn"),
    (
        "Sở Tài chính",
        "Vũ Thị Hương",
        "Giám đốc",
        "Director",
        "0200 3812 421",
        "vthuong@tanhoa.gov.vn",
    ),
    (
        "Sở Tư pháp",
        "Bùi Quốc Khánh",
        "Giám đốc",
        "Director",
        "0200 3812 403",
        "bqkhanh@tanhoa.gov.vn",
    ),
    (
        "Sở Tư pháp",
        "Lý Thị Ngọc",
        "Phó Giám đốc",
        "Deputy Director",
        "0200 3812 433",
        "ltngoc@tanhoa.gov.vn",
    ),
    (
        "Sở Xây dựng",
        "Phan Đức Thịnh",
        "Giám đốc",
        "Director",
        "0200 3812 441",
        "pdthinh@tanhoa.gov.vn",
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "Mai Văn Hùng",
        "Giám đốc",
        "Director",
        "0200 3812 451",
        "mvhung@tanhoa.gov.vn",
    ),
    ("Sở Y tế", "Đỗ Thị Thanh", "Giám đốc", "Director", "0200 3812 461", "dtthanh@tanhoa.gov.vn"),
    (
        "Sở Giáo dục và Đào tạo",
        "Trịnh Văn Hải",
        "Giám đốc",
        "Director",
        "0200 3812 471",
        "tvhai@tanhoa.gov.vn",
    ),
    (
        "Sở Khoa học và Công nghệ",
        "Ngô Minh Tuấn",
        "Giám đốc",
        "Director",
        "0200 3812 481",
        "nmtuan@tanhoa.gov.vn",
    ),
    (
        "Sở Công Thương",
        "Lương Thị Hoa",
        "Giám đốc",
        "Director",
        "0200 3812 491",
        "lthoa@tanhoa.gov.vn",
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Cao Xuân Trường",
        "Giám đốc",
        "Director",
        "0200 3812 495",
        "cxtruong@tanhoa.gov.vn",
    ),
    (
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Hồ Thị Yến",
        "Giám đốc",
        "Director",
        "0200 3812 500",
        "htyen@tanhoa.gov.vn",
    ),
    (
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Đinh Công Bằng",
        "Phó Giám đốc",
        "Deputy Director",
        "0200 3812 501",
        "",
    ),
]

# The twelve communes and wards on a 4 x 4 grid without its corners (row, column, code, name, kind,
# population): a compact province around the provincial capital, Tân Hòa ward.
AREAS = [
    (0, 1, "99101", "Tân Lập", "commune", 24_650),
    (0, 2, "99104", "Tân Phú", "commune", 21_380),
    (1, 0, "99107", "Tây Hà", "commune", 18_920),
    (1, 1, "99110", "Tân Hòa", "ward", 62_400),
    (1, 2, "99113", "Tân An", "ward", 48_750),
    (1, 3, "99116", "Đông Sơn", "commune", 19_870),
    (2, 0, "99119", "Hòa Thuận", "commune", 22_140),
    (2, 1, "99122", "Hòa Bình", "ward", 41_300),
    (2, 2, "99125", "Hòa Mỹ", "commune", 27_560),
    (2, 3, "99128", "An Hải", "commune", 30_210),
    (3, 1, "99131", "Phú Lộc", "commune", 25_980),
    (3, 2, "99134", "Bình Minh", "commune", 23_470),
]
GRID_ORIGIN = (105.86, 20.62)  # longitude, latitude of the grid's north-west corner
CELL = (0.115, 0.1)  # degrees of longitude, latitude


def _vertex(row, column):
    # Small fixed offsets make the boundaries irregular while neighbours still share each vertex.
    wobble = ((row * 7 + column * 3) % 5 - 2) * 0.008
    wobble_lat = ((row * 3 + column * 5) % 5 - 2) * 0.007
    return (
        GRID_ORIGIN[0] + column * CELL[0] + wobble,
        GRID_ORIGIN[1] - row * CELL[1] + wobble_lat,
    )


def _midpoint(a, b):
    """A bent point halfway along the shared edge a–b, the same seen from either side."""
    (r1, c1), (r2, c2) = sorted([a, b])
    (x1, y1), (x2, y2) = _vertex(r1, c1), _vertex(r2, c2)
    bend = ((r1 * 13 + c1 * 7 + r2 * 5 + c2 * 3) % 5 - 2) * 0.006
    # Perpendicular to the edge: horizontal edges bend north or south, vertical ones east or west.
    dx, dy = (0, bend) if r1 == r2 else (bend, 0)
    return ((x1 + x2) / 2 + dx, (y1 + y2) / 2 + dy)


def cell_boundary(row, column):
    corners = [(row, column), (row, column + 1), (row + 1, column + 1), (row + 1, column)]
    ring = []
    for index, corner in enumerate(corners):
        following = corners[(index + 1) % 4]
        ring += [_vertex(*corner), _midpoint(corner, following)]
    return [[round(lon, 5), round(lat, 5)] for lon, lat in ring]


def area_km2(ring):
    """Area of a small lon/lat polygon in km² (local equirectangular approximation)."""
    mean_lat = sum(lat for _, lat in ring) / len(ring)
    kx, ky = 111.32 * math.cos(math.radians(mean_lat)), 110.57
    points = [(lon * kx, lat * ky) for lon, lat in ring]
    twice = sum(
        x0 * y1 - x1 * y0
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
    )
    return Decimal(abs(twice) / 2).quantize(Decimal("0.01"))


def create_missing(model, key, candidates, existing=None):
    """Bulk-create the candidates whose key is not in the table yet; return {key: record}."""
    existing = (
        existing
        if existing is not None
        else {key(record): record for record in model.objects.all()}
    )
    missing = [record for record in candidates if key(record) not in existing]
    model.objects.bulk_create(missing)
    existing.update({key(record): record for record in missing})
    return existing


def ensure_units():
    """The committee, its departments and a few of their units, created once (matched by name)."""
    units = {unit.name: unit for unit in OrgUnit.objects.all()}
    create_missing(
        OrgUnit,
        lambda unit: unit.name,
        [
            OrgUnit(
                name=COMMITTEE[0],
                name_en=COMMITTEE[1],
                kind=OrgUnit.Kind.COMMITTEE,
                address=ADDRESS[0],
                address_en=ADDRESS[1],
                phone="0200 3812 345",
                fax="0200 3812 346",
                email="ubnd@tanhoa.gov.vn",
                position=0,
            )
        ],
        units,
    )
    committee = units[COMMITTEE[0]]
    departments = []
    for number, (name, name_en, phone, email) in enumerate(DEPARTMENTS, start=1):
        kind = (
            OrgUnit.Kind.OFFICE
            if name.startswith("Văn phòng")
            else OrgUnit.Kind.AGENCY
            if name.startswith("Trung tâm")
            else OrgUnit.Kind.DEPARTMENT
        )
        departments.append(
            OrgUnit(
                name=name,
                name_en=name_en,
                kind=kind,
                parent=committee,
                code=agency_code(number),
                address=f"Số {number + 1} đường Trần Hưng Đạo, phường Tân Hòa, tỉnh Tân Hòa",
                address_en=f"{number + 1} Tran Hung Dao Street, Tan Hoa Ward",
                phone=phone,
                email=email,
                position=number,
            )
        )
    create_missing(OrgUnit, lambda unit: unit.name, departments, units)
    create_missing(
        OrgUnit,
        lambda unit: unit.name,
        [
            OrgUnit(
                name=name,
                name_en=name_en,
                kind=kind,
                parent=units[parent],
                phone=phone,
                email=email,
                position=position,
            )
            for position, (parent, name, name_en, kind, phone, email) in enumerate(SUB_UNITS, 1)
        ],
        units,
    )
    return units


def ensure_people(units):
    office = units["Văn phòng Ủy ban nhân dân tỉnh"]
    create_missing(
        Leader,
        lambda leader: leader.full_name,
        [
            Leader(
                full_name=name,
                position=position,
                position_en=position_en,
                duties=duties,
                duties_en=duties_en,
                biography=bio,
                biography_en=bio_en,
                unit=office if order == 4 else units[COMMITTEE[0]],
                phone=f"0200 3812 3{order:02d}",
                email=f"lanhdao{order + 1}@tanhoa.gov.vn",
                position_order=order,
            )
            for order, (name, position, position_en, duties, duties_en, bio, bio_en) in enumerate(
                LEADERS
            )
        ],
    )
    create_missing(
        Contact,
        lambda contact: (contact.unit_id, contact.full_name),
        [
            Contact(
                unit=units[unit],
                full_name=name,
                position=position,
                position_en=position_en,
                phone=phone,
                email=email,
                position_order=order,
            )
            for order, (unit, name, position, position_en, phone, email) in enumerate(CONTACTS)
        ],
    )


def ensure_areas():
    create_missing(
        AdministrativeArea,
        lambda area: area.code,
        [
            AdministrativeArea(
                code=code,
                name=name,
                kind=kind,
                population=population,
                area_km2=area_km2(cell_boundary(row, column)),
                boundary=cell_boundary(row, column),
            )
            for row, column, code, name, kind, population in AREAS
        ],
    )


def rich(*paragraphs):
    return RichText("".join(f"<p>{text}</p>" for text in paragraphs))


def ensure_pages(home, home_en):
    about = ensure_child(
        home,
        IntroductionPage,
        "gioi-thieu",
        title="Giới thiệu",
        show_in_menus=True,
        show_boundary_map=True,
        summary="Vị trí địa lý, điều kiện tự nhiên, lịch sử, văn hóa và bản đồ hành chính tỉnh Tân Hòa.",
        natural_conditions=rich(
            "Tỉnh Tân Hòa nằm ở vùng đồng bằng ven biển, diện tích tự nhiên khoảng 1.700 km², "
            "gồm 12 xã, phường với dân số khoảng 370.000 người.",
            "Khí hậu nhiệt đới gió mùa, nhiệt độ trung bình năm 24 °C; sông Tân chảy qua địa bàn "
            "từ tây sang đông, bồi đắp vùng đồng bằng màu mỡ.",
        ),
        history=rich(
            "Vùng đất Tân Hòa có lịch sử hơn 300 năm hình thành và phát triển. Tỉnh được tái lập "
            "năm 1997 và sắp xếp lại đơn vị hành chính cấp xã năm 2025."
        ),
        culture=rich(
            "Tân Hòa lưu giữ nhiều lễ hội truyền thống như lễ hội đua thuyền sông Tân, hội làng "
            "Hòa Mỹ và nghệ thuật hát then, đờn ca tài tử."
        ),
        relics=rich(
            "Trên địa bàn tỉnh có 4 di tích cấp quốc gia, trong đó có đình Tân Lập, chùa Phú Lộc "
            "và khu di tích lịch sử Đông Sơn; bãi biển An Hải là điểm du lịch nổi tiếng."
        ),
    )
    about_en = ensure_translation(
        about,
        home_en,
        "about",
        title="About Tan Hoa",
        show_in_menus=True,
        show_boundary_map=True,
        summary="Geography, natural conditions, history, culture and the administrative map of Tan Hoa Province.",
        natural_conditions=rich(
            "Tan Hoa lies on the coastal plain. It covers about 1,700 km² and has 12 communes and "
            "wards with about 370,000 inhabitants.",
            "The climate is tropical monsoon with a mean temperature of 24 °C; the Tan river "
            "crosses the province from west to east.",
        ),
        history=rich(
            "Settled more than 300 years ago, the province was re-established in 1997 and its "
            "communes were reorganised in 2025."
        ),
        culture=rich(
            "Tan Hoa keeps traditional festivals such as the Tan river boat race and the Hoa My "
            "village festival, and the then and don ca tai tu music traditions."
        ),
        relics=rich(
            "The province has four national heritage sites, including Tan Lap communal house, "
            "Phu Loc pagoda and the Dong Son historic site; An Hai beach is a well-known resort."
        ),
    )
    for page, parent in ((about, home), (about_en, home_en)):
        first = parent.get_first_child()
        if first and first.pk != page.pk:
            # The introduction comes first in the menu (TT 32/2017 Art. 16).
            page.move(parent, pos="first-child")

    organisation = ensure_child(
        about,
        OrganisationChartPage,
        "co-cau-to-chuc",
        title="Cơ cấu tổ chức",
        summary="Lãnh đạo Ủy ban nhân dân tỉnh, lĩnh vực phụ trách và sơ đồ các cơ quan chuyên môn.",
    )
    ensure_translation(
        organisation,
        about_en,
        "organisation",
        title="Organisation",
        summary="Leaders of the Provincial People's Committee, their duties and the organisation chart.",
    )
    functions = ensure_child(
        about,
        IntroductionPage,
        "chuc-nang-nhiem-vu",
        title="Chức năng, nhiệm vụ",
        summary="Chức năng, nhiệm vụ và quyền hạn của Ủy ban nhân dân tỉnh.",
        functions=rich(
            "Ủy ban nhân dân tỉnh do Hội đồng nhân dân tỉnh bầu, là cơ quan chấp hành của Hội đồng "
            "nhân dân, cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước Hội đồng "
            "nhân dân tỉnh và cơ quan hành chính nhà nước cấp trên.",
            "Ủy ban nhân dân tỉnh tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của Hội đồng "
            "nhân dân tỉnh; quyết định các vấn đề theo thẩm quyền; thực hiện nhiệm vụ, quyền hạn do "
            "cơ quan nhà nước cấp trên phân cấp, ủy quyền.",
        ),
    )
    ensure_translation(
        functions,
        about_en,
        "functions",
        title="Functions and powers",
        summary="Functions, duties and powers of the Provincial People's Committee.",
        functions=rich(
            "The Provincial People's Committee is elected by the Provincial People's Council. It "
            "is the council's executive body and the local state administration, accountable to "
            "the council and to the state administration above it.",
            "It enforces the Constitution, the law and the council's resolutions, decides matters "
            "within its competence and carries out the tasks delegated to it.",
        ),
    )
    contacts = ensure_child(
        about,
        ContactDirectoryPage,
        "danh-ba",
        title="Danh bạ liên hệ",
        summary="Cán bộ đầu mối, số điện thoại và danh bạ thư điện tử công vụ của các cơ quan, đơn vị.",
    )
    ensure_translation(
        contacts,
        about_en,
        "contacts",
        title="Contacts",
        summary="Contact officials, phone numbers and the directory of official e-mail accounts.",
    )


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
    units = ensure_units()
    ensure_people(units)
    ensure_areas()
    ensure_pages(home, home_en)
