"""Video embeds from an allow-list of hosts; the player address and the CSP frame-src they need.

The allow-list is the `MULTIMEDIA_EMBED_HOSTS` setting (host names, matched exactly), with the
default below. A page links to any allow-listed video; only when the editor chooses to show the
player does the page load the other site in an iframe, and then its CSP lets that one origin in.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

DEFAULT_EMBED_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "vimeo.com")
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def allowed_hosts():
    return tuple(getattr(settings, "MULTIMEDIA_EMBED_HOSTS", DEFAULT_EMBED_HOSTS))


def host_of(url):
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https"):
        return ""
    return (parts.hostname or "").lower()


def is_allowed(url):
    host = host_of(url)
    return bool(host) and host in allowed_hosts()


def player_url(url):
    """The address to put in an iframe for a video page URL, or "" when it is not allowed."""
    if not is_allowed(url):
        return ""
    parts = urlsplit(url)
    host = parts.hostname.lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host == "youtu.be" or host.endswith("youtube.com"):
        video = segments[0] if host == "youtu.be" and segments else ""
        video = video or parse_qs(parts.query).get("v", [""])[0]
        if not video and len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video = segments[1]
        return f"https://www.youtube-nocookie.com/embed/{video}" if VIDEO_ID.match(video) else ""
    if host == "vimeo.com" and segments and segments[-1].isdigit():
        return f"https://player.vimeo.com/video/{segments[-1]}"
    return f"https://{host}{parts.path}" if parts.scheme == "https" else ""


def frame_origin(url):
    player = player_url(url)
    if not player:
        return ""
    parts = urlsplit(player)
    return f"{parts.scheme}://{parts.netloc}"
