"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

Directions, petition replies, rewards and sanctions of the fictional Tân Hòa province, and the
leaders' work schedule for this week and the next, so the schedule page is never empty.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from cms.demo import ensure_child, ensure_translation
from cms.organisation.demo import create_missing
from cms.organisation.models import Leader

from .models import (
    DirectionDocument,
    DirectionIndexPage,
    PetitionReply,
    RewardSanction,
    WorkScheduleEntry,
    WorkSchedulePage,
)
from .weeks import monday_of

UBND = "Ủy ban nhân dân tỉnh Tân Hòa"
CHAIRMAN = "Chủ tịch Ủy ban nhân dân tỉnh Tân Hòa"

DOCUMENTS = [
    (
        "directive",
        "15/CT-UBND",
        CHAIRMAN,
        date(2026, 11, 12),
        "Chỉ thị về tăng cường công tác phòng, chống thiên tai mùa mưa bão năm 2026",
        "Yêu cầu các sở, ngành, xã, phường rà soát phương án sơ tán dân, kiểm tra đê điều, hồ chứa và bố trí lực lượng ứng cứu tại chỗ.",
    ),
    (
        "official_letter",
        "2845/UBND-KSTT",
        UBND,
        date(2026, 11, 5),
        "Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
        "Giao các sở, ngành hoàn thành tái cấu trúc quy trình, số hóa hồ sơ và kết quả giải quyết thủ tục hành chính trước ngày 15/12/2026.",
    ),
    (
        "decision",
        "1520/QĐ-UBND",
        CHAIRMAN,
        date(2026, 10, 28),
        "Quyết định công bố danh mục thủ tục hành chính được chuẩn hóa thuộc thẩm quyền giải quyết của Sở Tư pháp",
        "Công bố 42 thủ tục hành chính lĩnh vực hộ tịch, chứng thực, lý lịch tư pháp.",
    ),
    (
        "directive",
        "12/CT-UBND",
        CHAIRMAN,
        date(2026, 9, 18),
        "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong giải quyết thủ tục hành chính",
        "Xử lý nghiêm cán bộ, công chức gây phiền hà, yêu cầu bổ sung hồ sơ quá một lần.",
    ),
    (
        "official_letter",
        "2310/UBND-KT",
        UBND,
        date(2026, 9, 2),
        "Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026",
        "Yêu cầu chủ đầu tư lập kế hoạch giải ngân chi tiết theo tháng và báo cáo định kỳ trước ngày 25 hằng tháng.",
    ),
    (
        "official_letter",
        "1876/UBND-VX",
        UBND,
        date(2026, 7, 20),
        "Về việc chuẩn bị năm học mới 2026–2027",
        "Bảo đảm đủ trường lớp, giáo viên và sách giáo khoa; rà soát an toàn cơ sở vật chất trước ngày khai giảng.",
    ),
    (
        "decision",
        "2950/QĐ-UBND",
        CHAIRMAN,
        date(2025, 12, 20),
        "Quyết định giao chỉ tiêu kế hoạch phát triển kinh tế – xã hội năm 2026",
        "Giao chỉ tiêu tăng trưởng, thu ngân sách, đầu tư công và các chỉ tiêu xã hội cho các sở, ngành, địa phương.",
    ),
]

