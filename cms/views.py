from django.shortcuts import render

from .navigation import home_page_for


def sitemap(request):
    """The HTML sitemap (TT 32/2017 Art. 16.4b): every public page of this language, as a tree."""
    home = home_page_for(request)
    pages = []
    if home:
        pages = list(
            home.get_descendants(inclusive=True).live().public().order_by("path").specific()
        )
    base_depth = pages[0].depth if pages else 0
    entries = [(page, page.depth - base_depth) for page in pages]
    return render(request, "cms/sitemap.html", {"entries": entries})
