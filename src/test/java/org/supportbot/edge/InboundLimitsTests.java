package org.supportbot.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.supportbot.MovableClock;

class InboundLimitsTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final InboundLimits limits = new InboundLimits(
            new EdgeProperties(true, false, DataSize.ofKilobytes(64), 2, 6, 120, 3, 1000, Duration.ofMinutes(10)), clock);

    @Test
    void letsAMinutesWorthThroughAtOnceThenAsksToWait() {
        assertThat(limits.take(PublicEndpoint.PARSE, "198.51.100.1")).isEmpty();
        assertThat(limits.take(PublicEndpoint.PARSE, "198.51.100.1")).isEmpty();
        assertThat(limits.take(PublicEndpoint.PARSE, "198.51.100.1")).isEmpty();

        var wait = limits.take(PublicEndpoint.PARSE, "198.51.100.1");

        // Three a minute: the next one in 20 s.
        assertThat(wait).hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));
    }

    @Test
    void refillsAsTimeGoesOn() {
        for (int i = 0; i < 3; i++) {
            limits.take(PublicEndpoint.PARSE, "198.51.100.2");
        }
        assertThat(limits.take(PublicEndpoint.PARSE, "198.51.100.2")).isPresent();

        clock.advance(Duration.ofSeconds(20));

        assertThat(limits.take(PublicEndpoint.PARSE, "198.51.100.2")).isEmpty();
        assertThat(limits.take(PublicEndpoint.PARSE, "198.51.100.2")).isPresent();
    }

    @Test
    void keepsAddressesAndEndpointsApart() {
        limits.take(PublicEndpoint.NEW_SESSION, "198.51.100.3");
        limits.take(PublicEndpoint.NEW_SESSION, "198.51.100.3");
        assertThat(limits.take(PublicEndpoint.NEW_SESSION, "198.51.100.3")).isPresent();

        assertThat(limits.take(PublicEndpoint.NEW_SESSION, "198.51.100.4")).isEmpty();
        assertThat(limits.take(PublicEndpoint.MESSAGE, "198.51.100.3")).isEmpty();
    }

    @Test
    void neverLimitsThePlatformsWebhooks() {
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.take(PublicEndpoint.TELEGRAM, "198.51.100.5")).isEmpty();
        }
    }

    @Test
    void refusesALimitThatIsNotPositiveNamingIt() {
        var error = org.assertj.core.api.Assertions.catchThrowable(() ->
                new EdgeProperties(true, false, DataSize.ofKilobytes(64), 0, 6, 120, 3, 1000, Duration.ofMinutes(10)));

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new-sessions-per-minute").hasMessageContaining("0");
    }
}
