"""The analyst's own PowerPoint template (.pptx or .potx): read safely, its layouts found by their placeholders."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, Literal

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart

from pivotdash.errors import PivotdashError

MAX_BYTES = 5 * 1024 * 1024  # the app's upload limit (server.maxUploadSize); the command line holds to it too
MAX_UNPACKED = 200 * 1024 * 1024  # all members inflated: a real template's pictures, not a zip bomb
MAX_RATIO = 200  # inflated / packed for one large member
MAX_MEMBERS = 5000
SUFFIXES = (".pptx", ".potx")
_MAIN = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "template",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": "slide show",
}
_OTHER_MAIN = {"wordprocessingml": "a Word document", "spreadsheetml": "an Excel workbook"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted Office file, or a .ppt
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

Role = Literal["title", "title_only"]
# A layout's placeholders that hold content: a title-only layout has none of them.
_CONTENT = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
                      PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.MEDIA_CLIP, PP_PLACEHOLDER.ORG_CHART,
                      PP_PLACEHOLDER.BITMAP, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.VERTICAL_BODY,
                      PP_PLACEHOLDER.VERTICAL_OBJECT, PP_PLACEHOLDER.SLIDE_IMAGE})
_TITLES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})
# What each role needs (for the message when it is missing), the name it usually has, pivotdash's own layout.
NEEDS: dict[Role, str] = {"title": "a title slide layout (a title and a subtitle placeholder)",
                          "title_only": "a title-only layout (a title placeholder and no content placeholder)"}
_USUAL_NAME: dict[Role, str] = {"title": "title slide", "title_only": "title only"}
_DEFAULT_INDEX: dict[Role, int] = {"title": 0, "title_only": 5}  # in python-pptx's own default template
DEFAULT_NAME = "pivotdash default"


class TemplateError(PivotdashError):
    """A template file pivotdash cannot use: the message names the file and what is wrong with it."""


@dataclass(frozen=True)
class Template:
    """A checked template: `blob` opens as a presentation (a .potx's main content type already rewritten)."""

    name: str
    blob: bytes
    slide_size: tuple[int, int]  # EMU
    layouts: tuple[tuple[Role, str | None], ...]  # each role's layout name in the template, or None if missing
    minor_font: str | None  # the theme's body font, where it names one

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.blob).hexdigest()

    @property
    def missing(self) -> tuple[Role, ...]:
        return tuple(role for role, name in self.layouts if name is None)

    def notes(self, views: int) -> list[str]:
        """A sentence per missing layout: what is missing, for which slides, and what is used instead."""
        last = views + 2
        slides: dict[Role, str] = {
            "title": "the title slide (slide 1)",
            "title_only": (f"the chart slides ({_span(2, views + 1)}) and " if views else "")
            + f"the sources slide (slide {last})",
        }
        return [f"The template “{self.name}” has no {NEEDS[role][2:]}, needed for {slides[role]}: "
                f"pivotdash's default layout is used for those slides, under the template's master."
                for role in self.missing]

    def describe(self) -> str:
        w, h = self.slide_size
        found = ", ".join(f"“{name}”" for _, name in self.layouts if name)
        return (f"“{self.name}”: slides {w / 914400:.2f} × {h / 914400:.2f} in"
                + (f", layouts used: {found}" if found else "")
                + (f", body font {self.minor_font}" if self.minor_font else ""))


def _span(a: int, b: int) -> str:
    return f"slide {a}" if a == b else f"slides {a}–{b}"


def _display(name: str) -> str:
    """The file's own name, short and on one line, for messages."""
    base = re.split(r"[\\/]", name)[-1] or "template"
    base = re.sub(r"[\x00-\x1f\x7f]", "?", base)
    return base if len(base) <= 80 else base[:77] + "…"


def _bad_member(name: str) -> str | None:
    """Why a member name is refused (a path that could escape a folder if extracted), or None."""
    if "\x00" in name or re.search(r"[\x01-\x1f\x7f]", name):
        return "a control character in its name"
    if "\\" in name:
        return "a backslash in its name"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path"
    if any(part == ".." for part in PurePosixPath(name).parts):
        return "a “..” step out of the package"
    return None