PETITIONS = [
    (
        "Nguyễn Văn Tâm, xã Hòa Thuận",
        "Đề nghị sửa chữa tuyến đường liên xã Hòa Thuận – Tây Hà",
        "Tuyến đường bị xuống cấp nghiêm trọng sau mùa mưa, gây mất an toàn giao thông.",
        date(2026, 10, 2),
        date(2026, 10, 20),
        "Sở Xây dựng đã khảo sát hiện trạng; tuyến đường được bố trí vốn sửa chữa trong kế hoạch năm 2027, trước mắt xã Hòa Thuận tổ chức vá ổ gà và cắm biển cảnh báo.",
    ),
    (
        "Công ty TNHH Thủy sản An Hải",
        "Kiến nghị về thời gian giải quyết thủ tục cấp giấy phép môi trường",
        "Doanh nghiệp phản ánh hồ sơ nộp trực tuyến chưa được tiếp nhận sau 5 ngày làm việc.",
        date(2026, 9, 15),
        date(2026, 9, 29),
        "Hồ sơ của doanh nghiệp đã được tiếp nhận ngày 18/9/2026 và giải quyết đúng hạn. Sở Nông nghiệp và Môi trường đã chấn chỉnh việc tiếp nhận hồ sơ trực tuyến.",
    ),
    (
        "",
        "Phản ánh về tình trạng ô nhiễm tiếng ồn tại khu dân cư phường Tân An",
        "Cơ sở sản xuất hoạt động ban đêm gây ồn kéo dài.",
        date(2026, 8, 3),
        date(2026, 8, 24),
        "Đoàn kiểm tra liên ngành đã làm việc với cơ sở, xử phạt vi phạm hành chính và yêu cầu chấm dứt hoạt động sản xuất từ 22 giờ đến 6 giờ.",
    ),
    (
        "Hội Nông dân xã Phú Lộc",
        "Đề nghị hỗ trợ giống lúa sau thiên tai",
        "Lũ cuối tháng 10/2025 làm thiệt hại 120 ha lúa.",
        date(2025, 11, 10),
        date(2025, 11, 28),
        "Ủy ban nhân dân tỉnh đã quyết định hỗ trợ 18 tấn giống lúa cho các hộ bị thiệt hại theo Quyết định số 2781/QĐ-UBND.",
    ),
]

REWARDS = [
    (
        "reward",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "organisation",
        "2870/QĐ-UBND",
        date(2026, 11, 10),
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh vì thành tích xuất sắc trong cải cách hành chính năm 2026.",
    ),
    (
        "reward",
        "Ông Nguyễn Văn Hòa, Trưởng Công an xã Đông Sơn",
        "individual",
        "2512/QĐ-UBND",
        date(2026, 10, 1),
        "Tặng Bằng khen vì dũng cảm cứu người trong lũ.",
    ),
    (
        "sanction",
        "Công ty Cổ phần Vật liệu xây dựng Tân Phú",
        "organisation",
        "185/QĐ-XPHC",
        date(2026, 9, 25),
        "Phạt tiền 250.000.000 ₫ và buộc khắc phục hậu quả do xả nước thải vượt quy chuẩn kỹ thuật ra sông Tân.",
    ),
    (
        "sanction",
        "Hộ kinh doanh Minh Phát",
        "organisation",
        "96/QĐ-XPHC",
        date(2025, 12, 12),
        "Phạt tiền 15.000.000 ₫ do kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ.",
    ),
]

# (weekday, start, end, leader index or None, presiding, content, location, attendees, unit)
SCHEDULE = [
    (
        0,
        time(7, 30),
        time(9, 0),
        0,
        "",
        "Chào cờ đầu tuần và giao ban lãnh đạo Ủy ban nhân dân tỉnh",
        "Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh",
        "Các Phó Chủ tịch, Chánh Văn phòng",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ),
    (
        0,
        time(14, 0),
        time(17, 0),
        2,
        "",
        "Họp về tiến độ giải ngân vốn đầu tư công",
        "Phòng họp số 2",
        "Sở Tài chính, Sở Xây dựng, các chủ đầu tư",
        "Sở Tài chính",
    ),
    (
        1,
        time(8, 0),
        time(11, 30),
        1,
        "",
        "Kiểm tra công tác chuẩn bị y tế phòng chống dịch mùa đông",
        "Bệnh viện Đa khoa tỉnh",
        "Sở Y tế",
        "Sở Y tế",
    ),
    (
        1,
        time(14, 0),
        None,
        0,
        "",
        "Tiếp công dân định kỳ",
        "Trụ sở Tiếp công dân tỉnh",
        "Thanh tra tỉnh, Ban Tiếp công dân",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ),
    (
        2,
        time(8, 0),
        time(11, 0),
        3,
        "",
        "Kiểm tra hệ thống đê điều, hồ chứa trước mùa mưa bão",
        "Xã Phú Lộc, xã Bình Minh",
        "Sở Nông nghiệp và Môi trường, Ủy ban nhân dân các xã",
        "Sở Nông nghiệp và Môi trường",
    ),
    (
        2,
        time(14, 0),
        time(16, 30),
        None,
        "Hội đồng thẩm định tỉnh",
        "Thẩm định hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao",
        "Phòng họp số 3",
        "Thành viên Hội đồng",
        "Sở Nông nghiệp và Môi trường",
    ),
    (
        3,
        time(8, 0),
        time(11, 30),
        0,
        "",
        "Phiên họp thường kỳ Ủy ban nhân dân tỉnh",
        "Phòng họp số 1",
        "Thành viên Ủy ban nhân dân tỉnh",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ),
    (
        3,
        time(14, 0),
        time(17, 0),
        4,
        "",
        "Làm việc với Trung tâm Phục vụ hành chính công về chuyển đổi số",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Sở Khoa học và Công nghệ",
        "Trung tâm Phục vụ hành chính công tỉnh",
    ),
    (
        4,
        time(8, 0),
        time(10, 0),
        1,
        "",
        "Dự lễ khai mạc Hội chợ sản phẩm OCOP",
        "Quảng trường Tân Hòa",
        "Sở Công Thương, Sở Văn hóa, Thể thao và Du lịch",
        "Sở Công Thương",
    ),
    (
        4,
        time(15, 0),
        time(16, 30),
        2,
        "",
        "Đối thoại với doanh nghiệp về cải thiện môi trường đầu tư",
        "Hội trường Ủy ban nhân dân tỉnh",
        "Hiệp hội Doanh nghiệp tỉnh, các sở, ngành",
        "Sở Tài chính",
    ),
]


