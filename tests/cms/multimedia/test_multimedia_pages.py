import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from cms.multimedia import embeds
from cms.multimedia.models import GalleryPage, MultimediaIndexPage, VideoPage


@pytest.mark.parametrize(
    ("url", "allowed", "player"),
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345",
            True,
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        (
            "https://youtu.be/abcDEF12345",
            True,
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        (
            "https://youtube.com/embed/abcDEF12345",
            True,
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://vimeo.com/76979871", True, "https://player.vimeo.com/video/76979871"),
        ("https://www.youtube.com/watch?v=<script>", True, ""),
        ("https://evil.example/watch?v=abcDEF12345", False, ""),
        ("https://www.youtube.com.evil.example/watch?v=abcDEF12345", False, ""),
        ("javascript:alert(1)//youtube.com", False, ""),
        ("ftp://youtube.com/x", False, ""),
        ("not a url", False, ""),
    ],
)
def test_the_embed_allow_list(url, allowed, player):
    assert embeds.is_allowed(url) is allowed
    assert embeds.player_url(url) == player


def test_the_allow_list_is_a_setting(settings):
    settings.MULTIMEDIA_EMBED_HOSTS = ["video.tanhoa.gov.vn"]
    assert embeds.is_allowed("https://video.tanhoa.gov.vn/v/12")
    assert not embeds.is_allowed("https://www.youtube.com/watch?v=abcDEF12345")
    assert (
        embeds.player_url("https://video.tanhoa.gov.vn/v/12") == "https://video.tanhoa.gov.vn/v/12"
    )


def video(**fields):
    values = {"title": "Video", "slug": "video", "transcript": RichText("<p>Lời thoại.</p>")}
    values.update(fields)
    return VideoPage(**values)


def test_a_video_from_a_site_off_the_list_is_refused_with_a_message(db):
    with pytest.raises(ValidationError) as error:
        video(embed_url="https://evil.example/v/1").clean()
    assert "embed_url" in error.value.message_dict
    assert "youtube.com" in error.value.message_dict["embed_url"][0]


def test_a_video_needs_a_file_or_an_address_and_a_transcript(db):
    with pytest.raises(ValidationError) as error:
        video(transcript=RichText("<p></p>")).clean()
    assert {"video_file", "transcript"} <= set(error.value.message_dict)
    video(embed_url="https://youtu.be/abcDEF12345").clean()


def test_the_demo_video_links_to_the_site_without_loading_it(client, library):
    page = VideoPage.objects.get(locale__language_code="vi")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=tanhoa2026a"' in html
    assert "Lời thoại" in html or "Người dẫn" in html
    assert "frame-src" not in response["Content-Security-Policy"]


def test_a_chosen_player_is_embedded_and_let_through_the_csp(client, library):
    page = VideoPage.objects.get(locale__language_code="vi")
    page.show_player = True
    page.save_revision().publish()
    response = client.get(page.url)
    html = response.content.decode()
    assert '<iframe src="https://www.youtube-nocookie.com/embed/tanhoa2026a"' in html
    assert 'title="Hướng dẫn đăng ký khai sinh trực tuyến"' in html
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-inline'" not in policy


def test_an_uploaded_video_plays_with_captions(client, library):
    from django.core.files.base import ContentFile

    page = VideoPage.objects.get(locale__language_code="vi")
    page.embed_url = ""
    page.video_file.save("huong-dan.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
    page.captions_file.save("huong-dan.vtt", ContentFile(b"WEBVTT\n"), save=False)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<video" in html and "controls" in html
    assert '<track kind="captions"' in html and 'srclang="vi"' in html
    assert "Lời thoại" in html or "Người dẫn" in html


def test_the_gallery_shows_each_photo_with_alt_text_and_a_full_size_link(client, library):
    gallery = GalleryPage.objects.get(locale__language_code="vi")
    html = client.get(gallery.url).content.decode()
    assert html.count('class="gallery-photo"') == 3
    assert 'alt="Cánh đồng lúa xanh dưới bầu trời trong"' in html
    assert "Giải đua thuyền truyền thống trên sông Tân." in html
    for photo in gallery.photos.all():
        assert f'href="{photo.image.file.url}"' in html
    english = GalleryPage.objects.get(locale__language_code="en")
    assert 'alt="Green rice fields under a clear sky"' in client.get(english.url).content.decode()


def test_the_library_lists_galleries_and_videos_in_both_languages(client, library):
    for page in MultimediaIndexPage.objects.all():
        html = client.get(page.url).content.decode()
        assert html.count('class="card"') == 2


def test_the_demo_is_idempotent(library):
    from wagtail.images import get_image_model

    from cms.models import HomePage
    from cms.multimedia.demo import populate

    counts = (
        GalleryPage.objects.count(),
        VideoPage.objects.count(),
        get_image_model().objects.count(),
    )
    populate(*HomePage.objects.order_by("locale__language_code").reverse())
    assert (
        GalleryPage.objects.count(),
        VideoPage.objects.count(),
        get_image_model().objects.count(),
    ) == counts
    assert counts == (2, 2, 3)


def test_the_admin_refuses_a_video_from_a_site_off_the_list(client, library):
    from tests.portal.accounts.factories import UserFactory, enable_totp

    user = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(user)
    client.force_login(user)
    url = f"/quan-tri/pages/add/multimedia/videopage/{library.pk}/"
    assert client.get(url).status_code == 200
    transcript = (
        '{"blocks":[{"key":"a","text":"Lời thoại.","type":"unstyled","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
    )
    response = client.post(
        url,
        {
            "title": "Video lạ",
            "slug": "video-la",
            "summary": "",
            "embed_url": "https://evil.example/v/1",
            "transcript": transcript,
            "caption": "",
        },
    )
    assert response.status_code == 200
    assert "youtube.com" in response.content.decode()
    assert not VideoPage.objects.filter(slug="video-la").exists()
