"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site."""

from datetime import date, timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from cms.demo import ensure_child, ensure_translation

from .models import AccessibilityStatementPage, Question, QuestionPage

QUESTIONS = [
    {
        "tracking_code": "HD-4Q7WZ2",
        "days_ago": 40,
        "asker_name": "Nguyễn Văn An",
        "email": "an.nguyen@example.vn",
        "topic": Question.Topic.PROCEDURES,
        "title": "Có thể nộp hồ sơ đăng ký khai sinh trực tuyến cho con không?",
        "text": "Con tôi mới sinh tại bệnh viện tỉnh. Tôi có thể đăng ký khai sinh trực tuyến "
        "không, và có phải mang giấy tờ bản chính đến Ủy ban nhân dân xã không?",
        "status": Question.Status.ANSWERED,
        "answer": "<p>Ông/bà có thể đăng ký khai sinh trực tuyến toàn trình trên Cổng dịch vụ "
        "công: kê khai tờ khai điện tử, tải lên bản chụp Giấy chứng sinh và nhận bản điện tử "
        "Giấy khai sinh. Không phải nộp bản chính, trừ khi cơ quan đăng ký cần xác minh.</p>",
        "answered_days_ago": 33,
        "is_published": True,
    },
    {
        "tracking_code": "HD-8MJ3RT",
        "days_ago": 25,
        "asker_name": "Trần Thị Bích",
        "phone": "0912345678",
        "topic": Question.Topic.LAND,
        "title": "Thời hạn cấp giấy phép xây dựng nhà ở riêng lẻ",
        "text": "Gia đình tôi muốn xây nhà 3 tầng tại phường Tân Hòa. Thời gian giải quyết "
        "cấp giấy phép xây dựng là bao lâu và nộp hồ sơ ở đâu?",
        "status": Question.Status.ANSWERED,
        "answer": "<p>Thời hạn giải quyết là 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. Hồ sơ "
        "nộp tại Trung tâm Phục vụ hành chính công tỉnh hoặc trực tuyến trên Cổng dịch vụ "
        "công.</p>",
        "answered_days_ago": 20,
        "is_published": True,
    },
    {
        "tracking_code": "HD-5KP9XD",
        "days_ago": 12,
        "asker_name": "Lê Văn Cường",
        "topic": Question.Topic.ENVIRONMENT,
        "title": "Lịch thu gom rác thải tại xã Tân Lập",
        "text": "Từ đầu tháng, xe thu gom rác không còn đến thôn Đông của xã Tân Lập. "
        "Xin cho biết lịch thu gom mới và đơn vị phụ trách.",
        "status": Question.Status.IN_PROGRESS,
    },
    {
        "tracking_code": "HD-3HN6VB",
        "days_ago": 2,
        "asker_name": "Phạm Thị Dung",
        "email": "dung.pham@example.vn",
        "topic": Question.Topic.EDUCATION,
        "title": "Tuyển sinh lớp 10 năm học 2027–2028",
        "text": "Khi nào tỉnh công bố kế hoạch tuyển sinh lớp 10 năm học 2027–2028 và có "
        "thay đổi môn thi không?",
        "status": Question.Status.RECEIVED,
    },
    {
        "tracking_code": "HD-9TC2GL",
        "days_ago": 8,
        "asker_name": "Khách",
        "topic": Question.Topic.OTHER,
        "title": "Quảng cáo dịch vụ",
        "text": "Nội dung quảng cáo không liên quan đến hoạt động của cơ quan nhà nước.",
        "status": Question.Status.REJECTED,
    },
]

STATEMENT_VI = {
    "title": "Tuyên bố về khả năng tiếp cận",
    "summary": "Cổng thông tin điện tử tỉnh Tân Hòa cam kết để mọi người, kể cả người khuyết "
    "tật, đều sử dụng được.",
    "standard": "WCAG 2.1 AA",
    "conformance": AccessibilityStatementPage.Conformance.PARTIAL,
    "body": RichText(
        "<p>Theo Điều 8 Nghị định 43/2011/NĐ-CP và Điều 18 Thông tư 32/2017/TT-BTTTT, Cổng được "
        "thiết kế theo Hướng dẫn về khả năng tiếp cận nội dung web (WCAG) 2.1 mức AA.</p>"
        "<ul><li>Thanh công cụ trợ năng: phóng to, thu nhỏ chữ, độ tương phản cao, gạch chân "
        "liên kết và đọc trang bằng giọng nói của trình duyệt.</li>"
        "<li>Sử dụng được hoàn toàn bằng bàn phím; liên kết “Chuyển đến nội dung chính” ở đầu "
        "mỗi trang.</li>"
        "<li>Ảnh có văn bản thay thế; video có lời thoại bằng văn bản.</li>"
        "<li>Hiển thị tốt trên điện thoại từ 320 điểm ảnh.</li></ul>"
        "<p>Mỗi lần phát hành, các trang được kiểm tra tự động bằng công cụ axe-core.</p>"
    ),
    "known_limitations": RichText(
        "<ul><li>Một số tệp PDF văn bản cũ là bản quét, chưa đọc được bằng trình đọc màn hình; "
        "Ban biên tập đang chuyển dần sang văn bản có lớp chữ.</li>"
        "<li>Video đăng trên trang chia sẻ video bên ngoài có thể chưa có phụ đề.</li></ul>"
    ),
    "contact": RichText(
        "<p>Nếu gặp khó khăn khi sử dụng Cổng, xin báo cho Ban biên tập qua thư điện tử "
        '<a href="mailto:banbientap@tanhoa.gov.vn">banbientap@tanhoa.gov.vn</a> hoặc điện '
        "thoại 0200 3812 345 (giờ hành chính). Chúng tôi trả lời trong 5 ngày làm việc.</p>"
    ),
}

