"""Queries and the first result they must give on the demo content (the national catalogue, the
legal-document library and the demo pages), whichever engine answers. A result is named by its
code (procedures, legal documents) or by its title (pages, news).

Shared by the database engine's tests and the Elasticsearch engine's tests.
"""

RELEVANCE = [
    # Accents, case and spelling variants
    ("dang ky tam tru", "1.004194"),
    ("Đăng ký tạm trú", "1.004194"),
    ("DANG KY TAM TRU", "1.004194"),
    ("dang ki tam tru", "1.004194"),
    ("tam tru", "1.004194"),
    ("dang ky thuong tru", "1.004222"),
    ("hộ chiếu phổ thông", "1.001456"),
    ("cap ho chieu", "1.001456"),
    ("thong bao luu tru", "2.001159"),
    ("khai bao tam vang", "1.003677"),
    ("tach ho", "1.010038"),
    ("thai san", "2.000693"),
    ("dang ky ket hon", "1.000894"),
    ("khai tu", "1.000656"),
    ("cap dien moi", "3.000001"),
    ("thanh lap ho kinh doanh", "1.001612"),
    ("cong ty tnhh mot thanh vien", "2.001583"),
    ("hop phap hoa lanh su", "1.001308"),
    ("quyen tac gia", "1.005160"),
    ("xac nhan thong tin cu tru", "1.010041"),
    # Misspelt by one letter
    ("dang ky tam tur", "1.004194"),
    ("ho chiue", "1.001456"),
    ("dang ky thuong truu", "1.004222"),
    ("khai bao tam vnag", "1.003677"),
    ("giai quyet huong thai sna", "2.000693"),
    # Everyday words and abbreviations (synonyms)
    ("khai sinh", "1.001193"),
    ("giay khai sinh", "1.001193"),
    ("ho khau", "1.004222"),
    ("passport", "1.001456"),
    ("cccd", "2.001195"),
    ("cap lai cccd", "2.001194"),
    ("cmnd", "1.000466"),
    ("bang lai xe", "3.000347"),
    ("doi bang lai", "3.000347"),
    ("gplx", "3.000347"),
    ("lltp", "3.000333"),
    ("bhxh mot lan", "1.001613"),
    ("quyet toan thue tncn", "1.008309"),
    ("tro cap that nghiep", "1.001978"),
    ("mo cong ty", "2.001610"),
    # Codes
    ("1.004194", "1.004194"),
    ("2.000635", "2.000635"),
    ("3.000347", "3.000347"),
    # Legal document numbers, with or without accents
    ("66.9/2025/NQ-CP", "66.9/2025/NQ-CP"),
    ("50/2025/TT-BCT", "50/2025/TT-BCT"),
    ("42/2025/QĐ-TTg", "42/2025/QĐ-TTg"),
    ("42/2025/qd-ttg", "42/2025/QĐ-TTg"),
    ("219/CĐ-TTg", "219/CĐ-TTg"),
    ("phoi tron nhien lieu sinh hoc", "50/2025/TT-BCT"),
    # Pages and news
    ("khai truong cong dich vu cong", "Tỉnh Tân Hòa khai trương Cổng dịch vụ công trực tuyến mới"),
    ("cai cach hanh chinh", "Hội nghị tổng kết công tác cải cách hành chính năm 2026"),
    ("tro giup phap ly luu dong", "Trợ giúp pháp lý lưu động tại các xã vùng sâu, vùng xa"),
    ("phong chong thien tai", "Chủ động phòng, chống thiên tai mùa mưa bão"),
    ("so tu phap", "Sở Tư pháp tỉnh Tân Hòa"),
    ("van ban phap luat", "Văn bản pháp luật"),
]