def _check_members(z: zipfile.ZipFile, name: str) -> None:
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise TemplateError(f"{name}: holds {len(infos):,} files; a presentation has far fewer (at most "
                            f"{MAX_MEMBERS:,} allowed)")
    seen: set[str] = set()
    total = 0
    for info in infos:
        shown = info.filename[:80].encode("unicode_escape").decode("ascii")
        if why := _bad_member(info.filename):
            raise TemplateError(f"{name}: refused, the package member “{shown}” has {why}")
        if info.filename.casefold() in seen:
            raise TemplateError(f"{name}: refused, the package member “{shown}” appears twice")
        seen.add(info.filename.casefold())
        if info.flag_bits & 0x1:
            raise TemplateError(f"{name}: is encrypted (password-protected); save it without a password")
        total += info.file_size
        if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise TemplateError(f"{name}: refused, “{shown}” inflates {info.file_size // max(1, info.compress_size):,}"
                                "-fold (a zip bomb, not a template)")
        if info.filename.lower().endswith("vbaproject.bin"):
            raise TemplateError(f"{name}: holds macros (a VBA project); save it as a .pptx or .potx without macros")
    if total > MAX_UNPACKED:
        raise TemplateError(f"{name}: unpacks to {total / 1e6:,.0f} MB; at most {MAX_UNPACKED // 10**6} MB allowed")


def _main_type(z: zipfile.ZipFile, name: str) -> tuple[bytes, str]:
    """The package's [Content_Types].xml and the content type of its main presentation part."""
    try:
        types = z.read("[Content_Types].xml")
        root = etree.fromstring(types, _SAFE_PARSER)
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"{name}: is a zip but not an Office file (no readable [Content_Types].xml: "
                            f"{type(exc).__name__})") from exc
    found = [o.get("ContentType", "") for o in root.iter(f"{_TYPES_NS}Override")]
    for ct in found:
        if ct in _MAIN:
            return types, ct
    if any("macroenabled" in ct.lower() for ct in found):
        raise TemplateError(f"{name}: is macro-enabled (.pptm/.potm); save it as a .pptx or .potx without macros")
    for key, what in _OTHER_MAIN.items():
        if any(key in ct for ct in found):
            raise TemplateError(f"{name}: is {what}, not a PowerPoint presentation or template")
    raise TemplateError(f"{name}: is a zip but not a PowerPoint presentation (no presentation part)")


