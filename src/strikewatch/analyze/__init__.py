"""Analysis of extracted events: series, change points, regional shares, comparisons, assessments.

Everything takes :class:`Record` objects (an event with its source document), built with
:func:`records` from ``(Event, Source)`` pairs, so events may come from files, from extraction on
the fly or from the event store.
"""

from strikewatch.analyze.analysis import Analysis, analyze
from strikewatch.analyze.compare import Period
from strikewatch.analyze.records import Filters, Record, Source, records

__all__ = ["Analysis", "Filters", "Period", "Record", "Source", "analyze", "records"]
