"""Names as keys: how a council's or region's name becomes the slug used in addresses and data."""
from __future__ import annotations

import re


def slug(name: str) -> str:
    """A name as a URL segment: "Yorkshire and the Humber" → "yorkshire-and-the-humber"."""
    s = name.lower().replace("&", " and ").replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")
