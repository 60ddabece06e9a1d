"""Scale data for `make bench`, written straight into PostgreSQL with set-based SQL.

On top of the demo province (`load_demo`: pages, the full national procedure catalogue, the search
index), it adds:
- PAGES news articles with varied Vietnamese titles and bodies, live, in the search index;
- CITIZENS citizens and, for the province, DOSSIERS dossiers over the last three years with their
  event log (submit → receive → process → complete → return, as far as each one got);
- one procedure filed online with a two-step form and two required documents, for the submission
  scenario, and one receiving officer with two-step verification for the inbox scenario.

Generating a million dossiers row by row through the ORM would take an hour; `INSERT ... SELECT
generate_series` takes about a minute. The rows use the same columns and status codes the
application writes, so every screen reads them as it reads real ones.

Run with the stack's environment: python -m bench.seed --pages 50000 --dossiers 1000000
"""

import argparse
import json
import sys
import time
from decimal import Decimal

# Words for titles and bodies: what a provincial news page is made of, so searches select a
# realistic share of the pages instead of all or none.
TOPICS = [
    "cải cách hành chính",
    "chuyển đổi số",
    "đăng ký kinh doanh",
    "cấp giấy phép xây dựng",
    "đất đai",
    "bảo hiểm xã hội",
    "giáo dục và đào tạo",
    "y tế cơ sở",
    "giao thông nông thôn",
    "phòng chống thiên tai",
    "an ninh trật tự",
    "xây dựng nông thôn mới",
    "du lịch",
    "đầu tư công",
    "thuế và phí",
    "hộ tịch",
    "cư trú",
    "môi trường",
    "văn hóa",
    "thể thao",
    "khoa học công nghệ",
    "lao động việc làm",
    "an sinh xã hội",
    "nông nghiệp",
    "thủy sản",
    "công thương",
    "tư pháp",
    "nội vụ",
    "tài chính",
    "kế hoạch",
]
PLACES = [
    "phường Tân An",
    "xã Hòa Bình",
    "xã Phú Lộc",
    "phường Đông Hải",
    "xã Mỹ Thạnh",
    "phường Bình Minh",
    "xã Long Điền",
    "xã Tân Phú",
    "phường Hưng Phú",
    "xã Vĩnh Xuân",
]
ACTIONS = [
    "Hội nghị triển khai",
    "Kết quả thực hiện",
    "Tập huấn",
    "Kiểm tra",
    "Sơ kết",
    "Tổng kết",
    "Thông báo",
    "Hướng dẫn",
    "Tuyên truyền",
    "Đẩy mạnh",
]

BENCH_PROCEDURE_CODE = "9.999001"


def log(message):
    print(f"  {message}", flush=True)


def sql_array(values):
    return "(ARRAY[" + ",".join(f"'{value}'" for value in values) + "])"


def seed_pages(cursor, count):
    """COUNT live news articles under the Vietnamese news index, with search index entries."""
    from cms.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.filter(locale__language_code="vi").order_by("path").first()
    template = NewsPage.objects.child_of(index).order_by("path").first()
    first_child = index.numchild + 1
    # Wagtail's tree: a child's path is its parent's plus 4 base-36 digits; numbers above the
    # existing children keep every path unique.
    cursor.execute(
        f"""
        CREATE TEMP TABLE bench_pages AS
        SELECT g,
               {sql_array(ACTIONS)}[1 + g % {len(ACTIONS)}] || ' ' ||
               {sql_array(TOPICS)}[1 + (g / 7) % {len(TOPICS)}] || ' tại ' ||
               {sql_array(PLACES)}[1 + (g / 3) % {len(PLACES)}] || ' năm ' || (2020 + g % 7)
                   || ' (số ' || g || ')' AS title,
               'tin-bench-' || g AS slug,
               now() - (g % 2000) * interval '1 day' AS published
        FROM generate_series({first_child}, {first_child + count - 1}) AS g
        """
    )
    base36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = " || ".join(
        f"substr('{base36}', 1 + (g / {36**power}) %% 36, 1)" for power in (3, 2, 1, 0)
    )
    cursor.execute(
        f"""
        INSERT INTO wagtailcore_page (
            path, depth, numchild, title, draft_title, slug, live, has_unpublished_changes,
            url_path, seo_title, show_in_menus, search_description, expired, content_type_id,
            owner_id, locked, first_published_at, last_published_at, latest_revision_created_at,
            translation_key, locale_id)
        SELECT %s || {digits}, %s, 0, b.title, b.title, b.slug, true, false,
               %s || b.slug || '/', '', false, '', false, t.content_type_id,
               t.owner_id, false, b.published, b.published, b.published,
               gen_random_uuid(), t.locale_id
        FROM bench_pages b, wagtailcore_page t WHERE t.id = %s
        """,
        [index.path, index.depth + 1, index.url_path, template.pk],
    )
    cursor.execute(
        """
        INSERT INTO cms_newspage (page_ptr_id, summary, published_on, author, source, body)
        SELECT p.id, b.title || '. Thông tin về ' || b.title || ' do Văn phòng UBND tỉnh cung cấp.',
               b.published, 'Ban biên tập', 'Văn phòng UBND tỉnh', t.body
        FROM bench_pages b
        JOIN wagtailcore_page p ON p.slug = b.slug AND p.path LIKE %s
        JOIN cms_newspage t ON t.page_ptr_id = %s
        """,
        [index.path + "%", template.pk],
    )
    cursor.execute(
        "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s", [count, index.pk]
    )
    cursor.execute("DROP TABLE bench_pages")
    return index


