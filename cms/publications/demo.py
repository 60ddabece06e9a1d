"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

The sections hang under cms.planning's "Thông tin công khai" page (see cms/planning/demo.py).
"""

from datetime import date, timedelta

from django.utils import timezone

from cms.demo import ensure_child
from cms.planning.demo import create_missing, ensure_hub

from .models import (
    Consultation,
    ConsultationComment,
    ConsultationIndexPage,
    GazetteEntry,
    GazetteIssue,
    GazettePage,
    ScienceProgramme,
    ScienceProgrammePage,
    StatisticsPage,
    StatisticsRelease,
)

GAZETTE = [
    (
        "45",
        date(2026, 10, 15),
        [
            (
                "25/2026/QĐ-UBND",
                "Quyết định ban hành Quy định phân cấp quản lý nhà nước về giao thông đường bộ trên địa bàn tỉnh Tân Hòa",
                "Phân cấp cho Ủy ban nhân dân cấp xã quản lý, bảo trì đường xã, đường thôn và cấp phép thi công trên đường xã.",
            ),
            (
                "26/2026/QĐ-UBND",
                "Quyết định quy định đơn giá bồi thường cây trồng, vật nuôi khi Nhà nước thu hồi đất",
                "Áp dụng từ ngày 01/11/2026, thay thế Quyết định số 14/2023/QĐ-UBND.",
            ),
            (
                "18/2026/NQ-HĐND",
                "Nghị quyết quy định mức thu học phí đối với cơ sở giáo dục công lập năm học 2026–2027",
                "Mức thu theo khu vực thành thị, nông thôn; miễn học phí cho trẻ mầm non năm tuổi.",
            ),
        ],
    ),
    (
        "46",
        date(2026, 11, 2),
        [
            (
                "27/2026/QĐ-UBND",
                "Quyết định ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh Tân Hòa",
                "Quy định trách nhiệm cung cấp, cập nhật thông tin của các sở, ngành, Ủy ban nhân dân cấp xã.",
            ),
            (
                "28/2026/QĐ-UBND",
                "Quyết định quy định giá dịch vụ thu gom, vận chuyển chất thải rắn sinh hoạt",
                "Giá dịch vụ tính theo khối lượng đối với cơ sở sản xuất, kinh doanh; theo hộ đối với hộ gia đình.",
            ),
        ],
    ),
]

OPEN_TEXT = (
    "<h3>Điều 1. Phạm vi điều chỉnh</h3>"
    "<p>Nghị quyết này quy định mức hỗ trợ phát triển sản xuất nông nghiệp ứng dụng công nghệ cao "
    "trên địa bàn tỉnh Tân Hòa giai đoạn 2027–2030.</p>"
    "<h3>Điều 2. Đối tượng áp dụng</h3>"
    "<p>Doanh nghiệp, hợp tác xã, tổ hợp tác và hộ gia đình đầu tư sản xuất nông nghiệp ứng dụng "
    "công nghệ cao trên địa bàn tỉnh.</p>"
    "<h3>Điều 3. Mức hỗ trợ</h3>"
    "<ol><li>Hỗ trợ 50% chi phí đầu tư nhà màng, nhà lưới, tối đa 500 triệu đồng/dự án.</li>"
    "<li>Hỗ trợ 70% chi phí chứng nhận VietGAP, hữu cơ, tối đa 100 triệu đồng/cơ sở.</li>"
    "<li>Hỗ trợ lãi suất vay thương mại trong 3 năm đầu, tối đa 2 tỷ đồng/dự án.</li></ol>"
)
CLOSED_TEXT = (
    "<h3>Điều 1. Giá dịch vụ</h3>"
    "<p>Hộ gia đình tại phường: 35.000 đồng/hộ/tháng; tại xã: 25.000 đồng/hộ/tháng. Cơ sở sản xuất, "
    "kinh doanh: 380.000 đồng/tấn chất thải.</p>"
    "<h3>Điều 2. Hiệu lực thi hành</h3><p>Quyết định có hiệu lực từ ngày 01/11/2026.</p>"
)
CLOSED_COMMENTS = [
    (
        "Nguyễn Văn Bình",
        "Tổ dân phố 5, phường Tân Hòa",
        "Đề nghị giảm mức thu cho hộ nghèo, hộ cận nghèo và hộ chỉ có người cao tuổi sống một mình.",
        True,
    ),
    (
        "Trần Thị Thu Hà",
        "Hợp tác xã Dịch vụ môi trường Long Thạnh",
        "Mức 380.000 đồng/tấn chưa đủ bù chi phí vận chuyển tới khu xử lý Suối Đá; đề nghị tính theo cự ly.",
        True,
    ),
    (
        "Lê Quốc Khánh",
        "",
        "Nên công khai lịch thu gom rác theo từng tổ dân phố trên Cổng thông tin điện tử và ứng dụng di động.",
        True,
    ),
    ("Phạm Minh", "", "Tôi đồng ý với dự thảo.", False),
]

SCIENCE = [
    {
        "code": "ĐTKHCN.TH.01/2024",
        "name": "Nghiên cứu chọn tạo giống lúa chịu mặn phù hợp vùng ven sông Tân",
        "level": ScienceProgramme.Level.PROVINCIAL,
        "field": "Nông nghiệp",
        "lead_unit": "Trung tâm Khuyến nông tỉnh Tân Hòa",
        "principal_investigator": "TS. Nguyễn Thị Hoa",
        "starts_on": date(2024, 1, 1),
        "ends_on": date(2025, 12, 31),
        "budget": 1_850_000_000,
        "status": ScienceProgramme.Status.ACCEPTED,
        "results_summary": "Chọn được 2 giống lúa chịu mặn 4‰, năng suất 6,2 tấn/ha; đã chuyển giao "
        "cho 3 hợp tác xã với diện tích 450 ha. Hội đồng nghiệm thu xếp loại Khá ngày 20/3/2026.",
    },
    {
        "code": "ĐTKHCN.TH.04/2025",
        "name": "Ứng dụng trí tuệ nhân tạo hỗ trợ trả lời câu hỏi về thủ tục hành chính",
        "level": ScienceProgramme.Level.PROVINCIAL,
        "field": "Công nghệ thông tin",
        "lead_unit": "Trường Đại học Tân Hòa",
        "principal_investigator": "PGS.TS. Trần Văn Minh",
        "starts_on": date(2025, 6, 1),
        "ends_on": date(2027, 5, 31),
        "budget": 2_400_000_000,
        "status": ScienceProgramme.Status.IN_PROGRESS,
    },
    {
        "code": "ĐTĐL.CN-45/24",
        "name": "Công nghệ xử lý nước thải chế biến mủ cao su quy mô vừa và nhỏ",
        "level": ScienceProgramme.Level.NATIONAL,
        "field": "Môi trường",
        "lead_unit": "Viện Công nghệ môi trường, phối hợp Sở Nông nghiệp và Môi trường tỉnh Tân Hòa",
        "principal_investigator": "TS. Lê Hoàng Nam",
        "starts_on": date(2024, 9, 1),
        "ends_on": date(2026, 8, 31),
        "budget": 6_200_000_000,
        "status": ScienceProgramme.Status.IN_PROGRESS,
    },
    {
        "code": "CS.TH.02/2025",
        "name": "Số hóa tư liệu di tích lịch sử – văn hóa xã Tân Phú",
        "level": ScienceProgramme.Level.GRASSROOTS,
        "field": "Văn hóa, lịch sử",
        "lead_unit": "Ủy ban nhân dân xã Tân Phú",
        "principal_investigator": "ThS. Võ Thị Ngọc",
        "starts_on": date(2025, 3, 1),
        "ends_on": date(2025, 12, 31),
        "budget": 180_000_000,
        "status": ScienceProgramme.Status.ACCEPTED,
        "results_summary": "Số hóa 1.200 hiện vật, tư liệu của 6 di tích; xây dựng bản đồ số di tích "
        "trên Cổng thông tin điện tử xã. Nghiệm thu ngày 15/01/2026.",
    },
]


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


STATISTICS = [
    {
        "kind": StatisticsRelease.Kind.STATISTICS,
        "title": "Kết quả điều tra lao động – việc làm tỉnh Tân Hòa năm 2025",
        "period": "Năm 2025",
        "published_on": date(2026, 3, 25),
        "publisher": "Thống kê tỉnh Tân Hòa",
        "summary": "Lực lượng lao động tăng 1,8% so với năm 2024; tỷ lệ thất nghiệp khu vực thành thị "
        "giảm còn 2,6%; thu nhập bình quân tăng 7,4%.",
        "methodology": "Điều tra chọn mẫu 2.400 hộ tại 120 địa bàn theo phương án Điều tra lao động – "
        "việc làm của Tổng cục Thống kê; thu thập thông tin hằng tháng bằng phiếu điện tử (CAPI) từ "
        "tháng 01 đến tháng 12/2025; suy rộng theo dân số trung bình năm.",
        "tables": [
            table(
                "Một số chỉ tiêu lao động – việc làm năm 2025",
                [
                    ["Chỉ tiêu", "Đơn vị", "Năm 2024", "Năm 2025"],
                    ["Lực lượng lao động từ 15 tuổi trở lên", "nghìn người", "812,4", "827,0"],
                    ["Tỷ lệ thất nghiệp khu vực thành thị", "%", "2,9", "2,6"],
                    ["Thu nhập bình quân của lao động", "triệu đồng/tháng", "8,1", "8,7"],
                ],
            )
        ],
    },
    {
        "kind": StatisticsRelease.Kind.ANNUAL_FINANCIAL_REPORT,
        "title": "Báo cáo tài chính năm 2025 của Văn phòng Ủy ban nhân dân tỉnh",
        "period": "Năm 2025",
        "published_on": date(2026, 4, 28),
        "publisher": "Văn phòng Ủy ban nhân dân tỉnh Tân Hòa",
        "summary": "Báo cáo tài chính năm lập theo chế độ kế toán hành chính, sự nghiệp.",
        "methodology": "Lập theo Thông tư số 107/2017/TT-BTC; số liệu đã được Kho bạc Nhà nước đối chiếu.",
        "tables": [
            table(
                "Tình hình tài chính năm 2025 (đồng)",
                [
                    ["Chỉ tiêu", "Số tiền"],
                    ["Tổng tài sản", "58.420.615.000"],
                    ["Tổng nguồn vốn", "58.420.615.000"],
                    ["Tổng thu ngân sách được giao", "42.150.000.000"],
                    ["Tổng chi hoạt động", "41.876.320.000"],
                    ["Thặng dư (thâm hụt)", "273.680.000"],
                ],
            )
        ],
    },
    {
        "kind": StatisticsRelease.Kind.PUBLICATION_LIST,
        "title": "Danh mục thông tin phải được công khai của Ủy ban nhân dân tỉnh năm 2026",
        "period": "Năm 2026",
        "published_on": date(2026, 1, 12),
        "publisher": "Văn phòng Ủy ban nhân dân tỉnh Tân Hòa",
        "summary": "Danh mục theo khoản 1 Điều 17 và điểm g khoản 1 Điều 19 Luật Tiếp cận thông tin.",
        "tables": [
            table(
                "Danh mục thông tin phải được công khai",
                [
                    ["Thông tin", "Hình thức công khai", "Thời điểm, thời hạn", "Đơn vị đầu mối"],
                    [
                        "Văn bản quy phạm pháp luật",
                        "Cổng thông tin điện tử; Công báo tỉnh",
                        "Trong 2 ngày làm việc kể từ ngày ký ban hành",
                        "Văn phòng UBND tỉnh",
                    ],
                    [
                        "Quy hoạch, kế hoạch phát triển kinh tế – xã hội",
                        "Cổng thông tin điện tử",
                        "Trong 10 ngày làm việc kể từ ngày phê duyệt",
                        "Sở Tài chính",
                    ],
                    [
                        "Dự án đầu tư công, kết quả đấu thầu",
                        "Cổng thông tin điện tử; Hệ thống mạng đấu thầu quốc gia",
                        "Trong 10 ngày làm việc kể từ ngày phê duyệt",
                        "Sở Tài chính",
                    ],
                    [
                        "Báo cáo tài chính năm",
                        "Cổng thông tin điện tử; niêm yết tại trụ sở",
                        "Chậm nhất 30 ngày kể từ ngày được phê duyệt",
                        "Văn phòng UBND tỉnh",
                    ],
                    [
                        "Thông tin thống kê",
                        "Cổng thông tin điện tử; ấn phẩm Niên giám thống kê",
                        "Trong 10 ngày làm việc kể từ ngày quyết định công bố",
                        "Thống kê tỉnh",
                    ],
                ],
            )
        ],
    },
]


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
    hub = ensure_hub(home)
    ensure_child(
        hub,
        GazettePage,
        "cong-bao",
        title="Công báo điện tử",
        summary="Số công báo, ngày ban hành, danh mục và trích yếu văn bản đăng trên Công báo tỉnh.",
    )
    ensure_child(
        hub,
        ConsultationIndexPage,
        "lay-y-kien",
        title="Lấy ý kiến dự thảo văn bản",
        summary="Dự thảo văn bản quy phạm pháp luật, chủ trương, chính sách cần lấy ý kiến tổ chức, cá nhân.",
    )
    ensure_child(
        hub,
        ScienceProgrammePage,
        "khoa-hoc-cong-nghe",
        title="Chương trình, đề tài khoa học",
        summary="Chương trình, đề tài khoa học sử dụng ngân sách nhà nước và kết quả nghiệm thu.",
    )
    ensure_child(
        hub,
        StatisticsPage,
        "thong-ke",
        title="Thống kê, báo cáo tài chính",
        summary="Số liệu thống kê, báo cáo tài chính năm và danh mục thông tin phải công khai.",
    )

    issues = create_missing(
        GazetteIssue, "number", [{"number": n, "published_on": d} for n, d, _ in GAZETTE]
    )
    if not GazetteEntry.objects.filter(issue__in=issues.values()).exists():
        GazetteEntry.objects.bulk_create(
            GazetteEntry(
                issue=issues[number],
                sort_order=order,
                number_symbol=symbol,
                title=title,
                summary=summary,
            )
            for number, _day, entries in GAZETTE
            for order, (symbol, title, summary) in enumerate(entries)
        )

    today = timezone.localdate()
    consultations = create_missing(
        Consultation,
        "title",
        [
            {
                "title": "Dự thảo Nghị quyết quy định mức hỗ trợ phát triển sản xuất nông nghiệp ứng dụng "
                "công nghệ cao trên địa bàn tỉnh Tân Hòa",
                "summary": "Lấy ý kiến người dân, doanh nghiệp, hợp tác xã về đối tượng và mức hỗ trợ.",
                "full_text": OPEN_TEXT,
                "drafting_agency": "Sở Nông nghiệp và Môi trường",
                "opens_on": today - timedelta(days=7),
                "closes_on": today + timedelta(days=23),
                "receiving_unit": "Phòng Kế hoạch – Tài chính, Sở Nông nghiệp và Môi trường",
                "receiving_address": "Số 12 đường Lê Lợi, phường Tân Hòa, tỉnh Tân Hòa",
                "receiving_email": "snnmt@tanhoa.gov.vn",
            },
            {
                "title": "Dự thảo Quyết định quy định giá dịch vụ thu gom, vận chuyển chất thải rắn sinh hoạt",
                "summary": "Đã kết thúc lấy ý kiến; Quyết định số 28/2026/QĐ-UBND đã được ban hành.",
                "full_text": CLOSED_TEXT,
                "drafting_agency": "Sở Nông nghiệp và Môi trường",
                "opens_on": today - timedelta(days=95),
                "closes_on": today - timedelta(days=65),
                "receiving_unit": "Chi cục Bảo vệ môi trường",
                "receiving_address": "Số 12 đường Lê Lợi, phường Tân Hòa, tỉnh Tân Hòa",
                "receiving_email": "ccbvmt@tanhoa.gov.vn",
            },
        ],
    )
    # The demo always has one open and one closed consultation, whenever it is loaded again.
    for consultation in consultations.values():
        consultation.opens_on, consultation.closes_on = (
            (today - timedelta(days=7), today + timedelta(days=23))
            if consultation.full_text == OPEN_TEXT
            else (today - timedelta(days=95), today - timedelta(days=65))
        )
    Consultation.objects.bulk_update(consultations.values(), ["opens_on", "closes_on"])
    closed = next(c for c in consultations.values() if c.closes_on < today)
    if not closed.comments.exists():
        sent = timezone.now() - timedelta(days=80)
        ConsultationComment.objects.bulk_create(
            ConsultationComment(
                consultation=closed,
                name=name,
                organisation=organisation,
                comment=text,
                is_published=published,
                created_at=sent + timedelta(days=index * 3),
            )
            for index, (name, organisation, text, published) in enumerate(CLOSED_COMMENTS)
        )

    create_missing(ScienceProgramme, "code", SCIENCE)
    create_missing(StatisticsRelease, "title", STATISTICS)
