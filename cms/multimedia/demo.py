"""Demo content for this app, loaded by `manage.py load_demo` and the tests' demo site."""

import io
from datetime import date

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from cms.demo import ensure_child, ensure_translation

from .models import GalleryPage, GalleryPhoto, MultimediaIndexPage, VideoPage

# (title, colours top and bottom, alt vi, alt en, caption vi, caption en)
PHOTOS = [
    (
        "Demo: cánh đồng lúa Tân Lập",
        ((120, 170, 220), (70, 140, 60)),
        "Cánh đồng lúa xanh dưới bầu trời trong",
        "Green rice fields under a clear sky",
        "Cánh đồng lúa xã Tân Lập vào vụ hè thu.",
        "Rice fields in Tan Lap commune during the summer–autumn crop.",
    ),
    (
        "Demo: đua thuyền trên sông Tân",
        ((250, 200, 120), (40, 90, 150)),
        "Thuyền đua trên mặt sông lúc hoàng hôn",
        "Racing boats on the river at sunset",
        "Giải đua thuyền truyền thống trên sông Tân.",
        "The traditional boat race on the Tan river.",
    ),
    (
        "Demo: hội chợ sản phẩm OCOP",
        ((230, 230, 230), (160, 40, 40)),
        "Gian hàng hội chợ với các sản phẩm địa phương",
        "Fair stalls showing local products",
        "Gian trưng bày sản phẩm OCOP của các xã.",
        "Stalls of OCOP products from the communes.",
    ),
]

TRANSCRIPT_VI = (
    "<p><strong>Người dẫn:</strong> Xin chào quý vị. Từ tháng này, người dân tỉnh Tân Hòa có thể "
    "nộp hồ sơ đăng ký khai sinh ngay trên điện thoại.</p>"
    "<p><strong>Cán bộ một cửa:</strong> Bước một, đăng nhập bằng tài khoản định danh điện tử. "
    "Bước hai, chọn thủ tục “Đăng ký khai sinh” và điền tờ khai. Bước ba, tải lên ảnh chụp "
    "Giấy chứng sinh rồi bấm “Nộp hồ sơ”. Hệ thống gửi mã hồ sơ qua tin nhắn để theo dõi.</p>"
    "<p><strong>Người dẫn:</strong> Kết quả được trả bản điện tử, có giá trị như bản giấy.</p>"
)
TRANSCRIPT_EN = (
    "<p><strong>Presenter:</strong> Hello. From this month, people in Tan Hoa can register a "
    "birth from their phone.</p>"
    "<p><strong>One-stop officer:</strong> First, sign in with your electronic identity. "
    "Second, choose “Birth registration” and fill in the form. Third, upload a photo of the "
    "birth certificate from the hospital and press “Submit”. A text message gives you the "
    "dossier code to follow it.</p>"
    "<p><strong>Presenter:</strong> The result comes as an electronic document, as valid as "
    "the paper one.</p>"
)
DEMO_VIDEO_URL = "https://www.youtube.com/watch?v=tanhoa2026a"


def demo_image(title, colours):
    """A small gradient PNG made on the spot, stored once."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    from PIL import Image as PillowImage
    from PIL import ImageDraw

    width, height = 480, 360
    picture = PillowImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    (r1, g1, b1), (r2, g2, b2) = colours
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=(round(r1 + (r2 - r1) * t), round(g1 + (g2 - g1) * t), round(b1 + (b2 - b1) * t)),
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    name = title.split(": ", 1)[-1]
    slug = "".join(char if char.isascii() and char.isalnum() else "-" for char in name)
    image = Image(title=title, file=ImageFile(buffer, name=f"demo-{slug.strip('-')}.png"))
    image.save()
    return image


def populate(home, home_en):
    """Create or update this app's demo records and pages (idempotent) under both home pages."""
    library = ensure_child(
        home,
        MultimediaIndexPage,
        "thu-vien-anh-video",
        title="Thư viện ảnh, video",
        show_in_menus=False,
        summary="Ảnh và video về hoạt động của tỉnh, kèm chú thích và lời thoại bằng văn bản.",
    )
    library_en = ensure_translation(
        library,
        home_en,
        "photos-and-videos",
        title="Photos and videos",
        show_in_menus=False,
        summary="Photos and videos of the province's activities, with captions and transcripts.",
    )
    gallery = library.get_children().filter(slug="le-hoi-van-hoa-du-lich-2026").first()
    if gallery is None or gallery.specific.get_translation_or_none(home_en.locale) is None:
        images = [demo_image(title, colours) for title, colours, *_ in PHOTOS]
        gallery = ensure_child(
            library,
            GalleryPage,
            "le-hoi-van-hoa-du-lich-2026",
            title="Lễ hội Văn hóa – Du lịch Tân Hòa 2026",
            summary="Những hình ảnh nổi bật của lễ hội.",
            taken_on=date(2026, 11, 12),
            photos=[
                GalleryPhoto(image=image, alt_text=alt, caption=caption, sort_order=index)
                for index, (image, (_t, _c, alt, _alt_en, caption, _cap_en)) in enumerate(
                    zip(images, PHOTOS, strict=True)
                )
            ],
        )
        ensure_translation(
            gallery,
            library_en,
            "culture-and-tourism-festival-2026",
            title="Tan Hoa Culture and Tourism Festival 2026",
            summary="Highlights of the festival.",
            taken_on=date(2026, 11, 12),
            photos=[
                GalleryPhoto(image=image, alt_text=alt_en, caption=caption_en, sort_order=index)
                for index, (image, (_t, _c, _alt, alt_en, _cap, caption_en)) in enumerate(
                    zip(images, PHOTOS, strict=True)
                )
            ],
        )
    video = ensure_child(
        library,
        VideoPage,
        "huong-dan-dang-ky-khai-sinh-truc-tuyen",
        title="Hướng dẫn đăng ký khai sinh trực tuyến",
        summary="Ba bước nộp hồ sơ đăng ký khai sinh trên điện thoại.",
        embed_url=DEMO_VIDEO_URL,
        show_player=False,
        recorded_on=date(2026, 10, 20),
        caption="Video do Sở Tư pháp tỉnh Tân Hòa thực hiện.",
        transcript=RichText(TRANSCRIPT_VI),
    )
    ensure_translation(
        video,
        library_en,
        "online-birth-registration-guide",
        title="How to register a birth online",
        summary="Three steps to file a birth registration from a phone.",
        embed_url=DEMO_VIDEO_URL,
        show_player=False,
        recorded_on=date(2026, 10, 20),
        caption="Video by the Tan Hoa Department of Justice.",
        transcript=RichText(TRANSCRIPT_EN),
    )
    return library
