from django.core.paginator import Paginator
from django.shortcuts import render

from .models import Procedure


def procedure_list(request):
    query = request.GET.get("q", "")[:200]
    audience = request.GET.get("audience", "")
    if audience not in Procedure.Audience.values:
        audience = ""
    procedures = Procedure.objects.for_audience(audience).matching(query).most_used()
    page = Paginator(procedures, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "procedures/procedure_list.html",
        {"page_obj": page, "query": query, "audience": audience, "audiences": Procedure.Audience},
    )
