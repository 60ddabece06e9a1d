"""Vietnam's administrative units after the 1 July 2025 reorganisation: 34 provinces, 3,321 communes.

The data comes from the General Statistics Office's list (Công văn 1027/CTK-CSCL, 25/6/2025), kept in
`fixtures/admin-units-2025.json` and loaded once per process on first use.
"""

import csv
import json
import re
from functools import cache
from pathlib import Path

from portal.text import fold, nfc

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNITS_FILE = FIXTURES / "admin-units-2025.json"
# The same communes for the commune filter script: {province code: [[code, name], …]}.
STATIC_COMMUNES_FILE = Path(__file__).resolve().parent / "static" / "eforms" / "communes-2025.json"

_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


@cache
def _units():
    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    provinces = [(code, name) for code, name in data["provinces"]]
    communes = {code: [(c, n) for c, n in rows] for code, rows in data["communes"].items()}
    commune_index = {
        commune_code: (province_code, name)
        for province_code, rows in communes.items()
        for commune_code, name in rows
    }
    return provinces, dict(provinces), communes, commune_index


def provinces():
    """The 34 provinces and centrally-run cities as (code, name), in the official order."""
    return list(_units()[0])


def communes(province_code):
    """The communes and wards of one province as (code, name), in the official order."""
    return list(_units()[2].get(province_code, ()))


def province_name(code):
    return _units()[1].get(code, "")


def commune_name(code):
    return _units()[3].get(code, ("", ""))[1]


def commune_province(code):
    """The code of the province a commune belongs to, or "" for an unknown commune."""
    return _units()[3].get(code, ("", ""))[0]


def commune_in_province(commune_code, province_code):
    return bool(commune_code) and commune_province(commune_code) == province_code


def _province_key(name):
    return _PROVINCE_PREFIX.sub("", fold(name.replace("<br>", " ")))


def build(provinces_csv, communes_markdown):
    """Parse the statistics office's lists into the compact structure stored in the fixture.

    The communes list is a markdown table split by province header rows (an empty number and code,
    the province name in capitals); cells may contain `<br>` line breaks.
    """
    with open(provinces_csv, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    province_rows = [(code.strip(), nfc(name)) for _, code, name in rows]
    by_key = {_province_key(name): code for code, name in province_rows}
    communes_by_province = {code: [] for code, _ in province_rows}
    current = None
    for line in Path(communes_markdown).read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [nfc(cell.replace("<br>", " ")) for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3:
            continue
        number, code, name = cells[0], cells[1], cells[2]
        if not number and not code and name:
            current = by_key[_province_key(name)]
        elif number.isdigit() and code.isdigit():
            communes_by_province[current].append((code, name))
    return {"provinces": province_rows, "communes": communes_by_province}


def _compact(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_fixture(provinces_csv, communes_markdown, target=UNITS_FILE, static=STATIC_COMMUNES_FILE):
    data = build(provinces_csv, communes_markdown)
    Path(target).write_text(_compact(data), encoding="utf-8")
    Path(static).write_text(_compact(data["communes"]), encoding="utf-8")
    _units.cache_clear()
    return data