def ensure_records():
    create_missing(
        DirectionDocument,
        lambda document: document.number_symbol,
        [
            DirectionDocument(
                kind=kind,
                number_symbol=number,
                issuing_body=body,
                issued_on=issued_on,
                title=title,
                summary=summary,
            )
            for kind, number, body, issued_on, title, summary in DOCUMENTS
        ],
    )
    create_missing(
        PetitionReply,
        lambda reply: reply.subject,
        [
            PetitionReply(
                petitioner=petitioner,
                subject=subject,
                petition=petition,
                received_on=received,
                replied_on=replied,
                reply=reply,
                is_published=True,
            )
            for petitioner, subject, petition, received, replied, reply in PETITIONS
        ],
    )
    create_missing(
        RewardSanction,
        lambda item: item.decision_number,
        [
            RewardSanction(
                kind=kind,
                recipient=recipient,
                recipient_kind=recipient_kind,
                decision_number=number,
                decided_on=decided_on,
                content=content,
            )
            for kind, recipient, recipient_kind, number, decided_on, content in REWARDS
        ],
    )


def ensure_schedule():
    """This week's and next week's engagements, relative to today, each created once."""
    leaders = list(Leader.objects.order_by("position_order"))
    this_monday = monday_of(timezone.localdate())
    existing = set(
        WorkScheduleEntry.objects.between(
            this_monday, this_monday + timedelta(days=13)
        ).values_list("date", "starts_at")
    )
    new = []
    for week in (0, 1):
        for weekday, start, end, leader, presiding, content, location, attendees, unit in SCHEDULE:
            day = this_monday + timedelta(days=7 * week + weekday)
            if (day, start) in existing:
                continue
            new.append(
                WorkScheduleEntry(
                    date=day,
                    starts_at=start,
                    ends_at=end,
                    leader=leaders[leader]
                    if leader is not None and leader < len(leaders)
                    else None,
                    presiding=presiding if leader is None or leader >= len(leaders) else "",
                    content=content,
                    location=location,
                    attendees=attendees,
                    preparing_unit=unit,
                )
            )
    WorkScheduleEntry.objects.bulk_create(new)


def ensure_pages(home, home_en):
    index = ensure_child(
        home,
        DirectionIndexPage,
        "chi-dao-dieu-hanh",
        title="Chỉ đạo, điều hành",
        show_in_menus=True,
        summary="Văn bản chỉ đạo, điều hành, trả lời kiến nghị, khen thưởng, xử lý vi phạm và lịch làm việc của lãnh đạo tỉnh.",
    )
    index_en = ensure_translation(
        index,
        home_en,
        "direction",
        title="Direction and operation",
        show_in_menus=True,
        summary="Directions and official letters, replies to petitions, rewards and sanctions, and the leaders' work schedule.",
    )
    schedule = ensure_child(
        index,
        WorkSchedulePage,
        "lich-lam-viec",
        title="Lịch làm việc của lãnh đạo",
        summary="Lịch làm việc hằng tuần của lãnh đạo Ủy ban nhân dân tỉnh.",
    )
    ensure_translation(
        schedule,
        index_en,
        "work-schedule",
        title="Leaders' work schedule",
        summary="The weekly work schedule of the leaders of the Provincial People's Committee.",
    )


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
    ensure_records()
    ensure_schedule()
    ensure_pages(home, home_en)
