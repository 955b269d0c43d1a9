"""The phone image of a ranked chart made from the wide chart's SVG without drawing it again:
ranked small multiples (phone_svg) as the wide chart's panels stacked one a row, each with the
model names of the row's first panel; a one-benchmark ranked chart (squeezed_svg) as the wide
one with its value axis shortened; both under the title and subtitle wrapped for the phone's column.

vl-convert's time follows the text it measures and draws, and the phone drawing of a ranked
chart of several benchmarks is the same panels with the same text (docs/charts.md, "Cost"): a
second drawing costs as much as the first. The wide layout sizes its panels so that a panel and
the names fit a phone's column (chart/shapes.py), so every panel of the wide SVG can be moved
as it is. Returns None when the SVG is not such a chart, or a panel would not fit: the caller
then draws the phone layout with vl-convert.
"""

from __future__ import annotations

import copy
import itertools
import re
import xml.etree.ElementTree as ET

from benchboard.chart.measure import width_at_most
from benchboard.views import chartspec as cs

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_G = f"{{{SVG_NS}}}g"
_TEXT = f"{{{SVG_NS}}}text"
_PANEL = re.compile(r"\brole-scope (concat_\d+_)+group\b")
_TRANSLATE = re.compile(r"translate\(([-\d.e]+),([-\d.e]+)\)")
_SIZE = re.compile(r"^M0,0h([\d.]+)v([\d.]+)h")
AXIS_BELOW_PX = 36  # a value axis under a panel: tick labels (11 px) and the axis title (12 px)
PANEL_GAP_PX = 16  # between two stacked panels
PAD = 5  # the spec's padding left, right and bottom (chart/shapes.py)
TOP = 8  # and top
TITLE_LINE = (12, 17)  # the chart title: first baseline, line pitch (15 px bold)
SUBTITLE_LINE = (15, 13)  # the subtitle: first baseline after the title's last, line pitch (11 px)
SUBTITLE_GAP = 15  # from the subtitle's last baseline to the first panel's title


def _register() -> None:
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)


def _translate(element: ET.Element) -> tuple[float, float]:
    match = _TRANSLATE.search(element.get("transform", ""))
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _classes(element: ET.Element) -> str:
    return element.get("class", "")


def _panels(root: ET.Element) -> list[ET.Element]:
    """The leaf views of the concatenation (one a benchmark), in document order: rows, then columns."""
    scopes = [g for g in root.iter(_G) if _PANEL.search(_classes(g))]
    return [g for g in scopes if not any(_PANEL.search(_classes(d)) for d in g.iter(_G) if d is not g)]


def _content(panel: ET.Element) -> tuple[ET.Element, ET.Element]:
    """A panel's positioned group (``<g transform>``) and the group holding its axes, marks and title."""
    positioned = panel.find(_G)
    inner = positioned.find(_G) if positioned is not None else None
    if positioned is None or inner is None:
        raise ValueError("unexpected panel structure")
    return positioned, inner


def _names_axis(inner: ET.Element, first_name: str) -> ET.Element | None:
    """The axis group whose labels start with the first model's name (cut with "…" if long)."""
    for axis in inner.findall(_G):
        if "role-axis" not in _classes(axis) or "role-axis-" in _classes(axis):
            continue
        labels = [t.text or "" for g in axis.iter(_G) if "role-axis-label" in _classes(g) for t in g.iter(_TEXT)]
        if labels and (labels[0] == first_name or (labels[0].endswith("…") and first_name.startswith(labels[0][:-1]))):
            return axis
    return None


def _value_axis(inner: ET.Element) -> ET.Element | None:
    """The group holding a panel's value axis's parts (its ticks; the names axis has none)."""
    for group in inner.iter(_G):
        if any("role-axis-tick" in _classes(child) for child in group.findall(_G)):
            return group
    return None


def _title_group(inner: ET.Element) -> ET.Element | None:
    for group in inner.findall(_G):
        if "role-title" in _classes(group).split():
            return group
    return None


def _strip_aria(element: ET.Element) -> None:
    """An image exposes nothing inside it: no descriptions, roles or tooltips (post_process_svg
    turns a path's aria-label into a tooltip)."""
    for node in element.iter():
        for name in ("aria-label", "role", "aria-roledescription"):
            node.attrib.pop(name, None)