def index_pages(index, count):
    """Index the new pages through the search app's own document builder, in batches."""
    from cms.models import NewsPage
    from search import documents as searchable
    from search.database import DatabaseEngine

    engine = DatabaseEngine()
    # The generated pages sit under the public news index: no view restriction to look up.
    locales = searchable.locale_codes()
    pages = NewsPage.objects.child_of(index).filter(slug__startswith="tin-bench-").order_by("pk")
    done, started = 0, time.monotonic()
    batch = 2000
    last_pk = 0
    while True:
        chunk = list(pages.filter(pk__gt=last_pk)[:batch])
        if not chunk:
            break
        engine.index(
            [searchable.page_document(page, check_privacy=False, locales=locales) for page in chunk]
        )
        last_pk = chunk[-1].pk
        done += len(chunk)
        progress(done, count, "search index", started)
    print(flush=True)


def progress(done, total, what, started):
    width = 30
    filled = width * done // max(total, 1)
    elapsed = time.monotonic() - started
    sys.stdout.write(
        f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what} ({elapsed:.0f} s)"
    )
    sys.stdout.flush()


def seed_citizens(cursor, count):
    cursor.execute(
        f"""
        INSERT INTO accounts_user (
            password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
            date_joined, full_name, phone, consented_at)
        SELECT '!', false, 'bench' || g, '', '', 'bench' || g || '@example.vn', false, true,
               now(), 'Công dân thử tải ' || g, '09' || lpad((g % 100000000)::text, 8, '0'), now()
        FROM generate_series(1, {count}) AS g
        ON CONFLICT (username) DO NOTHING
        """
    )
    cursor.execute("SELECT min(id), max(id) FROM accounts_user WHERE username LIKE 'bench%%'")
    return cursor.fetchone()


