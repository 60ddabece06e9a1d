"""Import procedures from the national catalogue lists and the National Procedure Database records.

Each detail record is parsed into plain values first, so a malformed record is reported with its file
and reason and skipped while the others import. A record whose parsed values did not change since the
last import (same hash) is left alone; province settings (agency, filing channel, links) are never
touched by an import.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from portal.text import fold, nfc

from .models import (
    CATALOG_DIR,
    DETAILS_DIR,
    Channel,
    DossierComponent,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureResult,
    ProcessingTime,
    Step,
    Subject,
    TimeUnit,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CHANNELS = {"ONLINE": Channel.ONLINE, "DIRECT": Channel.DIRECT, "POSTAL": Channel.POSTAL}
UNITS = {
    "WORKING_DAY": TimeUnit.WORKING_DAY,
    "DAY": TimeUnit.DAY,
    "HOUR": TimeUnit.HOUR,
    "MONTH": TimeUnit.MONTH,
}
FEE_KINDS = {"FEE": Fee.Kind.FEE, "SERVICE_FEE": Fee.Kind.CHARGE}
NOT_IN_FORCE = {"ABOLISHED", "CANCELED", "CANCELLED", "DELETED", "EXPIRED", "INACTIVE", "REPEALED"}
# "05 ngày làm việc", "2,5 ngày", "24 giờ", "06 tháng" inside a free-text processing time.
TIME_IN_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ|tháng)")
TEXT_UNITS = {
    "ngày làm việc": TimeUnit.WORKING_DAY,
    "ngày": TimeUnit.DAY,
    "giờ": TimeUnit.HOUR,
    "tháng": TimeUnit.MONTH,
}
AMOUNT_IN_TEXT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
CATALOG_FIELDS = ["name", "popularity", "for_citizens", "for_businesses", "is_sector_managed"]
CHILD_KEYS = {
    Step: "steps",
    DossierComponent: "components",
    ProcessingTime: "times",
    Fee: "fees",
    ProcedureResult: "results",
    LegalBasis: "legal_bases",
}
CHILD_MODELS = tuple(CHILD_KEYS)
# What an import writes on a procedure; the province's own settings are not in this list.
DETAIL_FIELDS = [
    "name",
    "national_id",
    "description",
    "kind",
    "is_sector_managed",
    "level_central",
    "level_province",
    "level_commune",
    "level_other",
    "is_non_territorial",
    "promulgating_agency",
    "implementing_agencies",
    "competent_agencies",
    "delegated_agencies",
    "coordinating_agencies",
    "receiving_address",
    "requirements",
    "result_delivery",
    "decision_number",
    "decision_date",
    "online_level",
    "online_scope",
    "status",
    "national_updated_at",
    "for_citizens",
    "for_businesses",
    "for_foreigners",
    "field",
    "source_hash",
    "search_text",
    "updated_at",
]


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def merge(self, other):
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.errors += other.errors

    def __str__(self):
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.errors)} skipped"
        )


# Text helpers ------------------------------------------------------------------------------


def clean_text(value):
    """NFC, no tabs, single spaces, trimmed lines; line breaks are kept (steps are multi-line)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"expected text, got {type(value).__name__}")
    lines = unicodedata.normalize("NFC", value).replace("\r", "\n").split("\n")
    return "\n".join(line for line in (" ".join(part.split()) for part in lines) if line)


def text_of(record, key):
    value = record.get(key)
    try:
        return clean_text(value)
    except RecordError as error:
        raise RecordError(f"{key}: {error}") from None


def list_of(record, key):
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RecordError(f"{key}: expected a list of objects")
    return value


def number_of(value, key):
    if isinstance(value, bool) or not isinstance(value, int | float | str | type(None)):
        raise RecordError(f"{key}: expected a number, got {type(value).__name__}")
    try:
        number = Decimal(str(value if value not in (None, "") else 0).replace(",", "."))
    except InvalidOperation:
        raise RecordError(f"{key}: expected a number, got {value!r}") from None
    if not number.is_finite() or number < 0:
        raise RecordError(f"{key}: expected a positive number, got {value!r}")
    return number