def _lines_px(heading: dict) -> float:
    """The widest line of a wrapped title and subtitle (cs.title), in px: the font's advances
    (chart/measure.py), or the wrapping's own estimate where larger or unmeasurable."""
    found = 0.0
    for lines, size, bold in ((heading["text"], heading["fontSize"], True), (heading.get("subtitle", []), heading["subtitleFontSize"], False)):
        for line in lines:
            estimate = len(line) * cs.CHAR_PX * size / 12
            found = max(found, estimate, width_at_most(line, size, bold) or estimate)
    return found


def _lines(template: ET.Element, lines: list[str], x: float, first: float, pitch: float) -> list[ET.Element]:
    texts = []
    for i, line in enumerate(lines):
        text = ET.Element(_TEXT, {k: v for k, v in template.attrib.items() if k != "transform"})
        text.set("transform", f"translate({x:g},{first + i * pitch:g})")
        text.text = line
        texts.append(text)
    return texts


def phone_svg(wide: str, first_name: str, title: str, subtitle: str | None, budget: int = cs.NARROW_PX) -> str | None:
    """See _restacked; None (the caller draws the phone spec) on any SVG it does not expect."""
    try:
        return _restacked(wide, first_name, title, subtitle, budget)
    except (ValueError, AttributeError, TypeError, IndexError):
        return None


def squeezed_svg(wide: str, title: str, subtitle: str | None, budget: int = cs.NARROW_PX) -> str | None:
    """See _squeezed; None (the caller draws the phone spec) on any SVG it does not expect."""
    try:
        return _squeezed(wide, title, subtitle, budget)
    except (ValueError, AttributeError, TypeError, IndexError):
        return None


def _restacked(wide: str, first_name: str, title: str, subtitle: str | None, budget: int) -> str | None:
    """The phone image (an SVG document) of the ranked small multiples drawn in ``wide`` (vl-convert's
    SVG, before post-processing), or None. ``first_name`` is the first model of the panels'
    order (it finds the names axis), ``title`` and ``subtitle`` the chart's, wrapped here for
    ``budget`` px."""
    _register()
    try:
        root = ET.fromstring(wide)
    except ET.ParseError:
        return None
    frame = next((g for g in root.findall(_G) if g.get("transform")), None)
    panels = _panels(root)
    if frame is None or len(panels) < 2:
        return None
    try:
        contents = [_content(p) for p in panels]
    except ValueError:
        return None
    names = next((a for _, inner in contents if (a := _names_axis(inner, first_name)) is not None), None)
    first_title = _title_group(contents[0][1])
    if names is None or first_title is None:
        return None
    axis_title = next((g for g in contents[0][1].iter(_G) if "role-axis-title" in _classes(g)), None)
    origin_x = _translate(frame)[0]  # the padding and the names' extent, left of every panel
    name_left = _translate(first_title.find(_G))[0]  # a panel's title starts above the names
    sizes = []
    for positioned, _ in contents:
        background = positioned.find(f"{{{SVG_NS}}}path")
        match = _SIZE.match(background.get("d", "")) if background is not None else None
        if match is None:
            return None
        sizes.append((float(match.group(1)), float(match.group(2))))
    width = origin_x + max(w for w, _ in sizes) + PAD
    if width > budget:
        return None
    # the chart's title and subtitle, wrapped for the column (as the phone spec wraps them); the
    # image is as wide as its widest line, so no line runs past its edge (a cut subtitle once
    # read "so / has a whisker" for "so no bar has a whisker")
    heading = cs.title(title, subtitle, budget - 2 * PAD)
    width = min(budget, max(width, _lines_px(heading) + 2 * PAD))
    title_text = next((t for g in root.iter(_G) if "role-title-text" in _classes(g) for t in g.iter(_TEXT)), None)
    subtitle_text = next((t for g in root.iter(_G) if "role-title-subtitle" in _classes(g) for t in g.iter(_TEXT)), None)
    if title_text is None or (heading.get("subtitle") and subtitle_text is None):
        return None
    top_lines = _lines(title_text, heading["text"], PAD, TOP + TITLE_LINE[0], TITLE_LINE[1])
    y = TOP + TITLE_LINE[0] + (len(heading["text"]) - 1) * TITLE_LINE[1]
    if heading.get("subtitle"):
        first = y + SUBTITLE_LINE[0]
        top_lines += _lines(subtitle_text, heading["subtitle"], PAD, first, SUBTITLE_LINE[1])
        y = first + (len(heading["subtitle"]) - 1) * SUBTITLE_LINE[1]
    y += SUBTITLE_GAP
    stacked = ET.Element(_G, {"fill": "none", "stroke-miterlimit": "10", "transform": f"translate({origin_x:g},0)"})
    for panel, (positioned, inner), (_, height) in zip(panels, contents, sizes):
        panel = copy.deepcopy(panel)
        positioned, inner = _content(panel)
        heading_group = _title_group(inner)
        heading_top = _translate(heading_group.find(_G))[1] if heading_group is not None else 0.0
        y -= heading_top  # the panel's title sits above its plot
        positioned.set("transform", f"translate(0,{y:g})")
        if _names_axis(inner, first_name) is None:
            inner.insert(0, copy.deepcopy(names))
        if axis_title is not None and not any("role-axis-title" in _classes(g) for g in inner.iter(_G)):
            value_axis = _value_axis(inner)  # the wide chart titles a shared value axis once a row
            if value_axis is not None:
                value_axis.append(copy.deepcopy(axis_title))
        if heading_group is not None:
            heading_group.find(_G).set("transform", f"translate({name_left:g},{heading_top:g})")
        stacked.append(panel)
        y += height + AXIS_BELOW_PX + PANEL_GAP_PX
    height = round(y - PANEL_GAP_PX + PAD)
    width = round(width)
    svg = ET.Element(f"{{{SVG_NS}}}svg", {"version": "1.1", "class": "marks", "width": str(width), "height": str(height),
                                          "viewBox": f"0 0 {width} {height}"})
    ET.SubElement(svg, f"{{{SVG_NS}}}rect", {"width": str(width), "height": str(height), "fill": "white"})
    heading_group = ET.SubElement(svg, _G)
    heading_group.extend(top_lines)
    svg.append(stacked)
    _strip_aria(svg)
    return ET.tostring(svg, encoding="unicode")


