"""Vietnam's days off and make-up working days, seeded into CalendarDay.

Two sources, merged:
- the `holidays` package's Vietnam calendar (Labour Code 2019 Art. 112 holidays, with the days off
  the package knows of for weekends and substitutions);
- OFFICIAL_SCHEDULE below: the Government's yearly schedule for officials (cán bộ, công chức, viên
  chức), announced each year by the Ministry of Labour / Ministry of Home Affairs, with the bridge
  days and the make-up Saturdays. These dates are OFFICIAL SCHEDULE DATA, typed in by hand from the
  announcements; check them against each year's announcement and correct them in the admin.

Seeding only adds missing dates: a day an editor has entered or changed is never overwritten.
"""

from datetime import date

import holidays as holidays_package

HOLIDAY = "holiday"
WORKING_SATURDAY = "working_saturday"

# (date, kind, Vietnamese name). Official schedule data, not computed.
OFFICIAL_SCHEDULE = [
    # 2025 — Tết Ất Tỵ: officials off 9 days, Saturday 25/01 to Sunday 02/02/2025.
    (date(2025, 1, 25), HOLIDAY, "Nghỉ Tết Nguyên đán Ất Tỵ"),
    (date(2025, 1, 26), HOLIDAY, "Nghỉ Tết Nguyên đán Ất Tỵ"),
    (date(2025, 1, 27), HOLIDAY, "Nghỉ Tết Nguyên đán Ất Tỵ (29 tháng Chạp)"),
    (date(2025, 2, 1), HOLIDAY, "Nghỉ Tết Nguyên đán Ất Tỵ"),
    (date(2025, 2, 2), HOLIDAY, "Nghỉ Tết Nguyên đán Ất Tỵ"),
    # 2025 — Giỗ Tổ Hùng Vương (10/3 âm lịch) on Monday 07/04/2025.
    (date(2025, 4, 7), HOLIDAY, "Giỗ Tổ Hùng Vương"),
    # 2025 — 30/4–1/5: five days off, Wednesday 30/04 to Sunday 04/05/2025; Friday 02/05 is
    # swapped with the make-up working Saturday 26/04/2025.
    (date(2025, 4, 26), WORKING_SATURDAY, "Làm bù cho ngày nghỉ 02/05/2025"),
    (date(2025, 5, 2), HOLIDAY, "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)"),
    # 2025 — National Day: four days off, Saturday 30/08 to Tuesday 02/09/2025.
    (date(2025, 9, 1), HOLIDAY, "Nghỉ Quốc khánh"),
    (date(2025, 9, 2), HOLIDAY, "Quốc khánh"),
    # 2026 — Tết Bính Ngọ: nine days off, Saturday 14/02 to Sunday 22/02/2026.
    *[(date(2026, 2, day), HOLIDAY, "Nghỉ Tết Nguyên đán Bính Ngọ") for day in range(14, 23)],
    # 2026 — Giỗ Tổ Hùng Vương falls on Sunday 26/04/2026; Monday 27/04 is the day off in lieu.
    (date(2026, 4, 26), HOLIDAY, "Giỗ Tổ Hùng Vương"),
    (date(2026, 4, 27), HOLIDAY, "Nghỉ bù Giỗ Tổ Hùng Vương"),
    # 2026 — 30/4–1/5: Thursday 30/04 to Sunday 03/05/2026.
    (date(2026, 4, 30), HOLIDAY, "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (date(2026, 5, 1), HOLIDAY, "Ngày Quốc tế Lao động"),
    # 2026 — National Day: Saturday 29/08 to Wednesday 02/09/2026; Monday 31/08 is swapped with
    # the make-up working Saturday 22/08/2026.
    (date(2026, 8, 22), WORKING_SATURDAY, "Làm bù cho ngày nghỉ 31/08/2026"),
    (date(2026, 8, 31), HOLIDAY, "Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)"),
    (date(2026, 9, 1), HOLIDAY, "Nghỉ Quốc khánh"),
    (date(2026, 9, 2), HOLIDAY, "Quốc khánh"),
]

# The `holidays` package names days in English; the calendar shows Vietnamese names.
_PACKAGE_NAMES = {
    "New Year's Day": "Tết Dương lịch",
    "Lunar New Year": "Tết Nguyên đán",
    "Hung Kings' Commemoration Day": "Giỗ Tổ Hùng Vương",
    "Liberation Day/Reunification Day": "Ngày Giải phóng miền Nam, thống nhất đất nước",
    "International Labor Day": "Ngày Quốc tế Lao động",
    "National Day": "Quốc khánh",
    "Vietnam Cultural Day": "Ngày Văn hóa Việt Nam",
}


def _vietnamese(name):
    for english, vietnamese in _PACKAGE_NAMES.items():
        if english in name:
            suffix = " (nghỉ bù)" if "observed" in name or "substituted" in name else ""
            return vietnamese + suffix
    if "Day off" in name:
        return "Nghỉ hoán đổi"
    return name


def schedule_for(years) -> dict[date, tuple[str, str]]:
    """{date: (kind, name)} for the given years: the package's days off, then the official
    schedule, which wins where both name a day."""
    years = sorted(set(years))
    days = {}
    for day, name in sorted(holidays_package.Vietnam(years=years).items()):
        days[day] = (HOLIDAY, _vietnamese(name))
    for day, kind, name in OFFICIAL_SCHEDULE:
        if day.year in years:
            days[day] = (kind, name)
    return days