def count_of(value, key):
    number = number_of(value, key)
    if number != number.to_integral_value() or number > 1000:
        raise RecordError(f"{key}: expected a whole number of copies, got {value!r}")
    return int(number)


def date_from_ms(value):
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    return None


def names_of(items):
    return "; ".join(name for name in (clean_text(item.get("name")) for item in items) if name)


def hash_of(values):
    return hashlib.sha256(
        json.dumps(values, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


# Parsing a national detail record ----------------------------------------------------------


def parse_time(method):
    amount = number_of(method.get("processingTime"), "processingTime")
    unit = UNITS.get(method.get("processingTimeUnit"), TimeUnit.OTHER)
    description = text_of(method, "description")
    if unit == TimeUnit.OTHER or not amount:
        # The time is only in the description ("05 ngày làm việc kể từ ngày nhận…").
        found = TIME_IN_TEXT.search(description.lower())
        if found:
            amount = Decimal(found.group(1).replace(",", "."))
            unit = TEXT_UNITS[found.group(2)]
    return {"amount": amount, "unit": unit, "description": description}


def parse_fee(fee):
    description = text_of(fee, "description")
    amount = number_of(fee.get("value"), "fees.value")
    currency = "USD" if str(fee.get("currencyName") or "").upper() == "USD" else "VND"
    if currency == "VND":
        # Some records hold the amount in thousands ("20" for "20.000 đồng/lần").
        stated = AMOUNT_IN_TEXT.search(description)
        if stated and amount and Decimal(stated.group(1).replace(".", "")) == amount * 1000:
            amount *= 1000
    return {
        "kind": FEE_KINDS.get(fee.get("type"), Fee.Kind.FEE),
        "amount": int(amount.to_integral_value()),
        "currency": currency,
        "description": description,
    }


def parse_component(component, case_name):
    name = text_of(component, "name")
    if not name:
        raise RecordError("a dossier component has no name")
    attachments = list_of(component, "attachments")
    return {
        "case_name": case_name,
        "code": text_of(component, "code")[:100],
        "name": name,
        "originals": count_of(component.get("originalQty"), "originalQty"),
        "copies": count_of(component.get("copyQty"), "copyQty"),
        "is_required": bool(component.get("required", True)),
        "template_name": clean_text(attachments[0].get("fileName"))[:255] if attachments else "",
        "has_eform": bool(component.get("hasElectronicForm")),
    }


def parse_detail(record):
    """Plain values of one national record; raises RecordError when it cannot be used."""
    if not isinstance(record, dict):
        raise RecordError("expected a JSON object")
    code = record.get("code")
    if not isinstance(code, str) or not code.strip():
        raise RecordError("missing procedure code")
    code = nfc(code).replace(" ", "")
    if len(code) > 30:
        raise RecordError(f"procedure code too long: {code[:40]}")
    name = text_of(record, "name").replace("\n", " ")
    if not name:
        raise RecordError("missing procedure name")
    methods = list_of(record, "executionMethods")
    times, fees = [], []
    for method in methods:
        channel = CHANNELS.get(method.get("submissionMethod"))
        if channel is None:
            continue
        times.append({"channel": channel, **parse_time(method)})
        fees += [{"channel": channel, **parse_fee(fee)} for fee in list_of(method, "fees")]
    components = []
    for case in list_of(record, "executionCases"):
        case_name = text_of(case, "name").replace("\n", " ")
        components += [parse_component(c, case_name) for c in list_of(case, "profileComponents")]
    components += [parse_component(c, "") for c in list_of(record, "profileComponents")]
    online = any(time["channel"] == Channel.ONLINE for time in times)
    full = bool(record.get("isFullProcess")) and online
    category = record.get("category") or next(iter(list_of(record, "categoriesDetails")), None)
    if category is not None and not isinstance(category, dict):
        raise RecordError("category: expected an object")
    proposal = record.get("procedureProposal") or {}
    if not isinstance(proposal, dict):
        raise RecordError("procedureProposal: expected an object")
    decision_date = date_from_ms(proposal.get("decisionDate"))
    subjects = [
        {"code": text_of(subject, "code"), "name": text_of(subject, "name")}
        for subject in list_of(record, "subjectTypesDetails")
        if subject.get("code")
    ]
    folded_subjects = " ".join(fold(subject["name"]) for subject in subjects)
    delivery = []
    for method in list_of(record, "returningMethods"):
        values = method.get("value") or []
        delivery += [value for value in values if isinstance(value, str)]
    return {
        "code": code,
        "fields": {
            "name": name,
            "national_id": str(record.get("id") or "")[:40],
            "description": text_of(record, "description"),
            "kind": str(record.get("formalityType") or "")[:40],
            "is_sector_managed": bool(record.get("isVertical")),
            "level_central": bool(record.get("isMinistry")),
            "level_province": bool(record.get("isProvince")),
            "level_commune": bool(record.get("isWard")),
            "level_other": bool(record.get("isOtherAgency") or record.get("isUndetermined")),
            "is_non_territorial": bool(record.get("isNonTerritorial")),
            "promulgating_agency": text_of(record, "departmentPromulgateName")[:255],
            "implementing_agencies": text_of(record, "executingAgencies")
            or names_of(list_of(record, "departmentsExecuting")),
            "competent_agencies": names_of(list_of(record, "departmentsAuthority")),
            "delegated_agencies": text_of(record, "delegatedAgencies")
            or text_of(record, "authorizedAgencies")
            or names_of(list_of(record, "departmentsAuthorized")),
            "coordinating_agencies": text_of(record, "coordinatingAgencies")
            or names_of(list_of(record, "departmentsCoordinating")),
            "receiving_address": text_of(record, "dossierReceivingAddresses"),
            "requirements": text_of(record, "requirementsAndConditions"),
            "result_delivery": list(dict.fromkeys(delivery)),
            "decision_number": (
                text_of(proposal, "proposalNumber") or text_of(record, "decisionNo")
            )[:100],
            "decision_date": decision_date.astimezone(VIETNAM).date() if decision_date else None,
            "online_level": ("4" if full else "3") if online else "2",
            "online_scope": (Procedure.OnlineScope.FULL if full else Procedure.OnlineScope.PARTIAL)
            if online
            else "",
            "status": Procedure.Status.NOT_IN_FORCE
            if record.get("state") in NOT_IN_FORCE
            else Procedure.Status.IN_FORCE,
            "national_updated_at": date_from_ms(record.get("updatedAt")),
            "for_citizens": "cong dan" in folded_subjects or "ca nhan" in folded_subjects,
            "for_businesses": "doanh nghiep" in folded_subjects or "hop tac xa" in folded_subjects,
            "for_foreigners": any(is_foreign(subject["name"]) for subject in subjects),
        },
        "field": {
            "name": text_of(category, "name"),
            "code": text_of(category, "code")[:40],
            "promulgating": text_of(record, "departmentPromulgateName"),
        }
        if category and category.get("name")
        else None,
        "subjects": subjects,
        "steps": [
            {"title": text_of(step, "name"), "description": text_of(step, "description")}
            for step in list_of(record, "executionSteps")
            if text_of(step, "description") or text_of(step, "name")
        ],
        "components": components,
        "times": times,
        "fees": fees,
        "results": [
            {"code": text_of(result, "code")[:60], "name": text_of(result, "name")}
            for result in list_of(record, "resultsDetails")
            if text_of(result, "name")
        ],
        "legal_bases": [
            {"number": text_of(basis, "code")[:120], "title": text_of(basis, "name")}
            for basis in list_of(record, "legalBasisesDetails")
            if text_of(basis, "name")
        ],
    }


def is_foreign(subject_name):
    folded = fold(subject_name)
    return "nuoc ngoai" in folded and "viet nam dinh cu" not in folded


# Saving ------------------------------------------------------------------------------------


class DetailImporter:
    """Saves parsed detail records, caching fields and subjects across one run."""

    def __init__(self, ministries=None):
        self.ministries = ministries if ministries is not None else load_ministries()
        self.fields = {(fold(f.name), fold(f.ministry)): f for f in Field.objects.all()}
        self.subjects = {subject.code: subject for subject in Subject.objects.all()}

    def field_for(self, data):
        if data is None:
            return None
        prefix = data["code"].split("-")[0]
        ministry = self.ministries.get(prefix) or data["promulgating"]
        key = (fold(data["name"]), fold(ministry))
        found = self.fields.get(key)
        if found is None:
            found = Field.objects.create(name=data["name"][:255], ministry=ministry[:255])
            self.fields[key] = found
        if data["code"] and found.code != data["code"]:
            found.code = data["code"]
            found.save(update_fields=["code", "updated_at"])
        return found

    def subjects_for(self, items):
        subjects = []
        for item in items:
            subject = self.subjects.get(item["code"])
            if subject is None or subject.name != item["name"]:
                subject, _created = Subject.objects.update_or_create(
                    code=item["code"][:20],
                    defaults={"name": item["name"][:255], "is_foreign": is_foreign(item["name"])},
                )
                self.subjects[item["code"]] = subject
            subjects.append(subject)
        return subjects

    @transaction.atomic
    def save_all(self, records):
        """Create or update the parsed records in a few bulk queries; return their outcomes.

        Bulk queries also skip Wagtail's per-save signals: the demo imports on every test run.
        """
        records = list({data["code"]: data for data in records}.values())
        existing = {
            procedure.code: procedure
            for procedure in Procedure.objects.filter(code__in=[data["code"] for data in records])
        }
        outcomes, to_create, to_update, changed = {}, [], [], []
        now = timezone.now()
        for data in records:
            digest = hash_of(data)
            procedure = existing.get(data["code"])
            if procedure is not None and procedure.source_hash == digest:
                outcomes[data["code"]] = "unchanged"
                continue
            outcomes[data["code"]] = "created" if procedure is None else "updated"
            procedure = procedure or Procedure(code=data["code"])
            for name, value in data["fields"].items():
                setattr(procedure, name, value)
            procedure.field = self.field_for(data["field"])
            procedure.source_hash = digest
            procedure.search_text = fold(f"{procedure.code} {procedure.name}")
            procedure.updated_at = now
            (to_update if procedure.pk else to_create).append(procedure)
            changed.append((procedure, data))
        Procedure.objects.bulk_create(to_create)
        if to_create and to_create[0].pk is None:
            # Databases that return no ids from a bulk insert.
            ids = dict(
                Procedure.objects.filter(code__in=[p.code for p in to_create]).values_list(
                    "code", "pk"
                )
            )
            for procedure in to_create:
                procedure.pk = ids[procedure.code]
        Procedure.objects.bulk_update(to_update, DETAIL_FIELDS)
        ids = [procedure.pk for procedure, _data in changed]
        for model in CHILD_MODELS:
            model.objects.filter(procedure_id__in=ids).delete()
        rows = {model: [] for model in CHILD_MODELS}
        memberships = []
        through = Procedure.subjects.through
        for procedure, data in changed:
            for model, key in CHILD_KEYS.items():
                rows[model] += [
                    model(procedure_id=procedure.pk, position=position, **item)
                    for position, item in enumerate(data[key], start=1)
                ]
            memberships += [
                through(procedure_id=procedure.pk, subject_id=subject.pk)
                for subject in {s.pk: s for s in self.subjects_for(data["subjects"])}.values()
            ]
        for model, objects in rows.items():
            model.objects.bulk_create(objects)
        through.objects.filter(procedure_id__in=ids).delete()
        through.objects.bulk_create(memberships)
        return outcomes


def records_in(path):
    """The records of one detail file (one object or a list of objects)."""
    try:
        content = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecordError(f"not valid JSON ({error})") from None
    return content if isinstance(content, list) else [content]


def import_details(paths, progress=None):
    """Import detail record files; malformed records are reported and skipped."""
    report, parsed = ImportReport(), []
    for path in paths:
        path = Path(path)
        try:
            records = records_in(path)
        except (OSError, RecordError) as error:
            report.errors.append((path.name, str(error)))
            records = []
        for index, record in enumerate(records):
            source = path.name if len(records) == 1 else f"{path.name}[{index}]"
            try:
                parsed.append(parse_detail(record))
            except RecordError as error:
                report.errors.append((source, str(error)))
        if progress:
            progress(path.name)
    for outcome in DetailImporter().save_all(parsed).values():
        report.add(outcome)
    return report


def detail_files(directory=DETAILS_DIR):
    return sorted(Path(directory).glob("*.json"))


# Fields and ministries ---------------------------------------------------------------------


def load_ministries(path=CATALOG_DIR / "agencies.json"):
    """Agency code suffix (G01, H99…) → name, from the national list of agencies."""
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return {
        str(row.get("CODE", "")).split(".")[-1]: nfc(row.get("NAME") or row.get("AGENCY_NAME"))
        for row in rows
        if isinstance(row, dict) and row.get("CODE")
    }


def split_field_name(raw):
    """ "Hộ tịch(Bộ Tư pháp)" → ("Hộ tịch", "Bộ Tư pháp")."""
    raw = nfc(raw)
    if raw.endswith(")") and "(" in raw:
        name, ministry = raw[:-1].rsplit("(", 1)
        return nfc(name), nfc(ministry)
    return raw, ""


def import_fields(path=CATALOG_DIR / "fields.json"):
    """Create or update the fields of administration from the national list."""
    report = ImportReport()
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        report.errors.append((Path(path).name, f"not valid JSON ({error})"))
        return report
    existing = {(fold(f.name), fold(f.ministry)): f for f in Field.objects.all()}
    seen = set()
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict) or not isinstance(row.get("FIELD_NAME"), str):
            report.errors.append((f"{Path(path).name}[{index}]", "missing FIELD_NAME"))
            continue
        name, ministry = split_field_name(row["FIELD_NAME"])
        national_id = str(row.get("ID") or "")[:40]
        key = (fold(name), fold(ministry))
        if key in seen:
            # The national list repeats a few fields under a second identifier: the first wins.
            continue
        seen.add(key)
        found = existing.get(key)
        if found is None:
            existing[key] = Field.objects.create(
                name=name[:255], ministry=ministry[:255], national_id=national_id
            )
            report.add("created")
        elif found.national_id != national_id:
            found.national_id = national_id
            found.save(update_fields=["national_id", "updated_at"])
            report.add("updated")
        else:
            report.add("unchanged")
    return report


# The catalogue lists -----------------------------------------------------------------------


@transaction.atomic
def import_catalog(citizens_path=None, businesses_path=None):
    """Create or update procedures from the national catalogue lists (code, name, popularity).

    Procedures that already carry a full national record only take the popularity from the lists:
    the record is the authority for their name, audiences and sector. A path of False skips
    that list.
    """
    rows = {}
    sources = (
        (citizens_path or CATALOG_DIR / "national-catalog-citizens.json", "for_citizens"),
        (businesses_path or CATALOG_DIR / "national-catalog-businesses.json", "for_businesses"),
    )
    for path, audience_field in sources:
        if path is False:
            continue
        for record in json.loads(Path(path).read_text(encoding="utf-8")):
            code = record["TTHC_MA"].strip()
            row = rows.setdefault(
                code,
                {
                    "name": nfc(record["NAME"]),
                    "popularity": 0,
                    "for_citizens": False,
                    "for_businesses": False,
                    "is_sector_managed": False,
                },
            )
            row[audience_field] = True
            row["popularity"] = max(row["popularity"], int(record.get("WEIGHT") or 0))
            row["is_sector_managed"] = row["is_sector_managed"] or record.get("ISNGANHDOC") == "1"
    existing = {procedure.code: procedure for procedure in Procedure.objects.filter(code__in=rows)}
    report, to_create, to_update, now = ImportReport(), [], [], timezone.now()
    for code, values in rows.items():
        values["search_text"] = fold(f"{code} {values['name']}")
        procedure = existing.get(code)
        if procedure is None:
            to_create.append(Procedure(code=code, **values))
            continue
        if procedure.national_id:
            values = {"popularity": values["popularity"]}
        if all(getattr(procedure, name) == value for name, value in values.items()):
            report.add("unchanged")
            continue
        for name, value in values.items():
            setattr(procedure, name, value)
        procedure.updated_at = now
        to_update.append(procedure)
    Procedure.objects.bulk_create(to_create, batch_size=500)
    Procedure.objects.bulk_update(
        to_update,
        [*CATALOG_FIELDS, "search_text", "updated_at"],
        batch_size=500,
    )
    report.created, report.updated = len(to_create), len(to_update)
    return report