_BAR = re.compile(r"^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h([-\d.e]+)Z$")
_VIEW = re.compile(r"^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h([-\d.e]+)Z$")
VALUE_DX = 4  # a ranked value label's offset right of its bar or whisker (views/chartspec.ranked_layers)
MIN_PHONE_BAR_PX = 100


def _scale_translate(element: ET.Element, scale: float, keep: float = 0.0) -> None:
    x, y = _translate(element)
    element.set("transform", f"translate({(x - keep) * scale + keep:g},{y:g})")


def _squeezed(wide: str, title: str, subtitle: str | None, budget: int) -> str | None:
    """The phone image of a one-benchmark ranked chart (one panel: names, bars, whiskers, value
    labels) from ``wide`` (vl-convert's SVG, before post-processing), or None: the same drawing
    with its value axis shortened to what the column leaves beside the names and the value
    labels (bars, whiskers, gridlines and ticks scaled; the tick labels thinned to round values
    apart, both ends kept; the text itself unchanged), under the title and subtitle wrapped
    for ``budget`` px."""
    _register()
    try:
        root = ET.fromstring(wide)
    except ET.ParseError:
        return None
    frame = next((g for g in root.findall(_G) if g.get("transform")), None)
    panels = _panels(root)
    if frame is None or len(panels) != 1:
        return None
    try:
        positioned, inner = _content(panels[0])
    except ValueError:
        return None
    background = positioned.find(f"{{{SVG_NS}}}path")
    view = _VIEW.match(background.get("d", "")) if background is not None else None
    width, height = (float(root.get("width", "0")), float(root.get("height", "0")))
    if view is None or not width:
        return None
    origin_x, origin_y = _translate(frame)
    wide_bar = float(view.group(3))
    # right of the bars' range: the value labels beyond the wide chart's, or the longest label
    # beside a bar reaching the end (the labels keep their size while the bars shorten)
    labels = [t.text or "" for g in inner.iter(_G) if "layer_2_marks" in _classes(g) for t in g]
    room = max([width - origin_x - wide_bar - PAD] + [cs.text_px(t, 11) + VALUE_DX + 4 for t in labels])
    phone_bar = budget - origin_x - room - PAD
    if phone_bar < MIN_PHONE_BAR_PX or phone_bar >= wide_bar:
        return None
    scale = phone_bar / wide_bar
    x0, y0, _, v, _ = (float(g) for g in view.groups())
    background.set("d", f"M{x0:g},{y0:g}h{phone_bar:g}v{v:g}h{-phone_bar:g}Z")
    value_axis = _value_axis(inner)
    if value_axis is None:
        return None
    for group in inner.iter(_G):
        classes = _classes(group)
        if "role-axis-grid" in classes or "role-axis-tick" in classes or "layer_1_marks" in classes:
            for line in group:  # gridlines, ticks, whiskers: <line transform="translate(x,y)" x2=...>
                _scale_translate(line, scale)
                if line.get("x2") not in (None, "0"):
                    line.set("x2", f"{float(line.get('x2')) * scale:g}")
        elif "role-axis-domain" in classes:
            for line in group:
                line.set("x2", f"{float(line.get('x2', '0')) * scale:g}")
        elif "role-axis-title" in classes and group in list(value_axis):
            for text in group:
                _scale_translate(text, scale)
        elif "layer_0_marks" in classes:
            for bar in group:
                match = _BAR.match(bar.get("d", ""))
                if match is None:
                    return None
                x, y, w, h, back = (float(g) for g in match.groups())
                bar.set("d", f"M{x * scale:g},{y:g}h{w * scale:g}v{h:g}h{back * scale:g}Z")
        elif "layer_2_marks" in classes:
            for text in group:
                _scale_translate(text, scale, VALUE_DX)
    if not _thin_labels(value_axis, scale, phone_bar):
        return None
    # the chart's title and subtitle (outside the panel), wrapped for the column
    heading = next((g for g in frame.iter(_G) if "role-title" in _classes(g).split() and g not in set(panels[0].iter(_G))), None)
    if heading is None or heading.find(_G) is None:
        return None
    texts = [g for g in heading.iter(_G) if "role-title-text" in _classes(g)]
    subtitles = [g for g in heading.iter(_G) if "role-title-subtitle" in _classes(g)]
    if not texts or (subtitle and not subtitles):
        return None
    lines = cs.title(title, subtitle, budget - 2 * PAD)
    old = sum(len(t.findall(f"{{{SVG_NS}}}tspan")) or 1 for g in texts for t in g.iter(_TEXT))
    old_sub = sum(len(t.findall(f"{{{SVG_NS}}}tspan")) or 1 for g in subtitles for t in g.iter(_TEXT))
    shift = (len(lines["text"]) - old) * TITLE_LINE[1] + (len(lines.get("subtitle", [])) - old_sub) * SUBTITLE_LINE[1]
    for group, words, first, pitch in [(texts[0], lines["text"], TITLE_LINE[0], TITLE_LINE[1])] + (
            [(subtitles[0], lines["subtitle"], TITLE_LINE[0] + (len(lines["text"]) - 1) * TITLE_LINE[1] + SUBTITLE_LINE[0],
              SUBTITLE_LINE[1])] if subtitle else []):
        template = next(group.iter(_TEXT))
        for child in list(group):
            group.remove(child)
        group.extend(_lines(template, words, 0, first, pitch))
    place = heading.find(_G)
    hx, hy = _translate(place)
    place.set("transform", f"translate({hx:g},{hy - shift:g})")
    frame.set("transform", f"translate({origin_x:g},{origin_y + shift:g})")
    new_width, new_height = round(origin_x + phone_bar + room + PAD), round(height + shift)
    if new_width > budget:
        return None
    root.set("width", str(new_width))
    root.set("height", str(new_height))
    root.set("viewBox", f"0 0 {new_width} {new_height}")
    rect = root.find(f"{{{SVG_NS}}}rect")
    if rect is not None:
        rect.set("width", str(new_width))
        rect.set("height", str(new_height))
    _strip_aria(root)
    return ET.tostring(root, encoding="unicode")


def _thin_labels(value_axis: ET.Element, scale: float, phone_bar: float) -> bool:
    """Scales the value axis's tick labels and keeps the round ones that stay apart (both ends)."""
    group = next((g for g in value_axis.findall(_G) if "role-axis-label" in _classes(g)), None)
    if group is None:
        return False
    texts = list(group)
    try:
        values = [float((t.text or "").replace(",", "").replace("\u2212", "-")) for t in texts]  # Vega writes "−200"
    except ValueError:
        return False
    for text in texts:
        _scale_translate(text, scale)
    if len(values) < 3:
        return True
    low, high = values[0], values[-1]
    step = min(b - a for a, b in itertools.pairwise(values))
    if step <= 0 or high <= low:
        return False
    widest = max(cs.text_px(t.text or "", 11) for t in texts)
    keep = cs.label_ticks(low, high, step, phone_bar / (high - low), widest + 6, end_px=widest / 2)
    for text, value in zip(texts, values):
        if not any(abs(value - k) <= step * 1e-6 for k in keep):
            group.remove(text)
    return True
