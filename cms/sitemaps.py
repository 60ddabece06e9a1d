from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """sitemap.xml with every language's pages: Wagtail's own lists only the site root's tree."""

    def items(self):
        site = self.get_wagtail_site()
        under_a_home = Q()
        for home in site.root_page.get_translations(inclusive=True):
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_home)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
