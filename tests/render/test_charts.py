from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.render.charts import Point, timeline_svg

NS = "{http://www.w3.org/2000/svg}"


def test_timeline_is_an_accessible_image() -> None:
    svg = timeline_svg([Point(dt.date(2011, 9, 19), 3, "September 2011: Adequate"),
                        Point(dt.date(2010, 3, 1), 4, "March 2010: <Inadequate>", cited=True),
                        Point(dt.date(2009, 10, 8), None, "October 2009: ungraded")],
                       "t1", "Grade timeline for A & B", "three inspections")
    root = ET.fromstring(svg)  # well-formed: text is escaped
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    titles = {el.get("id"): el.text for el in root.iter() if el.get("id")}
    assert titles[ids[0]] == "Grade timeline for A & B" and titles[ids[1]] == "three inspections"
    circles = root.findall(f"{NS}circle")
    assert len(circles) == 2 and len(root.findall(f"{NS}polygon")) == 1
    assert any("cited" in c.get("class") for c in circles)
    # Worse grades sit lower: inadequate (rank 4) below adequate (rank 3).
    by_rank = {c.get("class").split()[-1]: float(c.get("cy")) for c in circles}
    assert by_rank["rank-4"] > by_rank["rank-3"]


def test_the_narrow_layout_has_the_same_marks_and_readable_labels() -> None:
    from generator.render.charts import NARROW, WIDE

    points = [Point(dt.date(2013, 5, 13), 3, "May 2013: Adequate"),
              Point(dt.date(2026, 6, 15), None, "June 2026: no overall grade", areas=(2, 2, 2, 1))]
    wide = ET.fromstring(timeline_svg(points, "w", "T", "d", WIDE))
    narrow = ET.fromstring(timeline_svg(points, "n", "T", "d", NARROW))
    assert wide.get("class") == "timeline timeline-wide" and narrow.get("class") == "timeline timeline-narrow"
    for svg in (wide, narrow):
        # One circle for the overall grade; the 2026 inspection is a group: a line over its areas' grades.
        assert len(svg.findall(f"{NS}circle")) == 1
        group = svg.find(f"{NS}g")
        assert group.get("class") == "areas" and group.find(f"{NS}title").text == "June 2026: no overall grade"
        assert [c.get("class") for c in group.findall(f"{NS}circle")] == ["area rank-1", "area rank-2"]
    # The narrow chart writes the long row label on two lines, and labels fewer years.
    spans = [t.text for t in narrow.iter(f"{NS}tspan")]
    assert spans == ["Requires improvement", "or adequate"]
    years = lambda svg: [t.text for t in svg.iter(f"{NS}text") if t.get("class") == "year"]
    assert years(wide) == [str(y) for y in range(2013, 2028, 2)] and len(years(narrow)) < len(years(wide))
