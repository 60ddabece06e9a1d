"""The public search page, the suggestions of the search boxes and the click counter of results."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from . import engine, querylog
from .database import ONLINE_LEVEL_LABELS
from .forms import FILTERS, KIND_LABELS, MAX_QUERY_LENGTH, SearchForm, kind_label
from .models import QueryLog

SUGGESTION_LIMIT = 8


def current_locale():
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.to_query(locale=current_locale())
    results = log = None
    if query.text:
        results = engine.search(query)
        last_page = max(1, -(-results.total // query.per_page))
        if query.page > last_page:
            results = engine.search(replace(query, page=last_page))
        log = remembered_log(request.GET.get("log"), query) or querylog.log_search(results)
    total = results.total if results else 0
    page_obj = Paginator(range(total), query.per_page).get_page(query.page)
    params = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in FILTERS or name == "q"
        if value not in (None, "")
    }
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": query.text,
            "results": results,
            "hits": hit_rows(results, log, page_obj.start_index()) if results else [],
            "page_obj": page_obj,
            "pagination_query": urlencode_params({**params, "log": log.pk if log else ""}),
            "facets": facet_selects(results, params) if results else [],
            "active_filters": remove_filter_links(results, params) if results else [],
            "ignored_filters": form.ignored_filters,
            "help_links": no_results_links() if results and not results.total else [],
            "max_length": MAX_QUERY_LENGTH,
        },
    )


def remembered_log(log_id, query):
    """The log row of this query's first page, when a later page carries it (so the pages of one
    search count once); None for anything else."""
    if query.page == 1 or not str(log_id or "").isdigit():
        return None
    return QueryLog.objects.filter(pk=int(log_id), text=query.text.lower().strip()).first()


def urlencode_params(params):
    return urlencode({name: value for name, value in params.items() if value not in (None, "")})


@require_GET
def suggestions(request):
    """Up to eight titles starting like the words typed, as JSON for the search boxes; `type`
    keeps one kind only."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    hits = []
    if text:
        # The procedure finder asks for procedures only: take more, keep those of that kind.
        limit = SUGGESTION_LIMIT * 3 if kind in KIND_LABELS else SUGGESTION_LIMIT
        hits = engine.suggest(text, locale=current_locale(), limit=limit)
        if kind in KIND_LABELS:
            hits = [hit for hit in hits if hit.kind == kind][:SUGGESTION_LIMIT]
    return JsonResponse(
        {
            "suggestions": [
                {
                    "title": hit.title,
                    "url": hit.url,
                    "kind": hit.kind,
                    "kind_label": str(kind_label(hit.kind)),
                    "code": hit.code,
                }
                for hit in hits
            ]
        }
    )


@require_GET
def chosen(request):
    """Count which result was chosen, then go to it. The address is the indexed item's own, looked
    up again from its key: never one taken from the request."""
    url = querylog.hit_url(request.GET.get("key", "")[:100])
    hosts = {request.get_host(), *Site.objects.values_list("hostname", flat=True)}
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts=hosts):
        return redirect(reverse("search"))
    log_id, position = request.GET.get("log", ""), request.GET.get("position", "")
    if log_id.isdigit() and position.isdigit():
        querylog.log_click(int(log_id), int(position))
    return HttpResponseRedirect(url)


# --- What the results page shows, prepared for the template ----------------------------------------

# The facets of Results.facets: their GET name, heading and "no filter" choice.
FACETS = {
    "kind": ("type", _("Type"), _("All types")),
    "field": ("field", _("Field"), _("All fields")),
    "agency": ("agency", _("Agency"), _("All agencies")),
    "year": ("year", _("Year"), _("All years")),
    "online_level": ("online", _("Online service"), _("Any")),
}


def chosen_label(name, value):
    """The label of a chosen filter value the engine's facets did not list (it counts nothing)."""
    if name == "kind":
        return KIND_LABELS.get(value, value)
    if name == "online_level" and value.isdigit():
        return ONLINE_LEVEL_LABELS.get(int(value), value)
    return value


def facet_selects(results, params):
    """One <select> per facet with a value: every value with its count, the chosen one selected
    (kept even when it counts nothing, so the visitor sees what filters the results)."""
    selects = []
    for name, (param, heading, everything) in FACETS.items():
        chosen = str(params.get(param, ""))
        options = [
            {
                "value": value.value,
                "label": value.label,
                "count": value.count,
                "selected": value.value == chosen,
            }
            for value in results.facets.get(name, [])
        ]
        if chosen and not any(option["selected"] for option in options):
            label = chosen_label(name, chosen)
            options.insert(0, {"value": chosen, "label": label, "count": 0, "selected": True})
        if options:
            selects.append(
                {"name": param, "label": heading, "everything": everything, "options": options}
            )
    return selects


def remove_filter_links(results, params):
    """ "Remove this filter" links for the filters in use, each keeping the query and the others."""
    labels = {
        select["name"]: (select["label"], option["label"])
        for select in facet_selects(results, params)
        for option in select["options"]
        if option["selected"]
    }
    return [
        {
            "label": f"{heading}: {value}",
            "url": "?" + urlencode({key: v for key, v in params.items() if key != param}),
        }
        for param, (heading, value) in labels.items()
    ]


def hit_rows(results, log, first_position):
    """The hits with their kind label and the address that counts the click on the way."""
    click_url = reverse("search-chosen")
    rows = []
    for position, hit in enumerate(results.hits, start=first_position):
        link = f"{click_url}?{urlencode({'key': hit.key, 'log': log.pk, 'position': position})}"
        rows.append({"hit": hit, "kind_label": kind_label(hit.kind), "url": link})
    return rows


def no_results_links():
    """Where to look instead: the procedure finder and the legal documents of the visitor's language."""
    from cms.models import LegalDocumentIndexPage

    links = [{"label": _("Find an administrative procedure"), "url": reverse("procedures:list")}]
    documents = (
        LegalDocumentIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
    )
    if documents:
        links.append({"label": _("Browse legal documents"), "url": documents.url})
    return links