def seed_dossiers(cursor, count, citizens):
    """COUNT dossiers across the province's agencies and catalogue, with their event logs."""
    first_citizen, last_citizen = citizens
    # Every procedure of the catalogue; the demo catalogue names a receiving agency for only a
    # few, so the others are spread over the province's agencies.
    cursor.execute("SELECT array_agg(id ORDER BY id) FROM accounts_agency")
    (agency_ids,) = cursor.fetchone()
    cursor.execute("SELECT id, agency_id FROM procedures_procedure ORDER BY id")
    procedures = cursor.fetchall()
    cursor.execute("CREATE TEMP TABLE bench_procedures (n int, id bigint, agency_id bigint)")
    cursor.executemany(
        "INSERT INTO bench_procedures VALUES (%s, %s, %s)",
        [
            (n, procedure_id, agency_id or agency_ids[n % len(agency_ids)])
            for n, (procedure_id, agency_id) in enumerate(procedures)
        ],
    )
    # Status mix of a living province: most dossiers long finished, a tail still in hand.
    # 0–69 returned, 70–79 completed, 80–87 processing, 88–91 received, 92–94 new,
    # 95–96 withdrawn, 97 stopped, 98–99 supplement requested.
    cursor.execute(
        f"""
        INSERT INTO dossiers_dossier (
            code, status, channel, answers, current_step, submission_key, holding_unit,
            submitted_at, received_at, due_at, completed_at, returned_at, closed_at,
            pauses, supplement_items, supplement_reason, supplement_contact, decision_reason,
            extension_unit, extension_reason, requires_signature, signature_status, fees_due,
            created_at, updated_at, agency_id, applicant_id, procedure_id)
        SELECT 'TT-' || to_char(s.submitted, 'YYMMDD') || '-' || g,
               s.status,
               CASE WHEN g % 10 < 7 THEN 'online' WHEN g % 10 < 9 THEN 'counter' ELSE 'post' END,
               '{{}}', 0, gen_random_uuid(), '',
               s.submitted,
               CASE WHEN s.status <> '1' THEN s.submitted + interval '2 hours' END,
               CASE WHEN s.status <> '1' THEN s.submitted + interval '7 days' END,
               CASE WHEN s.status IN ('9', '10') THEN s.submitted + s.took END,
               CASE WHEN s.status = '10' THEN s.submitted + s.took + interval '1 day' END,
               CASE WHEN s.status IN ('7', '8', '9', '10') THEN s.submitted + s.took END,
               '[]', '[]', '', '', '', '', '', false, '', 0,
               s.submitted, s.submitted, p.agency_id,
               {first_citizen} + g % ({last_citizen - first_citizen + 1}), p.id
        FROM generate_series(1::bigint, {count}) AS g
        JOIN bench_procedures p ON p.n = (g * 7919) % {len(procedures)}
        CROSS JOIN LATERAL (
            SELECT now() - ((g * 104729) % (3 * 365 * 24 * 60)) * interval '1 minute' AS submitted,
                   ((g % 13) + 1) * interval '1 day' AS took,
                   CASE WHEN g % 100 < 70 THEN '10' WHEN g % 100 < 80 THEN '9'
                        WHEN g % 100 < 88 THEN '4' WHEN g % 100 < 92 THEN '2'
                        WHEN g % 100 < 95 THEN '1' WHEN g % 100 < 97 THEN '7'
                        WHEN g % 100 < 98 THEN '8' ELSE '5' END AS status
        ) s
        """
    )
    # The event log: each dossier's steps up to its status, in time order.
    cursor.execute(
        """
        INSERT INTO dossiers_dossierevent (
            at, from_status, to_status, action, note, holding_unit, dossier_id, actor_role)
        SELECT e.at, e.from_status, e.to_status, e.action, '', '', d.id, ''
        FROM dossiers_dossier d
        CROSS JOIN LATERAL (VALUES
            (1, d.submitted_at, '0', '1', 'submit'),
            (2, d.received_at, '1', '2', 'receive'),
            (3, d.received_at + interval '1 hour', '2', '4', 'start_processing'),
            (4, d.received_at + interval '2 days', '4', '5', 'request_supplement'),
            (4, d.closed_at, '4', '7', 'withdraw'),
            (4, d.closed_at, '4', '8', 'stop'),
            (4, d.completed_at, '4', '9', 'complete'),
            (5, d.returned_at, '9', '10', 'return_result')
        ) AS e(step, at, from_status, to_status, action)
        WHERE d.code LIKE 'TT-%' AND e.at IS NOT NULL AND (
            e.step <= 2
            OR (e.step = 3 AND d.status IN ('4', '5', '7', '8', '9', '10'))
            OR (e.step = 4 AND e.to_status = d.status)
            OR (e.step = 4 AND e.to_status = '9' AND d.status = '10')
            OR (e.step = 5 AND d.status = '10'))
        """
    )
    cursor.execute("DROP TABLE bench_procedures")


def online_procedure(code, agency, name, *, components, steps=None, **extra):
    """A procedure filed on this portal at full online level, 3 working days, with `components`
    ([(name, required)]) and, when given, a form of `steps` (eforms raw steps); made once."""
    from services.eforms.models import FormDefinition
    from services.procedures.models import DossierComponent, Procedure, ProcessingTime

    procedure, created = Procedure.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "for_citizens": True,
            "agency": agency,
            "filing_channel": Procedure.FilingChannel.HERE,
            "online_level": "4",
            "online_scope": "full",
            **extra,
        },
    )
    if created:
        ProcessingTime.objects.create(
            procedure=procedure, channel="online", amount=Decimal(3), unit="working_day"
        )
        for position, (component, required) in enumerate(components):
            DossierComponent.objects.create(
                procedure=procedure,
                position=position,
                name=component,
                originals=1,
                is_required=required,
            )
        if steps:
            FormDefinition.objects.create(procedure=procedure, steps=steps)
    return procedure


