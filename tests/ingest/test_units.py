"""Lines into units and blocks (generator.ingest.units): paragraph numbering as the report
prints it."""
from __future__ import annotations

from generator.ingest.body import extract_body
from tests.ingest import SCALES, page


def test_restarted_numbering_is_kept_unnumbered_with_a_warning() -> None:
    # Hull 2015 binds the LSCB's own report, numbered from 1 again, after the council's.
    text = page(
        "139. The LSCB annual report should provide a rigorous and transparent assessment.",
        "140. Improve the monitoring and evaluation of the effectiveness of what is done.",
        "Inspection judgement about the LSCB",
        "1. Governance arrangements between the LSCB and the local authority are ",
        "effective.",
        "2. There are clear links between the LSCB and the Health and Wellbeing Board.",
    )
    draft = extract_body([text], SCALES)
    assert [b.number for b in draft.blocks] == [139, 140, None, None, None]
    assert draft.blocks[3].text == "1\\. Governance arrangements between the LSCB and the local authority are effective."
    assert [w for w in draft.warnings if "restarts" in w] == [
        "paragraph numbering restarts at 1 after 140: the restarted paragraphs are kept as unnumbered text"]