STATEMENT_EN = {
    "title": "Accessibility statement",
    "summary": "The Tan Hoa Province e-Portal aims to be usable by everyone, including people "
    "with disabilities.",
    "standard": "WCAG 2.1 AA",
    "conformance": AccessibilityStatementPage.Conformance.PARTIAL,
    "body": RichText(
        "<p>Under Article 8 of Decree 43/2011/ND-CP and Article 18 of Circular "
        "32/2017/TT-BTTTT, the portal is designed to the Web Content Accessibility Guidelines "
        "(WCAG) 2.1, level AA.</p>"
        "<ul><li>An accessibility toolbar: larger or smaller text, high contrast, underlined "
        "links and reading the page aloud with the browser's voice.</li>"
        "<li>Everything works with the keyboard; a “Skip to main content” link opens every "
        "page.</li>"
        "<li>Images have text alternatives; videos have transcripts.</li>"
        "<li>Pages work on phones from 320 pixels wide.</li></ul>"
        "<p>Every release is checked automatically with axe-core.</p>"
    ),
    "known_limitations": RichText(
        "<ul><li>Some older PDF documents are scans that screen readers cannot read yet; the "
        "editorial board is replacing them with text documents.</li>"
        "<li>Videos on external video sites may lack captions.</li></ul>"
    ),
    "contact": RichText(
        "<p>If part of the portal is hard to use, tell the editorial board at "
        '<a href="mailto:banbientap@tanhoa.gov.vn">banbientap@tanhoa.gov.vn</a> or by phone on '
        "0200 3812 345 (office hours). We reply within 5 working days.</p>"
    ),
}


def ensure_questions():
    existing = set(
        Question.objects.filter(
            tracking_code__in=[item["tracking_code"] for item in QUESTIONS]
        ).values_list("tracking_code", flat=True)
    )
    now = timezone.now()
    for item in QUESTIONS:
        if item["tracking_code"] in existing:
            continue
        fields = {
            key: value
            for key, value in item.items()
            if key not in ("days_ago", "answered_days_ago")
        }
        if "answered_days_ago" in item:
            fields["answered_at"] = now - timedelta(days=item["answered_days_ago"])
        Question(submitted_at=now - timedelta(days=item["days_ago"]), **fields).save()


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
    questions = ensure_questions_page(home, home_en)
    ensure_questions()
    statement = ensure_child(
        home,
        AccessibilityStatementPage,
        "tuyen-bo-tro-nang",
        show_in_menus=False,
        reviewed_on=date(2026, 11, 2),
        **STATEMENT_VI,
    )
    ensure_translation(
        statement,
        home_en,
        "accessibility",
        show_in_menus=False,
        reviewed_on=date(2026, 11, 2),
        **STATEMENT_EN,
    )
    return questions


def ensure_questions_page(home, home_en):
    page = ensure_child(
        home,
        QuestionPage,
        "hoi-dap",
        title="Hỏi đáp",
        show_in_menus=True,
        summary="Gửi câu hỏi, góp ý đến Ban biên tập, theo dõi tình trạng trả lời bằng mã tra cứu "
        "và đọc các câu trả lời đã công bố.",
        intro=RichText(
            "<p>Câu hỏi được trả lời trong 15 ngày làm việc (Điều 17 Nghị định 43/2011/NĐ-CP). "
            "Những câu trả lời được nhiều người quan tâm được công bố dưới đây.</p>"
        ),
    )
    ensure_translation(
        page,
        home_en,
        "questions",
        title="Questions and answers",
        show_in_menus=True,
        summary="Send a question or comment to the editorial board, follow it with its "
        "tracking code, and read the published answers.",
        intro=RichText(
            "<p>Questions are answered within 15 working days (Decree 43/2011/ND-CP Art. 17). "
            "Answers of general interest are published below.</p>"
        ),
    )
    return page
