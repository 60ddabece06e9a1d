from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from portal.accounts.models import Agency

from .models import Channel, Field, Procedure, Subject

PAGE_SIZE = 20
ONLINE_FILTERS = ("full", "partial", "4", "3", "2")


def catalogue_filters(params):
    """The valid filters among the query parameters; anything odd is ignored, never an error."""
    chosen = {
        "q": params.get("q", "")[:200],
        "audience": params.get("audience", ""),
        "field": params.get("field", ""),
        "agency": params.get("agency", ""),
        "level": params.get("level", ""),
        "subject": params.get("subject", ""),
        "online": params.get("online", ""),
    }
    if chosen["audience"] not in Procedure.Audience.values:
        chosen["audience"] = ""
    if not chosen["field"].isdigit() or len(chosen["field"]) > 10:
        chosen["field"] = ""
    if chosen["level"] not in Procedure.Level.values:
        chosen["level"] = ""
    if chosen["online"] not in ONLINE_FILTERS:
        chosen["online"] = ""
    chosen["agency"] = chosen["agency"][:40]
    chosen["subject"] = chosen["subject"][:20]
    return chosen


def filter_procedures(procedures, chosen):
    procedures = procedures.for_audience(chosen["audience"]).matching(chosen["q"])
    if chosen["field"]:
        procedures = procedures.filter(field_id=int(chosen["field"]))
    if chosen["agency"]:
        procedures = procedures.filter(agency__code=chosen["agency"])
    if chosen["level"]:
        procedures = procedures.at_level(chosen["level"])
    if chosen["subject"]:
        procedures = procedures.filter(subjects__code=chosen["subject"])
    if chosen["online"] in ("full", "partial"):
        procedures = procedures.filter(online_scope=chosen["online"])
    elif chosen["online"]:
        procedures = procedures.filter(online_level=chosen["online"])
    return procedures


def procedure_list(request):
    chosen = catalogue_filters(request.GET)
    procedures = filter_procedures(Procedure.objects.all(), chosen).select_related("field")
    page = Paginator(procedures.most_used(), PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = urlencode({name: value for name, value in chosen.items() if value})
    return render(
        request,
        "procedures/procedure_list.html",
        {
            "page_obj": page,
            "query": chosen["q"],
            "audience": chosen["audience"],
            "chosen": chosen,
            "audiences": Procedure.Audience,
            "levels": Procedure.Level,
            "fields": Field.objects.filter(procedures__isnull=False).distinct(),
            "agencies": Agency.objects.filter(procedures__isnull=False).distinct(),
            "subjects": Subject.objects.filter(procedures__isnull=False).distinct(),
            "online_choices": online_choices(),
            "query_string": query_string,
        },
    )


def online_choices():
    scopes = [(value, label) for value, label in Procedure.OnlineScope.choices]
    levels = [(value, label) for value, label in reversed(Procedure.OnlineLevel.choices)]
    return scopes + levels


def filing_url(procedure):
    """Where the "file online" button leads, once the dossiers app provides the page."""
    try:
        return reverse("dossiers:start", args=[procedure.code])
    except NoReverseMatch:
        return ""


def procedure_detail(request, code):
    procedure = get_object_or_404(
        Procedure.objects.select_related("field", "agency").prefetch_related(
            "subjects",
            "steps",
            "components",
            "results",
            "legal_bases",
            Prefetch("processing_times"),
            Prefetch("fees"),
        ),
        code=code,
    )
    components = list(procedure.components.all())
    cases = {}
    for component in components:
        cases.setdefault(component.case_name, []).append(component)
    channels = []
    for channel, label in Channel.choices:
        times = [time for time in procedure.processing_times.all() if time.channel == channel]
        fees = [fee for fee in procedure.fees.all() if fee.channel == channel]
        if times or fees:
            channels.append({"value": channel, "label": label, "times": times, "fees": fees})
    templates = [c for c in components if c.template_url or c.template_name]
    return render(
        request,
        "procedures/procedure_detail.html",
        {
            "procedure": procedure,
            "cases": list(cases.items()),
            "channels": channels,
            "templates": templates,
            "filing_url": filing_url(procedure) if procedure.accepts_online_filing else "",
        },
    )
