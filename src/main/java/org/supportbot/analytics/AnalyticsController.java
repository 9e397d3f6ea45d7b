package org.supportbot.analytics;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/operator/analytics?from=2026-11-01&to=2026-11-23}: the support report of those
 * days, both included, in the working-hours time zone; the last 7 days by default. Operators only
 * (the operator API's authentication applies).
 */
@RestController
class AnalyticsController {

    static final int DEFAULT_DAYS = 7;

    private final SupportAnalytics analytics;
    private final java.time.Clock clock;

    AnalyticsController(SupportAnalytics analytics, java.time.Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    @GetMapping("/api/operator/analytics")
    SupportReport report(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to) {
        var zone = analytics.zone();
        var last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(zone)) : date("to", to);
        var first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("'from' (" + first + ") is after 'to' (" + last + ")");
        }
        return analytics.report(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date like 2026-11-23, got '" + value + "'");
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", e.getMessage()));
    }
}
