"""Grades as reports write them: the patterns that find them in tables and text."""
from __future__ import annotations

import re

_GRADE = r"(?:outstanding|good|adequate|inadequate|requires\s+improvement(?:\s+to\s+be\s+good)?|not\s+judged)"
GRADE_END = re.compile(rf"(?i)(?:^|[\s:–-])({_GRADE}|grade\s+\d(?:\s*\([a-z ]+\))?)\s*$")
GRADE_START = re.compile(rf"(?i)^(?:{_GRADE}|grade\s+\d)\b")
GRADE_ONLY = re.compile(rf"(?i)^(?:{_GRADE}|requires|improvement(?:\s+to\s+be\s+good)?|to\s+be\s+good|grade\s+\d(?:\s*\([a-z ]+\))?)$")