def bench_procedure():
    """A procedure filed here with a two-step form and two required documents (the submission
    scenario), like most procedures a province puts online at full level."""
    from portal.accounts.models import Agency
    from services.eforms.blocks import raw_step

    procedure = online_procedure(
        BENCH_PROCEDURE_CODE,
        Agency.objects.order_by("pk").first(),
        "Cấp bản sao trích lục hộ tịch (thử tải)",
        components=[("Tờ khai theo mẫu", True), ("Bản sao giấy tờ tùy thân", True)],
        steps=[
            raw_step(
                "Người khai",
                [
                    ("text", "full_name", "Họ và tên", {"max_length": 100}),
                    ("citizen_id", "citizen_id", "Số định danh cá nhân"),
                    ("phone", "phone", "Số điện thoại"),
                ],
            ),
            raw_step(
                "Nội dung đề nghị",
                [("long_text", "content", "Nội dung đề nghị", {"max_length": 500})],
            ),
        ],
    )
    return procedure, list(procedure.components_for())


def officer_for(agency):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group

    from portal.accounts import roles
    from portal.accounts.models import User

    roles.sync_roles()
    user, _created = User.objects.get_or_create(
        username="bench-officer",
        defaults={
            "email": "bench-officer@example.vn",
            "full_name": "Cán bộ một cửa (thử tải)",
            "is_staff": True,
            "agency": agency,
        },
    )
    user.groups.add(Group.objects.get(name=roles.RECEIVING_OFFICER.name))
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def session_cookie(user):
    """A signed-in session for `user`, as the login view would leave it."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def busiest_agency(cursor):
    cursor.execute(
        "SELECT agency_id FROM dossiers_dossier WHERE agency_id IS NOT NULL "
        "GROUP BY agency_id ORDER BY count(*) DESC LIMIT 1"
    )
    row = cursor.fetchone()
    return row[0] if row else None


def seed(*, pages, dossiers, citizens, submitters):
    from django.db import connection, transaction

    from portal.accounts.models import Agency, User

    facts = {}
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM wagtailcore_page WHERE slug LIKE 'tin-bench-%%'")
        if cursor.fetchone()[0] == 0 and pages:
            log(f"{pages} news pages")
            index = seed_pages(cursor, pages)
        else:
            index = None
        log(f"{citizens} citizens")
        citizen_range = seed_citizens(cursor, citizens)
        cursor.execute("SELECT count(*) FROM dossiers_dossier WHERE code LIKE 'TT-%%'")
        if cursor.fetchone()[0] == 0 and dossiers:
            log(f"{dossiers} dossiers with their event logs")
            seed_dossiers(cursor, dossiers, citizen_range)
        agency_id = busiest_agency(cursor)
    if index is not None:
        index_pages(index, pages)
    log(f"analyse ({time.monotonic() - started:.0f} s so far)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM dossiers_dossierevent")
        facts["events"] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        facts["dossiers"] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM wagtailcore_page WHERE live")
        facts["live_pages"] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM search_searchentry")
        facts["search_entries"] = cursor.fetchone()[0]

    procedure, components = bench_procedure()
    facts["procedure_code"] = procedure.code
    facts["component_fields"] = [f"component-{component.pk}" for component in components]
    agency = Agency.objects.get(pk=agency_id) if agency_id else procedure.agency
    officer = officer_for(agency)
    facts["officer_cookie"] = session_cookie(officer)
    citizen = User.objects.filter(username="bench1").get()
    facts["citizen_cookie"] = session_cookie(citizen)
    facts["citizen_dossiers"] = citizen.dossiers.count()
    facts["officer_agency_dossiers"] = agency.dossiers.count()
    # The submission scenario's citizens, each with a session of their own.
    facts["submitter_cookies"] = [
        session_cookie(user)
        for user in User.objects.filter(username__startswith="bench").order_by("pk")[:submitters]
    ]
    facts["seconds"] = round(time.monotonic() - started, 1)
    return facts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--citizens", type=int, default=10_000)
    parser.add_argument("--submitters", type=int, default=200)
    parser.add_argument("--facts", help="write what the scenarios need (JSON) here")
    options = parser.parse_args(argv)

    import django

    django.setup()
    facts = seed(
        pages=options.pages,
        dossiers=options.dossiers,
        citizens=options.citizens,
        submitters=options.submitters,
    )
    text = json.dumps(facts, ensure_ascii=False, indent=1)
    if options.facts:
        with open(options.facts, "w", encoding="utf-8") as out:
            out.write(text)
    summary = {
        key: value for key, value in facts.items() if not key.endswith(("cookie", "cookies"))
    }
    log(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
