"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

The public-information section ("Thông tin công khai") is the one menu entry; every section of this
app and of cms.publications is a child of it, so any record is at most three clicks from home.
Vietnamese only: ND 43 Art. 13 asks for English only for the introduction, contacts and services.
"""

from datetime import date, timedelta

from django.utils import timezone

from cms.demo import ensure_child, heading, paragraph
from cms.models import LegalDocument

from .models import (
    DisseminationDocument,
    DisseminationIndexPage,
    DisseminationPage,
    EnvironmentalRecord,
    EnvironmentPage,
    PlanningDocument,
    PlanningIndexPage,
    Project,
    ProjectIndexPage,
    PublicInformationPage,
)

HUB_SLUG = "thong-tin-cong-khai"
UBND = "Ủy ban nhân dân tỉnh Tân Hòa"
HDND = "Hội đồng nhân dân tỉnh Tân Hòa"


def create_missing(model, key, rows):
    """bulk_create the rows whose `key` value is not in the table yet; return them all by key."""
    wanted = [row[key] for row in rows]
    existing = set(model.objects.filter(**{f"{key}__in": wanted}).values_list(key, flat=True))
    model.objects.bulk_create([model(**row) for row in rows if row[key] not in existing])
    return {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": wanted})}


def ensure_hub(home):
    return ensure_child(
        home,
        PublicInformationPage,
        HUB_SLUG,
        title="Thông tin công khai",
        show_in_menus=True,
        summary=(
            "Phổ biến pháp luật, quy hoạch, kế hoạch, thông tin môi trường, dự án đầu tư, công báo, "
            "lấy ý kiến dự thảo, khoa học – công nghệ và số liệu thống kê của tỉnh."
        ),
        body=[
            paragraph(
                "Các thông tin dưới đây được công khai theo Điều 10, 11, 12 Nghị định số "
                "43/2011/NĐ-CP và Điều 19 Luật Tiếp cận thông tin năm 2016."
            )
        ],
    )


PLANNING_DOCUMENTS = [
    {
        "kind": PlanningDocument.Kind.MASTER_PLAN,
        "title": "Quy hoạch tỉnh Tân Hòa thời kỳ 2021–2030, tầm nhìn đến năm 2050",
        "decision": "1456/QĐ-TTg",
        "approving_body": "Thủ tướng Chính phủ",
        "approved_on": date(2023, 11, 20),
        "period": "2021–2030, tầm nhìn đến năm 2050",
        "location": "Toàn tỉnh",
        "summary": "Xác định không gian phát triển ba vùng động lực, hai hành lang kinh tế dọc "
        "sông Tân và quốc lộ 13; phương án phát triển hạ tầng, khu công nghiệp, đô thị và bảo vệ môi trường.",
    },
    {
        "kind": PlanningDocument.Kind.STRATEGY,
        "title": "Chiến lược phát triển kinh tế số tỉnh Tân Hòa đến năm 2030",
        "decision": "245/QĐ-UBND",
        "approving_body": UBND,
        "approved_on": date(2025, 3, 14),
        "period": "2025–2030",
        "summary": "Mục tiêu kinh tế số chiếm 25% GRDP vào năm 2030; 100% thủ tục hành chính đủ "
        "điều kiện được cung cấp trực tuyến toàn trình; phổ cập kỹ năng số cho người dân.",
    },
    {
        "kind": PlanningDocument.Kind.ANNUAL_PLAN,
        "title": "Kế hoạch phát triển kinh tế – xã hội năm 2026",
        "decision": "45/NQ-HĐND",
        "approving_body": HDND,
        "approved_on": date(2025, 12, 10),
        "period": "2026",
        "summary": "Tốc độ tăng trưởng GRDP từ 8,5% trở lên; thu ngân sách 18.500 tỷ đồng; tỷ lệ hộ "
        "nghèo giảm 0,5%; 95% dân số tham gia bảo hiểm y tế.",
    },
    {
        "kind": PlanningDocument.Kind.ANNUAL_PLAN,
        "title": "Kế hoạch phát triển kinh tế – xã hội 5 năm 2026–2030",
        "decision": "38/NQ-HĐND",
        "approving_body": HDND,
        "approved_on": date(2025, 12, 10),
        "period": "2026–2030",
        "summary": "Các chỉ tiêu chủ yếu về kinh tế, xã hội, môi trường của giai đoạn 2026–2030 và "
        "các đột phá chiến lược về hạ tầng giao thông, nguồn nhân lực và chuyển đổi số.",
    },
    {
        "kind": PlanningDocument.Kind.INVESTMENT_OPPORTUNITY,
        "title": "Danh mục dự án kêu gọi đầu tư tỉnh Tân Hòa giai đoạn 2025–2030",
        "decision": "2110/QĐ-UBND",
        "approving_body": UBND,
        "approved_on": date(2025, 6, 5),
        "period": "2025–2030",
        "summary": "42 dự án kêu gọi đầu tư trong các lĩnh vực công nghiệp chế biến, logistics, du lịch "
        "sinh thái và nông nghiệp công nghệ cao; chính sách ưu đãi về đất đai và thủ tục đầu tư.",
    },
    {
        "kind": PlanningDocument.Kind.CONSTRUCTION_PLAN,
        "title": "Quy hoạch phân khu xây dựng Khu công nghiệp Tân Hòa II, tỷ lệ 1/2000",
        "decision": "1875/QĐ-UBND",
        "approving_body": UBND,
        "approved_on": date(2024, 9, 18),
        "period": "Đến năm 2035",
        "location": "Xã Bàu Sen",
        "summary": "Diện tích 650 ha, định hướng công nghiệp điện tử, cơ khí chính xác; khu xử lý "
        "nước thải tập trung công suất 15.000 m³/ngày đêm.",
    },
    {
        "kind": PlanningDocument.Kind.URBAN_PLAN,
        "title": "Điều chỉnh quy hoạch chung đô thị Tân Hòa đến năm 2045",
        "decision": "980/QĐ-UBND",
        "approving_body": UBND,
        "approved_on": date(2024, 5, 6),
        "period": "Đến năm 2045",
        "location": "Phường Tân Hòa, phường Long Thạnh",
        "summary": "Quy mô dân số 450.000 người năm 2045; mở rộng không gian đô thị về phía Đông, "
        "hình thành trục cảnh quan ven sông Tân.",
    },
    {
        "kind": PlanningDocument.Kind.LAND_USE_PLAN,
        "title": "Kế hoạch sử dụng đất năm 2026 tỉnh Tân Hòa",
        "decision": "2650/QĐ-UBND",
        "approving_body": UBND,
        "approved_on": date(2025, 12, 26),
        "period": "2026",
        "location": "Toàn tỉnh",
        "summary": "Chỉ tiêu chuyển mục đích sử dụng 1.240 ha đất nông nghiệp sang đất phi nông "
        "nghiệp; danh mục 215 công trình, dự án thu hồi đất.",
    },
    {
        "kind": PlanningDocument.Kind.NATURAL_RESOURCES,
        "title": "Kế hoạch khai thác khoáng sản làm vật liệu xây dựng thông thường giai đoạn 2025–2030",
        "decision": "1320/QĐ-UBND",
        "approving_body": UBND,
        "approved_on": date(2025, 7, 22),
        "period": "2025–2030",
        "location": "Xã Suối Đá, xã Phước An",
        "summary": "Khoanh định 14 khu vực khai thác đá xây dựng và cát sông; yêu cầu ký quỹ cải tạo, "
        "phục hồi môi trường và lắp camera giám sát tại mỏ.",
    },
]

K = EnvironmentalRecord.Kind
S = EnvironmentalRecord.Status
ENVIRONMENTAL_RECORDS = [
    (
        K.WASTE_PLAN,
        "Khu xử lý chất thải rắn tập trung Suối Đá",
        "Xã Suối Đá",
        "11.215000",
        "106.452000",
        "Khu xử lý chất thải rắn sinh hoạt và công nghiệp thông thường, diện tích 45 ha, công suất 500 tấn/ngày; đốt phát điện kết hợp chôn lấp hợp vệ sinh.",
        "",
        S.IN_EFFECT,
        "Quyết định số 1520/QĐ-UBND ngày 12/8/2024 của UBND tỉnh",
        date(2024, 8, 12),
    ),
    (
        K.WASTE_PLAN,
        "Trạm trung chuyển chất thải rắn Long Thạnh",
        "Phường Long Thạnh",
        "10.982000",
        "106.651000",
        "Trạm trung chuyển kín, công suất 150 tấn/ngày, phục vụ các phường phía Đông đô thị Tân Hòa.",
        "",
        S.IN_EFFECT,
        "Quyết định số 1520/QĐ-UBND ngày 12/8/2024 của UBND tỉnh",
        date(2024, 8, 12),
    ),
    (
        K.WASTE_PLAN,
        "Cơ sở tái chế nhựa và giấy Bàu Sen (quy hoạch)",
        "Xã Bàu Sen",
        "11.102000",
        "106.773000",
        "Quỹ đất 12 ha dành cho cơ sở tái chế chất thải rắn có thể tái chế, kêu gọi đầu tư giai đoạn 2026–2030.",
        "",
        S.IN_EFFECT,
        "Quy hoạch tỉnh thời kỳ 2021–2030",
        date(2023, 11, 20),
    ),
    (
        K.WASTE_PLAN,
        "Nhà máy xử lý nước thải đô thị Tân Hòa",
        "Phường Tân Hòa",
        "10.965000",
        "106.598000",
        "Công suất giai đoạn 1: 20.000 m³/ngày đêm; giai đoạn 2 nâng lên 40.000 m³/ngày đêm.",
        "",
        S.IN_EFFECT,
        "Quyết định số 980/QĐ-UBND ngày 06/5/2024 của UBND tỉnh",
        date(2024, 5, 6),
    ),
    (
        K.POLLUTION_SOURCE,
        "Khu công nghiệp Tân Hòa I",
        "Xã Bàu Sen",
        "11.012000",
        "106.702000",
        "Nước thải công nghiệp 12.000 m³/ngày đêm sau xử lý tập trung xả ra sông Tân; quan trắc tự động, truyền số liệu liên tục về Sở Nông nghiệp và Môi trường.",
        "COD, BOD5, TSS, amoni",
        S.MONITORING,
        "Giấy phép môi trường số 45/GPMT-UBND",
        date(2025, 3, 2),
    ),
    (
        K.POLLUTION_SOURCE,
        "Cụm công nghiệp chế biến cao su Bình Long",
        "Xã Bình Long",
        "11.248000",
        "106.382000",
        "Nước thải chế biến mủ cao su và mùi hôi ảnh hưởng đến khu dân cư lân cận; đang nâng cấp hệ thống xử lý.",
        "Amoni, tổng nitơ, H2S",
        S.REMEDIATING,
        "Kết luận thanh tra số 12/KL-SNNMT ngày 20/6/2025",
        date(2025, 6, 20),
    ),
    (
        K.POLLUTION_SOURCE,
        "Nhà máy xi măng Phước An",
        "Xã Phước An",
        "11.165000",
        "106.842000",
        "Khí thải lò nung clinker; đã lắp đặt quan trắc khí thải tự động, liên tục.",
        "Bụi PM10, SO2, NOx",
        S.MONITORING,
        "Giấy phép môi trường số 18/GPMT-BTNMT",
        date(2024, 11, 5),
    ),
    (
        K.POLLUTION_SOURCE,
        "Cơ sở giết mổ gia súc tập trung Hòa Lợi",
        "Xã Hòa Lợi",
        "10.931000",
        "106.455000",
        "Nước thải giết mổ 300 m³/ngày đêm, xử lý sinh học trước khi xả ra kênh Hòa Lợi.",
        "BOD5, Coliform",
        S.IN_EFFECT,
        "Giấy phép môi trường số 07/GPMT-UBND",
        date(2025, 1, 15),
    ),
    (
        K.HAZARDOUS_WASTE,
        "Kho chất thải nguy hại Công ty TNHH Điện tử Tân Hòa Việt",
        "Xã Bàu Sen",
        "11.030000",
        "106.721000",
        "Bùn thải mạ kim loại và bo mạch hỏng, khoảng 18 tấn/năm; chuyển giao cho đơn vị có giấy phép xử lý.",
        "07 01 04; 19 02 06",
        S.IN_EFFECT,
        "Sổ đăng ký chủ nguồn thải số 74.000123.T",
        date(2025, 2, 10),
    ),
    (
        K.HAZARDOUS_WASTE,
        "Bệnh viện Đa khoa tỉnh Tân Hòa",
        "Phường Tân Hòa",
        "10.958000",
        "106.622000",
        "Chất thải y tế lây nhiễm khoảng 320 kg/ngày, xử lý bằng lò hấp tiệt trùng tại chỗ.",
        "13 01 01",
        S.IN_EFFECT,
        "Giấy phép môi trường số 22/GPMT-UBND",
        date(2024, 10, 1),
    ),
    (
        K.HAZARDOUS_WASTE,
        "Cơ sở tái chế ắc quy chì (đã đình chỉ) Thạnh Mỹ",
        "Xã Thạnh Mỹ",
        "11.122000",
        "106.553000",
        "Cơ sở tái chế ắc quy chì trái phép đã bị đình chỉ; đất và bùn quanh cơ sở nhiễm chì, đang cải tạo.",
        "19 06 01 (ắc quy chì thải)",
        S.REMEDIATING,
        "Quyết định xử phạt số 310/QĐ-XPHC ngày 05/9/2025",
        date(2025, 9, 5),
    ),
    (
        K.HAZARDOUS_WASTE,
        "Kho thuốc bảo vệ thực vật tồn lưu Tân Phú",
        "Xã Tân Phú",
        "11.280000",
        "106.610000",
        "Kho thuốc bảo vệ thực vật tồn lưu từ trước năm 1990; đã đóng gói, chuyển đi tiêu hủy 2,4 tấn.",
        "14 01 01",
        S.RESOLVED,
        "Quyết định số 1702/QĐ-UBND ngày 14/10/2025",
        date(2025, 10, 14),
    ),
    (
        K.POLLUTED_AREA,
        "Đoạn sông Tân qua cụm công nghiệp Bình Long",
        "Xã Bình Long",
        "11.230000",
        "106.405000",
        "Đoạn sông dài 3,5 km ô nhiễm hữu cơ nghiêm trọng; thuộc danh mục khu vực ô nhiễm môi trường nghiêm trọng của tỉnh.",
        "BOD5, amoni vượt 3–5 lần quy chuẩn",
        S.REMEDIATING,
        "Quyết định số 2015/QĐ-UBND ngày 30/11/2025",
        date(2025, 11, 30),
    ),
    (
        K.POLLUTED_AREA,
        "Bãi rác cũ phường Tân Hòa",
        "Phường Tân Hòa",
        "10.948000",
        "106.577000",
        "Bãi chôn lấp không hợp vệ sinh đã đóng cửa năm 2019; ô nhiễm nước ngầm tầng nông.",
        "Amoni, kim loại nặng",
        S.MONITORING,
        "Quyết định số 2015/QĐ-UBND ngày 30/11/2025",
        date(2025, 11, 30),
    ),
    (
        K.POLLUTED_AREA,
        "Kho xăng dầu cảng Long Thạnh",
        "Phường Long Thạnh",
        "10.915000",
        "106.880000",
        "Khu vực có nguy cơ xảy ra sự cố tràn dầu; đã có kế hoạch ứng phó sự cố được phê duyệt.",
        "Dầu mỏ và sản phẩm dầu mỏ",
        S.MONITORING,
        "Kế hoạch ứng phó sự cố tràn dầu số 88/KH-UBND",
        date(2025, 4, 8),
    ),
    (
        K.POLLUTED_AREA,
        "Hồ Suối Đá",
        "Xã Suối Đá",
        "11.190000",
        "106.480000",
        "Hồ cấp nước sinh hoạt có nguy cơ phú dưỡng vào mùa khô; quan trắc chất lượng nước hằng tháng.",
        "Tổng phốt pho, tảo lam",
        S.MONITORING,
        "Báo cáo quan trắc môi trường quý III/2026",
        date(2026, 9, 30),
    ),
]

PROJECTS = [
    {
        "stage": Project.Stage.PREPARING,
        "name": "Đường vành đai phía Tây đô thị Tân Hòa",
        "objective": "Giảm ùn tắc trung tâm đô thị, kết nối quốc lộ 13 với Khu công nghiệp Tân Hòa II.",
        "field": "Giao thông",
        "project_type": "Dự án nhóm A, đầu tư công",
        "start_year": 2027,
        "end_year": 2030,
        "budget": 3_450_000_000_000,
        "funding_type": "Ngân sách trung ương hỗ trợ có mục tiêu và ngân sách tỉnh",
        "sponsor": "Ngân sách nhà nước",
        "status": "Đang lập báo cáo nghiên cứu tiền khả thi",
        "investor": "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh",
        "location": "Phường Tân Hòa, xã Hòa Lợi, xã Bàu Sen",
        "decision": "Nghị quyết số 52/NQ-HĐND ngày 10/12/2025 về chủ trương đầu tư",
    },
    {
        "stage": Project.Stage.PREPARING,
        "name": "Nhà máy xử lý nước thải đô thị Tân Hòa, giai đoạn 2",
        "objective": "Nâng công suất xử lý nước thải đô thị lên 40.000 m³/ngày đêm, giảm ô nhiễm sông Tân.",
        "field": "Môi trường, cấp thoát nước",
        "project_type": "Dự án nhóm B, vốn ODA",
        "start_year": 2027,
        "end_year": 2029,
        "budget": 1_150_000_000_000,
        "funding_type": "Vốn vay ODA và vốn đối ứng ngân sách tỉnh",
        "sponsor": "Ngân hàng Tái thiết Đức (KfW)",
        "status": "Đang đàm phán hiệp định vay",
        "investor": "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh",
        "location": "Phường Tân Hòa",
    },
    {
        "stage": Project.Stage.IN_PROGRESS,
        "name": "Bệnh viện Đa khoa tỉnh Tân Hòa quy mô 1.000 giường",
        "objective": "Nâng cao năng lực khám, chữa bệnh tuyến tỉnh, giảm quá tải cho tuyến trên.",
        "field": "Y tế",
        "project_type": "Dự án nhóm A, đầu tư công",
        "start_year": 2024,
        "end_year": 2027,
        "budget": 1_980_000_000_000,
        "funding_type": "Ngân sách tỉnh",
        "sponsor": "Ngân sách nhà nước",
        "status": "Đang thi công phần thân, đạt 58% khối lượng",
        "investor": "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh",
        "location": "Phường Long Thạnh",
        "decision": "Quyết định số 1240/QĐ-UBND ngày 15/7/2023 phê duyệt dự án",
        "procurement": "Gói thầu số 12 – Thi công xây dựng và lắp đặt thiết bị: liên danh Công ty CP Xây dựng "
        "Tân Hòa – Công ty CP Kỹ thuật Y tế Miền Nam trúng thầu, giá 1.126.450.000.000 đồng, đấu thầu "
        "rộng rãi qua mạng.\nGói thầu số 15 – Tư vấn giám sát: Công ty CP Tư vấn Xây dựng Sông Tân, giá "
        "18.620.000.000 đồng.",
    },
    {
        "stage": Project.Stage.IN_PROGRESS,
        "name": "Chuyển đổi số trong giải quyết thủ tục hành chính tỉnh Tân Hòa",
        "objective": "Cung cấp 100% thủ tục đủ điều kiện trực tuyến toàn trình; số hóa hồ sơ, kết quả giải quyết.",
        "field": "Công nghệ thông tin",
        "project_type": "Dự án nhóm B, ứng dụng công nghệ thông tin",
        "start_year": 2025,
        "end_year": 2026,
        "budget": 86_500_000_000,
        "funding_type": "Ngân sách tỉnh",
        "sponsor": "Ngân sách nhà nước",
        "status": "Đã vận hành thử nghiệm; đang đào tạo cán bộ một cửa cấp xã",
        "investor": "Sở Khoa học và Công nghệ",
        "location": "Toàn tỉnh",
        "procurement": "Gói thầu số 3 – Phát triển phần mềm: Công ty TNHH Giải pháp số Tân Hòa, giá "
        "42.300.000.000 đồng.",
    },
    {
        "stage": Project.Stage.COMPLETED,
        "name": "Cầu Tân Phú bắc qua sông Tân",
        "objective": "Kết nối giao thông hai bờ sông Tân, rút ngắn 18 km đường vòng cho người dân xã Tân Phú.",
        "field": "Giao thông",
        "project_type": "Dự án nhóm B, đầu tư công",
        "start_year": 2021,
        "end_year": 2024,
        "budget": 420_000_000_000,
        "funding_type": "Ngân sách tỉnh",
        "sponsor": "Ngân sách nhà nước",
        "status": "Hoàn thành, đưa vào sử dụng ngày 30/4/2024; đã phê duyệt quyết toán",
        "investor": "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh",
        "location": "Xã Tân Phú",
        "procurement": "Gói thầu số 5 – Thi công cầu chính: Tổng công ty Xây dựng Công trình giao thông 6, "
        "giá 356.780.000.000 đồng.",
    },
]

ARTICLES = [
    {
        "slug": "muc-luong-toi-thieu-2026",
        "days_ago": 4,
        "title": "Những điểm mới về mức lương tối thiểu từ ngày 01/01/2026",
        "summary": "Nghị định số 293/2025/NĐ-CP tăng mức lương tối thiểu vùng; người lao động và "
        "doanh nghiệp trên địa bàn tỉnh cần lưu ý.",
        "author": "Nguyễn Văn Hải",
        "source": "Sở Nội vụ",
        "document": "293/2025/NĐ-CP",
        "body": [
            paragraph(
                "Từ ngày 01/01/2026, mức lương tối thiểu tháng và giờ đối với người lao động làm việc "
                "theo hợp đồng lao động được điều chỉnh tăng theo Nghị định số 293/2025/NĐ-CP."
            ),
            heading("Đối tượng áp dụng"),
            paragraph(
                "Người lao động làm việc theo hợp đồng lao động; doanh nghiệp, cơ quan, tổ chức, hợp "
                "tác xã, hộ gia đình, cá nhân có thuê mướn, sử dụng người lao động."
            ),
            heading("Doanh nghiệp cần làm gì"),
            paragraph(
                "Rà soát thang lương, bảng lương, điều chỉnh mức đóng bảo hiểm xã hội và thông báo "
                "công khai tại nơi làm việc trước khi thực hiện."
            ),
        ],
    },
    {
        "slug": "cuong-che-thi-hanh-quyet-dinh-xu-phat",
        "days_ago": 9,
        "title": "Quy định mới về cưỡng chế thi hành quyết định xử phạt vi phạm hành chính",
        "summary": "Nghị định số 296/2025/NĐ-CP quy định các biện pháp, trình tự cưỡng chế; hướng "
        "dẫn để cán bộ, người dân nắm rõ quyền và nghĩa vụ.",
        "author": "Trần Thị Lan",
        "source": "Sở Tư pháp",
        "document": "296/2025/NĐ-CP",
        "body": [
            paragraph(
                "Nghị định quy định cụ thể các biện pháp cưỡng chế như khấu trừ một phần lương, kê "
                "biên tài sản, thu tiền, tài sản do cá nhân, tổ chức khác đang giữ."
            ),
            paragraph(
                "Người bị cưỡng chế có quyền khiếu nại, khởi kiện theo quy định; việc cưỡng chế phải "
                "có quyết định bằng văn bản và được giao cho người bị cưỡng chế."
            ),
        ],
    },
    {
        "slug": "lien-thong-dang-ky-ho-kinh-doanh",
        "days_ago": 15,
        "title": "Liên thông điện tử khi đăng ký thành lập hộ kinh doanh",
        "summary": "Từ nay người dân nộp một bộ hồ sơ trực tuyến để vừa đăng ký hộ kinh doanh, vừa "
        "được cấp các giấy chứng nhận liên quan.",
        "author": "Lê Minh Tâm",
        "source": "Văn phòng UBND tỉnh",
        "document": "297/2025/NĐ-CP",
        "body": [
            paragraph(
                "Nghị định số 297/2025/NĐ-CP quy định liên thông điện tử nhóm thủ tục đăng ký thành "
                "lập hộ kinh doanh và cấp giấy chứng nhận đủ điều kiện kinh doanh."
            ),
            paragraph(
                "Hồ sơ được nộp trên Cổng Dịch vụ công quốc gia; kết quả điện tử có giá trị pháp lý "
                "như bản giấy."
            ),
        ],
    },
]


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
    hub = ensure_hub(home)
    dissemination = ensure_child(
        hub,
        DisseminationIndexPage,
        "pho-bien-phap-luat",
        title="Phổ biến, giáo dục pháp luật",
        summary="Tuyên truyền, phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách.",
    )
    ensure_child(
        hub,
        PlanningIndexPage,
        "quy-hoach-ke-hoach",
        title="Chiến lược, quy hoạch, kế hoạch",
        summary="Chiến lược, quy hoạch, kế hoạch phát triển kinh tế – xã hội, quy hoạch xây dựng, "
        "đô thị, sử dụng đất, tài nguyên và cơ hội đầu tư.",
    )
    ensure_child(
        hub,
        EnvironmentPage,
        "moi-truong",
        title="Thông tin môi trường",
        summary="Quy hoạch thu gom, xử lý chất thải; nguồn thải, chất thải nguy hại; khu vực ô nhiễm "
        "nghiêm trọng và có nguy cơ xảy ra sự cố môi trường.",
    )
    ensure_child(
        hub,
        ProjectIndexPage,
        "du-an-dau-tu",
        title="Dự án, đầu tư, đấu thầu, mua sắm công",
        summary="Dự án đang chuẩn bị đầu tư, đang triển khai và đã hoàn thành; kết quả đấu thầu.",
    )

    now = timezone.now()
    documents = dict(
        LegalDocument.objects.filter(
            number_symbol__in=[item["document"] for item in ARTICLES]
        ).values_list("number_symbol", "pk")
    )
    for item in ARTICLES:
        pk = documents.get(item["document"])
        ensure_child(
            dissemination,
            DisseminationPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            published_on=now - timedelta(days=item["days_ago"]),
            author=item["author"],
            source=item["source"],
            body=item["body"],
            related_documents=[DisseminationDocument(document_id=pk)] if pk else [],
        )

    create_missing(PlanningDocument, "title", PLANNING_DOCUMENTS)
    fields = ("kind", "name", "location", "latitude", "longitude", "details", "code", "status")
    create_missing(
        EnvironmentalRecord,
        "name",
        [
            dict(zip(fields, row[:8], strict=True), source=row[8], recorded_on=row[9])
            for row in ENVIRONMENTAL_RECORDS
        ],
    )
    create_missing(Project, "name", PROJECTS)
