package org.supportbot.handoff;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * When operators work: weekly windows in one time zone, minus holidays. An empty schedule means
 * around the clock.
 *
 * <p>Schedule syntax ({@code supportbot.hours.schedule}): comma- or semicolon-separated entries of
 * a day or day range and a time range, e.g. {@code mon-fri 09:00-21:00, sat 10:00-18:00};
 * {@code daily} means every day; {@code 24:00} is the end of the day. Holidays
 * ({@code supportbot.hours.holidays}) are ISO dates. Immutable and thread-safe.
 */
public final class WorkingHours {

    private static final Pattern ENTRY = Pattern.compile("([a-z]+)(?:\\s*-\\s*([a-z]+))?\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** One weekly window; {@code to} of {@code null} is the end of the day. */
    private record Window(DayOfWeek day, LocalTime from, LocalTime to, boolean toMidnight) {
        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (toMidnight || time.isBefore(to));
        }
    }

    private final ZoneId zone;
    private final List<Window> windows;
    private final Set<LocalDate> holidays;
    private final String description;

    private WorkingHours(ZoneId zone, List<Window> windows, Set<LocalDate> holidays, String description) {
        this.zone = zone;
        this.windows = List.copyOf(windows);
        this.holidays = Set.copyOf(holidays);
        this.description = description;
    }

    /** Around the clock, every day. */
    public static WorkingHours always() {
        return new WorkingHours(ZoneId.of("UTC"), List.of(), Set.of(), "");
    }

    /**
     * Reads a schedule.
     *
     * @throws IllegalArgumentException naming the setting and the value that is wrong
     */
    public static WorkingHours parse(String schedule, String zone, String holidays) {
        ZoneId zoneId;
        try {
            zoneId = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("supportbot.hours.zone: unknown time zone '" + zone + "' (use e.g. Europe/Moscow)");
        }
        var windows = new ArrayList<Window>();
        for (var raw : schedule.toLowerCase(Locale.ROOT).split("[,;]")) {
            var entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            var m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("supportbot.hours.schedule: cannot read '" + entry + "' (expected e.g. 'mon-fri 09:00-18:00')");
            }
            var days = days(m.group(1), m.group(2), entry);
            var from = time(m.group(3), entry);
            boolean toMidnight = m.group(4).equals("24:00");
            var to = toMidnight ? LocalTime.MAX : time(m.group(4), entry);
            if (!toMidnight && !to.isAfter(from)) {
                throw new IllegalArgumentException("supportbot.hours.schedule: '" + entry + "' ends before it starts");
            }
            for (var day : days) {
                windows.add(new Window(day, from, to, toMidnight));
            }
        }
        var dates = new TreeSet<LocalDate>();
        for (var raw : holidays.split("[,;\\s]+")) {
            if (raw.isBlank()) {
                continue;
            }
            try {
                dates.add(LocalDate.parse(raw.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("supportbot.hours.holidays: '" + raw + "' is not a date like 2026-12-31");
            }
        }
        if (windows.isEmpty() && !dates.isEmpty()) {
            throw new IllegalArgumentException("supportbot.hours.holidays needs supportbot.hours.schedule: without a schedule operators work around the clock");
        }
        return new WorkingHours(zoneId, windows, dates, schedule.strip());
    }

    private static Set<DayOfWeek> days(String first, String last, String entry) {
        if (first.equals("daily") && last == null) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        int from = DAYS.indexOf(first.length() >= 3 ? first.substring(0, 3) : first);
        int to = last == null ? from : DAYS.indexOf(last.length() >= 3 ? last.substring(0, 3) : last);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("supportbot.hours.schedule: unknown day in '" + entry + "' (use mon, tue, wed, thu, fri, sat, sun or daily)");
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = from; ; i = (i + 1) % 7) {
            days.add(DayOfWeek.of(i + 1));
            if (i == to) {
                break;
            }
        }
        return days;
    }

    private static LocalTime time(String value, String entry) {
        try {
            return LocalTime.parse(value.length() == 4 ? "0" + value : value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("supportbot.hours.schedule: '" + value + "' in '" + entry + "' is not a time like 09:00");
        }
    }

    /** Whether operators work around the clock. */
    public boolean alwaysOpen() {
        return windows.isEmpty();
    }

    /** The schedule's time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** The schedule as configured, e.g. {@code mon-fri 09:00-18:00}; empty when always open. */
    public String description() {
        return description;
    }

    /** Whether operators work at this instant. */
    public boolean isOpen(Instant instant) {
        if (windows.isEmpty()) {
            return true;
        }
        var local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        var time = local.toLocalTime();
        for (var window : windows) {
            if (window.day() == local.getDayOfWeek() && window.contains(time)) {
                return true;
            }
        }
        return false;
    }

    /** When operators are next at work, after {@code instant}; empty when they work now. */
    public Optional<ZonedDateTime> nextOpening(Instant instant) {
        if (isOpen(instant)) {
            return Optional.empty();
        }
        var local = instant.atZone(zone);
        // Up to a year and a week ahead: enough for any schedule with at least one window.
        for (int day = 0; day <= 372; day++) {
            var date = local.toLocalDate().plusDays(day);
            if (holidays.contains(date)) {
                continue;
            }
            ZonedDateTime best = null;
            for (var window : windows) {
                if (window.day() != date.getDayOfWeek()) {
                    continue;
                }
                var start = date.atTime(window.from()).atZone(zone);
                if (day == 0 && !start.isAfter(local)) {
                    continue;
                }
                if (best == null || start.isBefore(best)) {
                    best = start;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }
}
