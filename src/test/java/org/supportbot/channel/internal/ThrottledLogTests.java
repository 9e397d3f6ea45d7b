package org.supportbot.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.supportbot.MovableClock;

@ExtendWith(OutputCaptureExtension.class)
class ThrottledLogTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final ThrottledLog refusals = new ThrottledLog(LoggerFactory.getLogger(ThrottledLogTests.class), Duration.ofMinutes(1), clock);

    private static long lines(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains("Refused a webhook request")).count();
    }

    @Test
    void aFloodOfWarningsLeavesOneLineAMinuteCountingTheRest(CapturedOutput output) {
        for (int i = 0; i < 10_000; i++) {
            refusals.warn("Refused a webhook request {} secret token", "with a wrong");
        }
        assertThat(lines(output)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(59));
        refusals.warn("Refused a webhook request {} secret token", "with a wrong");
        assertThat(lines(output)).as("still within the minute").isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        refusals.warn("Refused a webhook request {} secret token", "without a");
        assertThat(lines(output)).isEqualTo(2);
        assertThat(output.getOut()).contains("Refused a webhook request without a secret token (10000 more like it in the last PT1M not logged)");

        clock.advance(Duration.ofMinutes(5));
        refusals.warn("Refused a webhook request {} secret token", "with a wrong");
        assertThat(output.getOut().lines().filter(line -> line.contains("Refused a webhook request")).reduce((a, b) -> b).orElseThrow())
                .endsWith("Refused a webhook request with a wrong secret token");
    }
}
