"""The store's monitoring tables, as SQLAlchemy Core tables (declared in :mod:`strikewatch.store.schema`)."""

from __future__ import annotations

from sqlalchemy import Table

from strikewatch.store.schema import AlertEventRow, AlertRow, DeliveryRow, FeedItemRow, FeedRow, WatchRow

FEEDS: Table = FeedRow.__table__  # type: ignore[assignment]
ITEMS: Table = FeedItemRow.__table__  # type: ignore[assignment]
WATCHES: Table = WatchRow.__table__  # type: ignore[assignment]
ALERTS: Table = AlertRow.__table__  # type: ignore[assignment]
ALERT_EVENTS: Table = AlertEventRow.__table__  # type: ignore[assignment]
DELIVERIES: Table = DeliveryRow.__table__  # type: ignore[assignment]
