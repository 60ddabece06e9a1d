"""Every item a provincial People's Committee portal must publish, declared once as data.

ND 43/2011/NĐ-CP Art. 10 khoản 1 (a–l), Arts. 11, 12 and 13, plus what ND 42/2022/NĐ-CP Art. 4
(and Law 104/2016 Art. 19) adds. `deadline_working_days` is the update deadline of ND 43 Art. 17:

- Art. 17.a: items a, b, c, k and l are kept "cập nhật thường xuyên, chính xác" (regularly and
  accurately) with no number of days: `REGULARLY` (None). Such an item is red only when missing.
  The one exception is the leaders' work schedule (Art. 10.1.c), a weekly schedule: it must be
  renewed every week, so it gets 5 working days.
- Art. 17.b: law and policy dissemination, 15 working days.
- Art. 17.c: legal documents, 2 working days for the issuing agency (10 for the agencies a
  document applies to; the provincial portal publishes the province's own documents: 2).
- Art. 17.d: strategies, plans, projects, investment and bidding (Art. 10 đ and h), 10 working days.
- Art. 17.e: science programmes (Art. 11), 20 working days.
- Art. 17.g: statistics (Art. 12), 10 working days.
- Art. 17.h: foreign-language information (Art. 13), reviewed whenever the original changes: REGULARLY.

A source names a model "app_label.ModelName". Pages count when live and public and are dated by
`last_published_at`; other records are dated by their latest `updated_at`.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

REGULARLY = None
WEEKLY = 5


@dataclass(frozen=True)
class Source:
    model: str
    filters: dict = field(default_factory=dict)
    exclude: dict = field(default_factory=dict)
    # A public page listing the records, linked from the report ("app_label.PageModel").
    page: str = ""


@dataclass(frozen=True)
class Item:
    code: str
    title: str
    legal_ref: str
    deadline_working_days: int | None
    sources: tuple[Source, ...]


def _in_english(model):
    return Source(model, filters={"locale__language_code": "en"})


ITEMS = [
    # Art. 10.1.a — introduction.
    Item(
        "10a-1",
        _("Introduction: administrative apparatus, history, natural conditions, culture"),
        _("ND 43 Art. 10.1.a; ND 42 Art. 4"),
        REGULARLY,
        (Source("organisation.IntroductionPage"), Source("organisation.OrgUnit")),
    ),
    Item(
        "10a-2",
        _("Leaders: short biographies and assigned duties"),
        _("ND 43 Art. 10.1.a"),
        REGULARLY,
        (Source("organisation.Leader", page="organisation.IntroductionPage"),),
    ),
    Item(
        "10a-3",
        _("Administrative-boundary map down to commune level"),
        _("ND 43 Art. 10.1.a"),
        REGULARLY,
        (Source("organisation.AdministrativeArea", page="organisation.IntroductionPage"),),
    ),
    # Art. 10.1.b — news and events.
    Item(
        "10b",
        _("News and events"),
        _("ND 43 Art. 10.1.b"),
        REGULARLY,
        (Source("cms.NewsPage"),),
    ),
    # Art. 10.1.c — direction and operation.
    Item(
        "10c-1",
        _("Directions of the head, once issued in writing"),
        _("ND 43 Art. 10.1.c"),
        REGULARLY,
        (Source("direction.DirectionDocument", page="direction.DirectionIndexPage"),),
    ),
    Item(
        "10c-2",
        _("Replies to petitions and requests"),
        _("ND 43 Art. 10.1.c"),
        REGULARLY,
        (
            Source(
                "direction.PetitionReply",
                filters={"is_published": True},
                page="direction.DirectionIndexPage",
            ),
        ),
    ),
    Item(
        "10c-3",
        _("Rewards and sanctions"),
        _("ND 43 Art. 10.1.c"),
        REGULARLY,
        (Source("direction.RewardSanction", page="direction.DirectionIndexPage"),),
    ),
    Item(
        "10c-4",
        _("Leaders' weekly work schedule"),
        _("ND 43 Art. 10.1.c"),
        WEEKLY,
        (Source("direction.WorkScheduleEntry", page="direction.WorkSchedulePage"),),
    ),
    # Art. 10.1.d — dissemination of the law.
    Item(
        "10d",
        _("Dissemination and guidance of the law, regimes and policies"),
        _("ND 43 Art. 10.1.d; Art. 17.b"),
        15,
        (Source("planning.DisseminationPage"),),
    ),
    # Art. 10.1.đ — strategies, planning, environment.
    Item(
        "10dd-1",
        _("Strategies, master plan and socio-economic development plans"),
        _("ND 43 Art. 10.1.đ; Art. 17.d"),
        10,
        (
            Source(
                "planning.PlanningDocument",
                filters={"kind__in": ["strategy", "master_plan", "annual_plan"]},
                page="planning.PlanningIndexPage",
            ),
        ),
    ),
    Item(
        "10dd-2",
        _("Investment incentives, opportunities and projects seeking capital"),
        _("ND 43 Art. 10.1.đ; Art. 17.d"),
        10,
        (
            Source(
                "planning.PlanningDocument",
                filters={"kind": "investment_opportunity"},
                page="planning.PlanningIndexPage",
            ),
        ),
    ),
    Item(
        "10dd-3",
        _("Construction planning and urban planning"),
        _("ND 43 Art. 10.1.đ; Art. 17.d"),
        10,
        (
            Source(
                "planning.PlanningDocument",
                filters={"kind__in": ["construction_plan", "urban_plan"]},
                page="planning.PlanningIndexPage",
            ),
        ),
    ),
    Item(
        "10dd-4",
        _("Land-use planning and plans"),
        _("ND 43 Art. 10.1.đ; Art. 17.d"),
        10,
        (
            Source(
                "planning.PlanningDocument",
                filters={"kind": "land_use_plan"},
                page="planning.PlanningIndexPage",
            ),
        ),
    ),
    Item(
        "10dd-5",
        _("Natural-resource exploitation plans and activities"),
        _("ND 43 Art. 10.1.đ; Art. 17.d"),
        10,
        (
            Source(
                "planning.PlanningDocument",
                filters={"kind": "natural_resources"},
                page="planning.PlanningIndexPage",
            ),
        ),
    ),
    Item(
        "10dd-6",
        _("Environment: waste treatment planning, pollution sources, polluted and at-risk areas"),
        _("ND 43 Art. 10.1.đ; Art. 17.d"),
        10,
        (
            Source(
                "planning.EnvironmentalRecord",
                filters={"kind": "waste_plan"},
                page="planning.EnvironmentPage",
            ),
            Source(
                "planning.EnvironmentalRecord",
                filters={"kind__in": ["pollution_source", "hazardous_waste"]},
                page="planning.EnvironmentPage",
            ),
            Source(
                "planning.EnvironmentalRecord",
                filters={"kind": "polluted_area"},
                page="planning.EnvironmentPage",
            ),
        ),
    ),
    # Art. 10.1.e — legal documents.
    Item(
        "10e-1",
        _("Legal documents issued by the province"),
        _("ND 43 Art. 10.1.e; Art. 17.c; ND 42 Art. 4"),
        2,
        (Source("cms.LegalDocument", page="cms.LegalDocumentIndexPage"),),
    ),
    Item(
        "10e-2",
        _("Legal document search tool"),
        _("ND 43 Art. 10.1.e"),
        REGULARLY,
        (Source("cms.LegalDocumentIndexPage"),),
    ),
    # Art. 10.1.g — electronic Official Gazette.
    Item(
        "10g",
        _("Electronic Official Gazette"),
        _("ND 43 Art. 10.1.g"),
        REGULARLY,
        (Source("publications.GazetteIssue", page="publications.GazettePage"),),
    ),
    # Art. 10.1.h — projects, investment, bidding and public procurement.
    Item(
        "10h",
        _("Projects, investment items, bidding and public procurement"),
        _("ND 43 Art. 10.1.h; Art. 17.d; Law 104/2016 Art. 19.1.d"),
        10,
        (Source("planning.Project", page="planning.ProjectIndexPage"),),
    ),
    # Art. 10.1.i — consultation.
    Item(
        "10i",
        _("Consultation on draft documents and policies"),
        _("ND 43 Art. 10.1.i"),
        REGULARLY,
        (Source("publications.Consultation", page="publications.ConsultationIndexPage"),),
    ),
    # Art. 10.1.k — officials' contacts.
    Item(
        "10k",
        _("Contacts of competent officials (name, position, unit, phone, official e-mail)"),
        _("ND 43 Art. 10.1.k; ND 42 Art. 4.1.e"),
        REGULARLY,
        (Source("organisation.Contact", page="organisation.ContactDirectoryPage"),),
    ),
    # Art. 10.1.l — the portal's transaction contacts.
    Item(
        "10l",
        _("Portal transaction contacts: address, phone, fax and official e-mail"),
        _("ND 43 Art. 10.1.l"),
        REGULARLY,
        (
            Source("cms.PortalSettings", exclude={"email": ""}),
            Source("organisation.ContactDirectoryPage"),
        ),
    ),
    # Art. 11 — science programmes.
    Item(
        "11",
        _("Publicly funded science programmes and projects"),
        _("ND 43 Art. 11; Art. 17.e; Law 104/2016 Art. 19.1.e"),
        20,
        (Source("publications.ScienceProgramme", page="publications.ScienceProgrammePage"),),
    ),
    # Art. 12 — statistics.
    Item(
        "12",
        _("Statistics with methodology and survey period"),
        _("ND 43 Art. 12; Art. 17.g; Law 104/2016 Art. 19.1.e"),
        10,
        (
            Source(
                "publications.StatisticsRelease",
                filters={"kind": "statistics"},
                page="publications.StatisticsPage",
            ),
        ),
    ),
    # Art. 13 — English.
    Item(
        "13-1",
        _("Introduction in English"),
        _("ND 43 Art. 13; ND 42 Art. 7.2"),
        REGULARLY,
        (_in_english("organisation.IntroductionPage"),),
    ),
    Item(
        "13-2",
        _("Officials' contacts in English"),
        _("ND 43 Art. 13"),
        REGULARLY,
        (_in_english("organisation.ContactDirectoryPage"),),
    ),
    Item(
        "13-3",
        _("Online public services for foreigners, in English"),
        _("ND 43 Art. 13"),
        REGULARLY,
        (Source("procedures.Procedure", filters={"for_foreigners": True}),),
    ),
    # ND 42 Art. 4 and Law 104/2016 Art. 19 add these.
    Item(
        "42-1",
        _("Administrative procedures and online public services"),
        _("ND 42 Art. 4; ND 43 Art. 18"),
        REGULARLY,
        (Source("procedures.Procedure"),),
    ),
    Item(
        "42-2",
        _("Annual financial report"),
        _("ND 42 Art. 4; Law 104/2016 Art. 19.1.e"),
        REGULARLY,
        (
            Source(
                "publications.StatisticsRelease",
                filters={"kind": "annual_financial_report"},
                page="publications.StatisticsPage",
            ),
        ),
    ),
    Item(
        "42-3",
        _("List of information that must be published"),
        _("ND 42 Art. 4; Law 104/2016 Art. 19.1.g"),
        REGULARLY,
        (
            Source(
                "publications.StatisticsRelease",
                filters={"kind": "publication_list"},
                page="publications.StatisticsPage",
            ),
        ),
    ),
]
