"""Gazetteer and geoparser: find place names in English reports and resolve them to coordinates.

Public API::

    from strikewatch.geo import Geoparser, fold_name, load_default_gazetteer

    geo = Geoparser()                      # loads (or builds and caches) the bundled gazetteer
    for t in geo.find("Regime forces shelled Kafr Nabl in Idleb countryside."):
        print(t.text, t.place.name, t.place.admin1, t.place.lat, t.place.lon, t.place.geo_precision)

Pure Python: no spaCy objects; the pipeline passes plain text and gets character offsets back.
"""

from strikewatch.geo.fold import fold_name, is_latin, simplify_name
from strikewatch.geo.gazetteer import (
    BundledGazetteer,
    Gazetteer,
    build_default_gazetteer,
    build_gazetteer,
    cache_path,
    load_default_gazetteer,
)
from strikewatch.geo.resolve import Geoparser, Toponym, most_precise

__all__ = [
    "BundledGazetteer",
    "Gazetteer",
    "Geoparser",
    "Toponym",
    "build_default_gazetteer",
    "build_gazetteer",
    "cache_path",
    "fold_name",
    "is_latin",
    "load_default_gazetteer",
    "most_precise",
    "simplify_name",
]
