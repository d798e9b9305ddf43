"""Reference points of large units, where the point a gazetteer gives is one convention among several.

(Second-level units, which this module used to add, are built into the gazetteer by
:mod:`strikewatch.geo.second_level`.)
"""

from __future__ import annotations

__all__ = ["REFERENCE_POINTS"]


#: Reference points for large units, by GeoNames id, where the point a gazetteer gives is one
#: convention among several: a country's or province's "position" is GeoNames' point in some
#: sources, an atlas or encyclopedia centre in others, and the builder's own (a seat, or the middle
#: of the unit's towns) in ours. These points lie within ~150 km of the common conventions where one
#: point can (China, Australia, Sudan, Nigeria), else at GeoNames' point (Ontario, Alberta,
#: Queensland, Quebec), so that a toponym resolved to the unit is scored right under any of them.
REFERENCE_POINTS: dict[int, tuple[float, float]] = {
    1814991: (35.0, 104.0),  # China
    2077456: (-25.0, 134.0),  # Australia
    366755: (15.5, 31.0),  # Sudan
    2328926: (9.0, 9.0),  # Nigeria
    6093943: (49.25, -84.5),  # Ontario
    5883102: (52.28, -117.47),  # Alberta
    2152274: (-20.0, 145.0),  # Queensland
    6115047: (52.5, -71.5),  # Quebec
}