def _as_presentation(z: zipfile.ZipFile, types: bytes, main: str) -> bytes:
    """The package with its main part typed as a presentation (python-pptx opens nothing else)."""
    fixed = types.replace(main.encode(), CT.PML_PRESENTATION_MAIN.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in z.infolist():
            data = fixed if info.filename == "[Content_Types].xml" else z.read(info)
            # Pictures and media are compressed already: stored, not deflated again.
            packed = zipfile.ZIP_STORED if info.compress_type == zipfile.ZIP_STORED else zipfile.ZIP_DEFLATED
            dst.writestr(info.filename, data, compress_type=packed)
    return out.getvalue()


def read(data: bytes, file_name: str) -> Template:
    """Check an uploaded template and make it ready to build decks on; TemplateError names what is wrong."""
    name = _display(file_name)
    if not name.lower().endswith(SUFFIXES):
        raise TemplateError(f"{name}: is not a .pptx or .potx file (a PowerPoint presentation or template)")
    if len(data) > MAX_BYTES:
        raise TemplateError(f"{name}: is {len(data) / 1024 / 1024:.1f} MB; a template can be up to "
                            f"{MAX_BYTES // 1024 // 1024} MB")
    if data.startswith(_OLE):
        raise TemplateError(f"{name}: is password-protected or an old .ppt/.pot (PowerPoint 97–2003); save it "
                            "without a password as a .pptx or .potx")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise TemplateError(f"{name}: is not a PowerPoint file (not a zip package: {exc})") from exc
    with z:
        _check_members(z, name)
        types, main = _main_type(z, name)
        try:
            blob = data if _MAIN[main] == "presentation" else _as_presentation(z, types, main)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:  # e.g. a member's CRC is wrong
            raise TemplateError(f"{name}: its zip package is damaged ({type(exc).__name__}: {exc})") from exc
    try:
        prs = Presentation(io.BytesIO(blob))
        masters = len(prs.slide_masters)
    except Exception as exc:  # python-pptx raises many kinds on a broken package: each one is this message
        raise TemplateError(f"{name}: could not be read as a presentation ({type(exc).__name__}: "
                            f"{str(exc)[:200]})") from exc
    if not masters:
        raise TemplateError(f"{name}: has no slide master")
    found = find_layouts(prs)
    return Template(name, blob, (int(prs.slide_width or 0), int(prs.slide_height or 0)),
                    tuple((role, None if layout is None else str(layout.name)) for role, layout in found.items()),
                    minor_font(prs))


def _types(layout: Any) -> set[Any]:
    return {ph.placeholder_format.type for ph in layout.placeholders}


def _fits(role: Role, layout: Any) -> bool:
    kinds = _types(layout)
    if role == "title":
        return bool(kinds & _TITLES) and PP_PLACEHOLDER.SUBTITLE in kinds
    return PP_PLACEHOLDER.TITLE in kinds and not kinds & _CONTENT


def find_layouts(prs: Any) -> dict[Role, Any]:
    """Each role's layout, chosen by its placeholders (its usual name first when several fit), or None."""
    out: dict[Role, Any] = {}
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    for role in NEEDS:
        fitting = [lo for lo in layouts if _fits(role, lo)]
        fitting.sort(key=lambda lo: _USUAL_NAME[role] not in str(lo.name).casefold())
        out[role] = fitting[0] if fitting else None
    return out


def minor_font(prs: Any) -> str | None:
    """The typeface the first master's theme names for body text (None when it leaves it to the app)."""
    try:
        theme = prs.slide_masters[0].part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob, _SAFE_PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None
    latin = root.find(f".//{qn('a:fontScheme')}/{qn('a:minorFont')}/{qn('a:latin')}")
    face = "" if latin is None else (latin.get("typeface") or "").strip()
    return face if face and not face.startswith("+") else None


def _drop_slides(prs: Any) -> None:
    """Remove the template's own slides, and the sections and custom shows that name them."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    root = prs.part._element
    for node in root.xpath("./p:custShowLst") + root.xpath("./p:extLst/p:ext[.//*[local-name()='sectionLst']]"):
        node.getparent().remove(node)


def _add_default_layout(prs: Any, role: Role) -> Any:
    """pivotdash's default layout for `role`, added to the template's first master (whose styles it takes)."""
    source = Presentation().slide_layouts[_DEFAULT_INDEX[role]]
    source._element.cSld.set("name", f"{DEFAULT_NAME}: {source.name}")
    master = prs.slide_masters[0]
    package = prs.part.package
    part = SlideLayoutPart.load(package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"),
                                CT.PML_SLIDE_LAYOUT, package, etree.tostring(source._element))
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    # Layout and master ids share one number space, from 2^31 up.
    used = [int(x) for x in prs.part._element.xpath(".//p:sldMasterId/@id")]
    used += [int(x) for m in prs.slide_masters for x in m._element.xpath(".//p:sldLayoutId/@id")]
    entry = master._element.get_or_add_sldLayoutIdLst().makeelement(qn("p:sldLayoutId"), {})
    entry.set("id", str(max([2147483647, *used]) + 1))
    entry.set(qn("r:id"), rid)
    master._element.get_or_add_sldLayoutIdLst().append(entry)
    return part.slide_layout


def open_deck(template: Template) -> tuple[Any, dict[Role, Any]]:
    """A presentation on the template with no slides, and its layout for each role (pivotdash's where missing)."""
    prs = Presentation(io.BytesIO(template.blob))
    _drop_slides(prs)
    layouts = find_layouts(prs)
    for role, layout in layouts.items():
        if layout is None:
            layouts[role] = _add_default_layout(prs, role)
    return prs, layouts
