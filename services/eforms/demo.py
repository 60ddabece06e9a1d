"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site.

Ten procedures of tỉnh Tân Hòa get an e-form. Procedures missing from the procedures demo are
created from their national-catalogue code and name, filed on this portal.
"""

from portal.accounts.models import Agency
from services.procedures.models import Procedure

from .blocks import raw_step
from .models import FormDefinition

SERVICE_CENTRE = "000.00.12.H99"  # Trung tâm Phục vụ hành chính công tỉnh
JUSTICE = "000.00.04.H99"  # Sở Tư pháp
CONSTRUCTION = "000.00.05.H99"  # Sở Xây dựng

PAST = {"period": "past"}
OPTIONAL = {"required": False}


def applicant(title="Thông tin người yêu cầu", address_label="Nơi cư trú hiện tại"):
    return raw_step(
        title,
        [
            ("text", "ho_ten", "Họ, chữ đệm và tên", {"max_length": 100, "prefill": "full_name"}),
            ("citizen_id", "so_dinh_danh", "Số định danh cá nhân"),
            ("date", "ngay_sinh", "Ngày, tháng, năm sinh", PAST),
            ("phone", "dien_thoai", "Số điện thoại", {"prefill": "phone"}),
            ("email", "thu_dien_tu", "Thư điện tử", {"required": False, "prefill": "email"}),
            ("address", "noi_cu_tru", address_label),
        ],
        help="Thông tin được điền sẵn từ tài khoản của Ông/Bà; vui lòng kiểm tra lại.",
    )


RELATIONSHIP = {"options": ["Cha", "Mẹ", "Ông", "Bà", "Anh, chị, em", "Người được ủy quyền"]}

# code: (name if the procedure must be created, receiving agency, steps)
DEFINITIONS = {
    "1.001193": (
        "Thủ tục đăng ký khai sinh",
        SERVICE_CENTRE,
        [
            applicant(),
            raw_step(
                "Thông tin người được khai sinh",
                [
                    ("text", "tre_ho_ten", "Họ, chữ đệm và tên của trẻ", {"max_length": 100}),
                    ("choice", "tre_gioi_tinh", "Giới tính", {"options": ["Nam", "Nữ"]}),
                    ("date", "tre_ngay_sinh", "Ngày, tháng, năm sinh", PAST),
                    ("text", "tre_dan_toc", "Dân tộc", {"max_length": 50}),
                    ("address", "tre_noi_sinh", "Nơi sinh (cơ sở y tế hoặc địa chỉ)"),
                ],
            ),
            raw_step(
                "Thông tin cha, mẹ",
                [
                    ("text", "me_ho_ten", "Họ, chữ đệm và tên người mẹ", {"max_length": 100}),
                    ("citizen_id", "me_dinh_danh", "Số định danh cá nhân của người mẹ"),
                    (
                        "text",
                        "cha_ho_ten",
                        "Họ, chữ đệm và tên người cha",
                        {"max_length": 100, **OPTIONAL},
                    ),
                    ("citizen_id", "cha_dinh_danh", "Số định danh cá nhân của người cha", OPTIONAL),
                    ("choice", "quan_he", "Quan hệ của người đi khai với trẻ", RELATIONSHIP),
                ],
                help="Để trống thông tin người cha nếu chưa xác định được cha.",
            ),
        ],
    ),
    "1.004194": (
        "Đăng ký tạm trú",
        SERVICE_CENTRE,
        [
            applicant(address_label="Nơi thường trú"),
            raw_step(
                "Nơi đăng ký tạm trú",
                [
                    ("address", "noi_tam_tru", "Địa chỉ đăng ký tạm trú"),
                    (
                        "choice",
                        "cho_o",
                        "Chỗ ở hợp pháp",
                        {
                            "options": [
                                "Nhà thuộc sở hữu của mình",
                                "Nhà thuê, mượn, ở nhờ",
                                "Ký túc xá, nhà ở tập thể",
                            ]
                        },
                    ),
                    ("date", "tam_tru_den", "Tạm trú đến ngày", {"period": "future"}),
                    ("long_text", "ly_do", "Lý do đăng ký tạm trú", {"max_length": 500}),
                ],
            ),
            raw_step(
                "Người cùng đăng ký tạm trú",
                [
                    (
                        "group",
                        "nguoi_cung_tam_tru",
                        "Thành viên hộ gia đình cùng đăng ký",
                        {
                            "required": False,
                            "row_label": "Thành viên",
                            "max_rows": 10,
                            "help_text": "Bỏ qua nếu Ông/Bà đăng ký tạm trú một mình.",
                            "fields": [
                                ("text", "ho_ten", "Họ, chữ đệm và tên", {"max_length": 100}),
                                ("date", "ngay_sinh", "Ngày sinh", PAST),
                                ("citizen_id", "so_dinh_danh", "Số định danh cá nhân", OPTIONAL),
                                ("text", "quan_he", "Quan hệ với người khai", {"max_length": 50}),
                            ],
                        },
                    )
                ],
            ),
        ],
    ),
    "3.000333": (
        "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        JUSTICE,
        [
            applicant(),
            raw_step(
                "Nội dung yêu cầu",
                [
                    (
                        "choice",
                        "loai_phieu",
                        "Loại Phiếu lý lịch tư pháp",
                        {"options": ["Phiếu số 1", "Phiếu số 2"]},
                    ),
                    ("number", "so_luong", "Số lượng phiếu", {"min_value": "1", "max_value": "10"}),
                    ("text", "muc_dich", "Mục đích sử dụng phiếu", {"max_length": 200}),
                    (
                        "choice",
                        "xac_nhan_an_tich",
                        "Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ",
                        {"options": ["Có", "Không"]},
                    ),
                ],
            ),
            raw_step(
                "Quá trình cư trú",
                [
                    (
                        "group",
                        "qua_trinh_cu_tru",
                        "Nơi cư trú từ đủ 14 tuổi",
                        {
                            "row_label": "Giai đoạn",
                            "max_rows": 10,
                            "fields": [
                                ("date", "tu_ngay", "Từ ngày", PAST),
                                (
                                    "date",
                                    "den_ngay",
                                    "Đến ngày",
                                    {"required": False, "period": "past"},
                                ),
                                ("address", "noi_cu_tru", "Nơi cư trú"),
                                (
                                    "text",
                                    "nghe_nghiep",
                                    "Nghề nghiệp, nơi làm việc",
                                    {"max_length": 200},
                                ),
                            ],
                        },
                    )
                ],
            ),
        ],
    ),
    "1.009122": (
        "Cấp giấy phép xây dựng có thời hạn đối với công trình, nhà ở riêng lẻ (công trình cấp III, cấp IV)",
        CONSTRUCTION,
        [
            applicant("Thông tin chủ đầu tư"),
            raw_step(
                "Địa điểm xây dựng",
                [
                    ("address", "dia_diem", "Địa điểm xây dựng"),
                    ("text", "so_thua", "Lô đất số / thửa đất số", {"max_length": 50}),
                    ("text", "to_ban_do", "Tờ bản đồ số", {"max_length": 50}),
                    (
                        "number",
                        "dien_tich_dat",
                        "Diện tích lô đất (m²)",
                        {"min_value": "1", "decimal_places": 1},
                    ),
                ],
            ),
            raw_step(
                "Nội dung đề nghị cấp phép",
                [
                    (
                        "number",
                        "dien_tich_xay_dung",
                        "Diện tích xây dựng tầng 1 (m²)",
                        {"min_value": "1", "decimal_places": 1},
                    ),
                    (
                        "number",
                        "tong_dien_tich_san",
                        "Tổng diện tích sàn (m²)",
                        {"min_value": "1", "decimal_places": 1},
                    ),
                    ("number", "so_tang", "Số tầng", {"min_value": "1", "max_value": "7"}),
                    (
                        "number",
                        "chieu_cao",
                        "Chiều cao công trình (m)",
                        {"min_value": "1", "max_value": "30", "decimal_places": 1},
                    ),
                    (
                        "date",
                        "hoan_thanh_du_kien",
                        "Dự kiến thời gian hoàn thành",
                        {"period": "future"},
                    ),
                ],
            ),
            raw_step(
                "Đơn vị thiết kế",
                [
                    (
                        "text",
                        "don_vi_thiet_ke",
                        "Tên đơn vị hoặc cá nhân thiết kế",
                        {"max_length": 200},
                    ),
                    ("text", "chung_chi", "Số chứng chỉ hành nghề", {"max_length": 50, **OPTIONAL}),
                    ("phone", "dien_thoai_thiet_ke", "Số điện thoại đơn vị thiết kế", OPTIONAL),
                ],
            ),
        ],
    ),
    "1.001612": (
        "Đăng ký thành lập hộ kinh doanh",
        SERVICE_CENTRE,
        [
            applicant("Chủ hộ kinh doanh"),
            raw_step(
                "Thông tin hộ kinh doanh",
                [
                    ("text", "ten_ho_kinh_doanh", "Tên hộ kinh doanh", {"max_length": 200}),
                    ("address", "dia_diem_kinh_doanh", "Địa điểm kinh doanh"),
                    ("long_text", "nganh_nghe", "Ngành, nghề kinh doanh", {"max_length": 1000}),
                    ("number", "von_kinh_doanh", "Vốn kinh doanh (đồng)", {"min_value": "0"}),
                    (
                        "number",
                        "so_lao_dong",
                        "Số lượng lao động",
                        {"min_value": "0", "max_value": "1000"},
                    ),
                ],
            ),
            raw_step(
                "Thành viên hộ gia đình góp vốn",
                [
                    (
                        "group",
                        "thanh_vien",
                        "Thành viên hộ gia đình tham gia kinh doanh",
                        {
                            "required": False,
                            "row_label": "Thành viên",
                            "max_rows": 10,
                            "fields": [
                                ("text", "ho_ten", "Họ, chữ đệm và tên", {"max_length": 100}),
                                ("citizen_id", "so_dinh_danh", "Số định danh cá nhân"),
                                ("number", "von_gop", "Giá trị vốn góp (đồng)", {"min_value": "0"}),
                            ],
                        },
                    )
                ],
            ),
        ],
    ),
    "1.000894": (
        "Thủ tục đăng ký kết hôn",
        SERVICE_CENTRE,
        [
            applicant("Thông tin bên nữ"),
            raw_step(
                "Thông tin bên nam",
                [
                    ("text", "nam_ho_ten", "Họ, chữ đệm và tên", {"max_length": 100}),
                    ("citizen_id", "nam_dinh_danh", "Số định danh cá nhân"),
                    ("date", "nam_ngay_sinh", "Ngày, tháng, năm sinh", PAST),
                    ("address", "nam_noi_cu_tru", "Nơi cư trú"),
                    ("phone", "nam_dien_thoai", "Số điện thoại"),
                ],
            ),
            raw_step(
                "Đăng ký",
                [
                    (
                        "choice",
                        "lan_ket_hon",
                        "Kết hôn lần thứ mấy (bên nữ)",
                        {"options": ["Lần đầu", "Lần thứ hai trở lên"]},
                    ),
                    (
                        "choice",
                        "nam_lan_ket_hon",
                        "Kết hôn lần thứ mấy (bên nam)",
                        {"options": ["Lần đầu", "Lần thứ hai trở lên"]},
                    ),
                    (
                        "date",
                        "ngay_hen",
                        "Ngày dự kiến đến nhận Giấy chứng nhận kết hôn",
                        {"period": "future", **OPTIONAL},
                    ),
                ],
                help="Hai bên nam, nữ phải cùng có mặt khi đăng ký kết hôn.",
            ),
        ],
    ),
    "1.000656": (
        "Thủ tục đăng ký khai tử",
        SERVICE_CENTRE,
        [
            applicant(),
            raw_step(
                "Thông tin người đã mất",
                [
                    ("text", "nguoi_mat_ho_ten", "Họ, chữ đệm và tên", {"max_length": 100}),
                    ("citizen_id", "nguoi_mat_dinh_danh", "Số định danh cá nhân"),
                    ("date", "ngay_mat", "Ngày chết", PAST),
                    ("address", "noi_mat", "Nơi chết"),
                    ("long_text", "nguyen_nhan", "Nguyên nhân chết", {"max_length": 300}),
                    (
                        "choice",
                        "quan_he_nguoi_mat",
                        "Quan hệ với người đã mất",
                        {
                            "options": [
                                "Vợ, chồng",
                                "Con",
                                "Cha, mẹ",
                                "Người thân thích khác",
                                "Cơ quan, tổ chức",
                            ]
                        },
                    ),
                ],
            ),
        ],
    ),
    "1.004873": (
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        SERVICE_CENTRE,
        [
            applicant(),
            raw_step(
                "Nội dung xác nhận",
                [
                    (
                        "choice",
                        "tinh_trang",
                        "Tình trạng hôn nhân hiện nay",
                        {
                            "options": [
                                "Chưa đăng ký kết hôn với ai",
                                "Đã ly hôn",
                                "Vợ hoặc chồng đã chết",
                                "Đang có vợ hoặc chồng",
                            ]
                        },
                    ),
                    ("text", "muc_dich_su_dung", "Mục đích sử dụng", {"max_length": 200}),
                    (
                        "number",
                        "so_ban",
                        "Số bản đề nghị cấp",
                        {"min_value": "1", "max_value": "5"},
                    ),
                ],
            ),
        ],
    ),
    "1.010041": (
        "Xác nhận thông tin về cư trú",
        SERVICE_CENTRE,
        [
            applicant(address_label="Nơi thường trú"),
            raw_step(
                "Nội dung đề nghị xác nhận",
                [
                    (
                        "choice",
                        "loai_xac_nhan",
                        "Thông tin cần xác nhận",
                        {"options": ["Nơi thường trú", "Nơi tạm trú", "Quá trình cư trú"]},
                    ),
                    ("date", "tu_ngay", "Xác nhận từ ngày", {"period": "past", **OPTIONAL}),
                    ("text", "muc_dich", "Mục đích sử dụng", {"max_length": 200}),
                ],
            ),
        ],
    ),
    "1.116556": (
        "Thủ tục cung cấp thông tin theo yêu cầu (dành cho cá nhân)",
        SERVICE_CENTRE,
        [
            applicant(),
            raw_step(
                "Thông tin yêu cầu cung cấp",
                [
                    (
                        "long_text",
                        "noi_dung",
                        "Tên văn bản, hồ sơ, tài liệu hoặc nội dung thông tin cần cung cấp",
                        {"max_length": 2000},
                    ),
                    (
                        "text",
                        "muc_dich",
                        "Mục đích yêu cầu cung cấp thông tin",
                        {"max_length": 300},
                    ),
                    (
                        "choice",
                        "hinh_thuc",
                        "Hình thức nhận thông tin",
                        {
                            "options": [
                                "Nhận bản điện tử qua Cổng",
                                "Nhận bản giấy tại Bộ phận Một cửa",
                                "Nhận qua dịch vụ bưu chính",
                            ]
                        },
                    ),
                    ("number", "so_ban", "Số lượng bản", {"min_value": "1", "max_value": "10"}),
                ],
            ),
        ],
    ),
}


def populate(home, home_en):
    """Give the ten demo procedures an e-form (idempotent: existing forms are left as edited)."""
    existing = {p.code: p for p in Procedure.objects.filter(code__in=DEFINITIONS)}
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in=[SERVICE_CENTRE, JUSTICE, CONSTRUCTION])
    }
    for code, (name, agency_code, _steps) in DEFINITIONS.items():
        procedure = existing.get(code)
        untouched = (
            procedure is not None
            and procedure.filing_channel == Procedure.FilingChannel.NONE
            and not procedure.online_level
        )
        if untouched:
            # A bare catalogue row: the demo files it on this portal, as if an editor had.
            procedure.filing_channel = Procedure.FilingChannel.HERE
            procedure.online_level, procedure.online_scope = "4", "full"
            procedure.agency = procedure.agency or agencies.get(agency_code)
            procedure.save()
        if procedure is None:
            existing[code], _ = Procedure.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "for_citizens": True,
                    "filing_channel": Procedure.FilingChannel.HERE,
                    "online_level": "4",
                    "online_scope": "full",
                    "agency": agencies.get(agency_code),
                },
            )
    with_form = set(
        FormDefinition.objects.filter(procedure__code__in=DEFINITIONS).values_list(
            "procedure__code", flat=True
        )
    )
    FormDefinition.objects.bulk_create(
        FormDefinition(procedure=existing[code], steps=steps)
        for code, (_name, _agency, steps) in DEFINITIONS.items()
        if code not in with_form
    )
