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
