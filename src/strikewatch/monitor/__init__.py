"""Monitoring: poll feeds on a schedule and alert on new events in the areas and actors a watch follows.

- :mod:`~strikewatch.monitor.feeds`: watched feeds, polled politely; each new item ingested once;
- :mod:`~strikewatch.monitor.watches`: saved watches (an :class:`~strikewatch.filters.EventFilter`,
  a rule, recipients);
- :mod:`~strikewatch.monitor.alerts`: what is new for a watch, whether its rule fires, and why;
- :mod:`~strikewatch.monitor.delivery`: the outbox, webhooks and e-mail;
- :mod:`~strikewatch.monitor.atom` and :mod:`~strikewatch.monitor.web`: each watch's Atom feed;
- :mod:`~strikewatch.monitor.scheduler`: the loop of ``strikewatch watch run``.

All state (items seen, polls, alerts, deliveries) lives in the event store, so a restart picks up
where the last run stopped.
"""

from strikewatch.monitor.alerts import Alert, evaluate_watches, render_text
from strikewatch.monitor.atom import atom_feed
from strikewatch.monitor.delivery import deliver
from strikewatch.monitor.feeds import Feed, add_feed, list_feeds, parse_interval, poll_feed, remove_feed
from strikewatch.monitor.scheduler import run, run_pass
from strikewatch.monitor.watches import Watch, add_watch, list_watches, remove_watch

__all__ = [
    "Alert",
    "Feed",
    "Watch",
    "add_feed",
    "add_watch",
    "atom_feed",
    "deliver",
    "evaluate_watches",
    "list_feeds",
    "list_watches",
    "parse_interval",
    "poll_feed",
    "remove_feed",
    "remove_watch",
    "render_text",
    "run",
    "run_pass",
]
