"""The work schedule as an iCalendar feed (RFC 5545), for the calendars of readers and officials."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def work_schedule_calendar(entries, *, name, host):
    """The entries as an iCalendar document (bytes), in the province's time zone.

    Each event's UID is built from the entry's id, so a calendar that subscribed to the feed updates
    the engagement in place when an editor changes its time or place.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", f"-//{host}//Lich lam viec cua lanh dao//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for entry in entries:
        event = Event()
        event.add("uid", f"work-schedule-{entry.pk}@{host}")
        event.add("dtstamp", entry.updated_at)
        event.add("last-modified", entry.updated_at)
        event.add("dtstart", entry.start().astimezone(zone))
        if entry.end() is not None:
            event.add("dtend", entry.end().astimezone(zone))
        event.add("summary", entry.content)
        if entry.location:
            event.add("location", entry.location)
        details = [
            (_("Presiding"), entry.presiding_name),
            (_("Attendees"), entry.attendees),
            (_("Preparing unit"), entry.preparing_unit),
        ]
        description = "\n".join(f"{label}: {value}" for label, value in details if value)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
