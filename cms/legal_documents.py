"""Reading Vietnamese document numbers ("số ký hiệu") such as 66.9/2025/NQ-CP or 237/CĐ-TTg."""

import re
from dataclasses import dataclass

# Forms of document (hình thức văn bản) by the abbreviation used in their symbol.
FORMS = {
    "L": "Luật",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "CĐ": "Công điện",
    "TB": "Thông báo",
    "KH": "Kế hoạch",
    "VBHN": "Văn bản hợp nhất",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
}
OFFICIAL_LETTER = "Công văn"
AUTHORITIES = {
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "QH15": "Quốc hội",
    "UBTVQH15": "Ủy ban Thường vụ Quốc hội",
    "BTC": "Bộ Tài chính",
    "BCT": "Bộ Công Thương",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BXD": "Bộ Xây dựng",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BTP": "Bộ Tư pháp",
    "BQP": "Bộ Quốc phòng",
    "BNV": "Bộ Nội vụ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "TANDTC": "Tòa án nhân dân tối cao",
    "UBND": "Ủy ban nhân dân",
}
SYMBOL = re.compile(
    r"^(?P<number>[\w.]+)\s*/\s*(?:(?P<year>\d{4})/)?(?P<left>[^-/\s]+)(?:-(?P<right>.+))?$"
)


@dataclass(frozen=True)
class Symbol:
    number: str
    form: str
    authority_code: str

    @property
    def authority(self):
        return AUTHORITIES.get(self.authority_code, self.authority_code)


def parse_symbol(code, summary=""):
    """Split a document symbol into its form of document and issuing authority.

    "66.9/2025/NQ-CP" is a Nghị quyết of the Chính phủ; "123/VPCP-QHQT" (authority, then the drafting
    unit) is an official letter; "246/2025/QH15" names only the authority, so the summary's first
    words tell the form.
    """
    code = " ".join(code.split())
    match = SYMBOL.match(code)
    if not match:
        return Symbol(code, OFFICIAL_LETTER, "")
    left, right = match["left"], match["right"]
    if right and left in FORMS:
        return Symbol(match["number"], FORMS[left], right)
    if right:
        return Symbol(match["number"], OFFICIAL_LETTER, left)
    by_summary = next((name for name in FORMS.values() if summary.startswith(name)), None)
    return Symbol(match["number"], by_summary or "Văn bản", left)
