package org.supportbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WorkingHoursTests {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private final WorkingHours hours = WorkingHours.parse("mon-fri 09:00-18:00; sat 10:00-14:00", "Europe/Moscow", "2026-12-31, 2027-01-01");

    private static Instant moscow(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), MOSCOW).toInstant();
    }

    @Test
    void isOpenInsideAWindowAndClosedAtItsEnd() {
        assertThat(hours.isOpen(moscow("2026-11-23T09:00"))).isTrue(); // a Monday
        assertThat(hours.isOpen(moscow("2026-11-23T17:59"))).isTrue();
        assertThat(hours.isOpen(moscow("2026-11-23T18:00"))).isFalse();
        assertThat(hours.isOpen(moscow("2026-11-28T11:00"))).isTrue(); // Saturday
        assertThat(hours.isOpen(moscow("2026-11-29T11:00"))).isFalse(); // Sunday
    }

    @Test
    void nextOpeningSkipsTheWeekendAndHolidays() {
        assertThat(hours.nextOpening(moscow("2026-11-28T15:00"))).contains(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, MOSCOW));
        // Wednesday evening before New Year: the 31st and the 1st are holidays, Saturday the 2nd opens at 10.
        assertThat(hours.nextOpening(moscow("2026-12-30T19:00"))).contains(ZonedDateTime.of(2027, 1, 2, 10, 0, 0, 0, MOSCOW));
        assertThat(hours.nextOpening(moscow("2026-11-23T07:30"))).contains(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, MOSCOW));
        assertThat(hours.nextOpening(moscow("2026-11-23T12:00"))).isEmpty();
    }

    @Test
    void readsDailyAndMidnightAndWrappingDayRanges() {
        var late = WorkingHours.parse("daily 20:00-24:00, sat-mon 08:00-09:00", "UTC", "");
        assertThat(late.isOpen(Instant.parse("2026-11-25T23:59:59Z"))).isTrue();
        assertThat(late.isOpen(Instant.parse("2026-11-23T08:30:00Z"))).isTrue(); // Monday, in sat-mon
        assertThat(late.isOpen(Instant.parse("2026-11-24T08:30:00Z"))).isFalse(); // Tuesday
    }

    @Test
    void anEmptyScheduleIsAroundTheClock() {
        var always = WorkingHours.always();
        assertThat(always.alwaysOpen()).isTrue();
        assertThat(always.isOpen(Instant.parse("2026-12-31T03:00:00Z"))).isTrue();
        assertThat(always.nextOpening(Instant.parse("2026-12-31T03:00:00Z"))).isEmpty();
    }

    @Test
    void namesTheSettingAndTheValueThatIsWrong() {
        assertThatThrownBy(() -> WorkingHours.parse("mon-fri 9-18", "UTC", "")).hasMessageContaining("supportbot.hours.schedule").hasMessageContaining("mon-fri 9-18");
        assertThatThrownBy(() -> WorkingHours.parse("funday 09:00-18:00", "UTC", "")).hasMessageContaining("unknown day");
        assertThatThrownBy(() -> WorkingHours.parse("mon 18:00-09:00", "UTC", "")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> WorkingHours.parse("mon 09:00-18:00", "Mars/Olympus", "")).hasMessageContaining("supportbot.hours.zone");
        assertThatThrownBy(() -> WorkingHours.parse("mon 09:00-18:00", "UTC", "31.12.2026")).hasMessageContaining("supportbot.hours.holidays");
    }
}
