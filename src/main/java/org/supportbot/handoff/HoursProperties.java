package org.supportbot.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operators' working hours ({@code supportbot.hours.*}, e.g. {@code SUPPORTBOT_HOURS_SCHEDULE}); see {@link WorkingHours}.
 *
 * @param schedule e.g. {@code mon-fri 09:00-21:00, sat 10:00-18:00}; empty: around the clock
 * @param zone the schedule's time zone, e.g. {@code Europe/Moscow}; empty: the machine's
 * @param holidays ISO dates without operators, e.g. {@code 2026-12-31, 2027-01-01}
 */
@ConfigurationProperties("supportbot.hours")
record HoursProperties(@DefaultValue("") String schedule, @DefaultValue("") String zone, @DefaultValue("") String holidays) {
}
