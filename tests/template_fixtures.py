"""Real PowerPoint templates for the tests and the benchmark, built with python-pptx from its default template.

Each is what an analyst's organisation might hand them: another slide size, its own theme fonts, a brand stripe
on the master, renamed or missing layouts, slides of its own, a large photo in the master, saved as .potx.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Inches

WIDE = (Inches(13.333), Inches(7.5))
STANDARD = (Inches(10), Inches(7.5))  # 4:3
BRAND = RGBColor(0x1F, 0x3A, 0x5F)
_POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def _theme_fonts(prs: Presentation, body: str, heading: str) -> None:
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{qn('a:fontScheme')}")
    scheme.find(f"{qn('a:majorFont')}/{qn('a:latin')}").set("typeface", heading)
    scheme.find(f"{qn('a:minorFont')}/{qn('a:latin')}").set("typeface", body)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _resize(prs: Presentation, size: tuple[int, int]) -> None:
    """The slide size, with the master's and layouts' placeholders moved and stretched to it, as PowerPoint's
    "Slide Size" dialog does (python-pptx's default template is laid out for 4:3)."""
    sx, sy = size[0] / prs.slide_width, size[1] / prs.slide_height
    prs.slide_width, prs.slide_height = size
    for owner in [prs.slide_masters[0], *prs.slide_layouts]:
        for shape in owner.placeholders:
            if shape._element.xpath("./p:spPr/a:xfrm"):
                shape.left, shape.width = int(shape.left * sx), int(shape.width * sx)
                shape.top, shape.height = int(shape.top * sy), int(shape.height * sy)


def _brand_stripe(prs: Presentation) -> None:
    """A coloured bar across the master's top, as corporate templates have (drawn on every slide)."""
    master = prs.slide_masters[0]
    # The master's shape tree has no add_shape: draw on a scratch slide and move the shape.
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = BRAND
    bar.line.fill.background()
    bar._element.nvSpPr.cNvPr.set("id", "901")
    master.shapes._spTree.insert(2, bar._element)
    _delete_slide(prs, 0)


def _delete_slide(prs: Presentation, index: int) -> None:
    sld = prs.slides._sldIdLst[index]
    prs.part.drop_rel(sld.rId)
    prs.slides._sldIdLst.remove(sld)


def _photo(prs: Presentation, megabytes: float) -> None:
    """A large photo-like picture (noise over a gradient, JPEG) behind the master's content: a heavy template."""
    side = int((megabytes * 1e6 / 1.6) ** 0.5)  # about 1.6 bytes a pixel at this quality
    noise = Image.effect_noise((side, side), 90).convert("RGB")
    gradient = Image.linear_gradient("L").resize((side, side)).convert("RGB")
    img = Image.blend(noise, gradient, 0.3)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=97)
    buf.seek(0)
    master = prs.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(buf)
    w = Inches(1.2)
    pic = CT_Picture.new_pic(900, "Brand photo", "", rid, prs.slide_width - w - Inches(0.2),
                             prs.slide_height - w - Inches(0.2), w, w)
    master.shapes._spTree.insert(2, pic)


def build(
    size: tuple[int, int] = WIDE,
    *,
    body_font: str = "Georgia",
    heading_font: str = "Georgia",
    rename: dict[str, str] | None = None,
    drop: Sequence[str] = (),
    own_slides: int = 2,
    photo_mb: float = 0,
) -> bytes:
    """A template as .pptx bytes: `rename` maps layout names to new ones, `drop` removes layouts by name."""
    prs = Presentation()
    _resize(prs, size)
    _theme_fonts(prs, body_font, heading_font)
    _brand_stripe(prs)
    if photo_mb:
        _photo(prs, photo_mb)
    for layout in list(prs.slide_layouts):
        if layout.name in drop:
            prs.slide_layouts.remove(layout)
        elif rename and layout.name in rename:
            layout.name = rename[layout.name]
    for n in range(own_slides):  # the organisation's sample slides, which a deck must not carry
        layout = prs.slide_layouts[0]
        slide = prs.slides.add_slide(layout)
        if slide.shapes.title is not None:
            slide.shapes.title.text = f"Sample slide {n + 1} of the template"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def as_potx(pptx: bytes) -> bytes:
    """The same package saved as a PowerPoint template (.potx): only its main part's content type differs."""
    src = zipfile.ZipFile(io.BytesIO(pptx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(_PPTX.encode(), _POTX.encode())
            dst.writestr(info.filename, data)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    """A zip holding exactly `members` (for malformed and hostile packages)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)  # the name exactly as given (ZipFile.writestr would tidy a str name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def heavy(target: int = 5_000_000, size: tuple[int, int] = WIDE) -> bytes:
    """A template of about `target` bytes (within 3%, never over the upload limit): its weight is one large
    photo in the master, as a brand's template carries."""
    guess = target / 1e6 * 1.5
    for _ in range(4):
        blob = build(size, photo_mb=guess)
        if abs(len(blob) - target) <= 0.03 * target and len(blob) <= 5 * 1024 * 1024:
            return blob
        guess *= target / len(blob)
    return blob
