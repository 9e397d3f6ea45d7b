package org.supportbot.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.supportbot.MovableClock;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.handoff.Handoff;

/**
 * The support report over a scripted two days: every figure is worked out by hand from the script.
 * Each test writes its conversations in its own period, so tests sharing the store never mix.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = {
        "supportbot.operators.accounts.vera.name=Вера",
        "supportbot.operators.accounts.vera.capacity=50",
        "supportbot.handoff.sla-check-interval=0",
})
class SupportAnalyticsTests {

    private static final Instant START = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC).toInstant();
    private static final AtomicInteger CHATS = new AtomicInteger();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(START);
        }
    }

    @Autowired
    SupportAnalytics analytics;
    @Autowired
    ConversationEngine engine;
    @Autowired
    Handoff handoff;
    @Autowired
    MovableClock clock;

    private ConversationId chat(String channel) {
        return new ConversationId(channel, "analytics-" + CHATS.incrementAndGet());
    }

    private void say(ConversationId id, String text) {
        engine.handle(new InboundMessage(id, "Ирина", new InboundMessage.Text(text)));
    }

    private long ticketOf(ConversationId id) {
        return handoff.openTicketOf(id.toString()).orElseThrow().number();
    }

    /** An operator takes the ticket after {@code pickUp}, answers after {@code answer}, resolves after {@code resolve}; the customer rates it. */
    private void handle(ConversationId id, Duration pickUp, Duration answer, Duration resolve, int rating) {
        long number = ticketOf(id);
        clock.advance(pickUp);
        handoff.claim(number, "vera");
        clock.advance(answer);
        handoff.operatorWrote(number, "vera", "analytics:" + number, "Сейчас помогу", "test");
        clock.advance(resolve);
        handoff.resolve(number, "vera");
        engine.handle(new InboundMessage(id, "Ирина", new InboundMessage.ButtonPress(ConversationEngine.CSAT_PAYLOAD + number + ":" + rating)));
    }

    @Test
    void countsSelfServiceEscalationsResponseTimesRatingsAndIntentsOfAPeriod() {
        clock.set(START);
        // Day 1: two questions the bot answers, three conversations handed to a person.
        var paid = chat("telegram");
        say(paid, "как можно оплатить заказ");
        var where = chat("vk");
        say(where, "где мой заказ");
        var wholesale = chat("telegram");
        say(wholesale, "а у вас есть оптовые цены для юрлиц");
        handle(wholesale, Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10), 5);
        var person = chat("web");
        say(person, "/operator");
        handle(person, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(4), 3);
        var again = chat("telegram");
        say(again, "А у вас есть оптовые цены для юрлиц?");
        // Day 2: the first customer comes back with another answered question.
        clock.set(START.plus(Duration.ofDays(1)));
        say(paid, "где мой заказ");

        var midnight = START.minus(Duration.ofHours(9));
        var report = analytics.report(midnight, midnight.plus(Duration.ofDays(2)));

        assertThat(report.conversations()).isEqualTo(5);
        assertThat(report.messages()).as("the rating buttons count as messages too").isEqualTo(8);
        assertThat(report.tickets()).isEqualTo(3);
        assertThat(report.resolved()).isEqualTo(2);
        assertThat(report.escalationRate()).isEqualTo(3 / 5.0);
        assertThat(report.selfServiceRate()).isEqualTo(2 / 5.0);
        // First responses: 5 and 2 minutes; handling from taking to resolving: 13 and 5 minutes.
        assertThat(report.firstResponse()).isEqualTo(new SupportReport.Durations(2, 120L, 300L));
        assertThat(report.handling()).isEqualTo(new SupportReport.Durations(2, 300L, 780L));
        assertThat(report.csatAverage()).isEqualTo(4.0);
        assertThat(report.csatDistribution()).containsExactly(0L, 0L, 1L, 0L, 1L);
        assertThat(report.channels()).containsEntry("telegram", 3L).containsEntry("vk", 1L).containsEntry("web", 1L);
        assertThat(report.intents()).first().satisfies(top -> {
            assertThat(top.intent()).isEqualTo("order_status");
            assertThat(top.messages()).isEqualTo(2);
            assertThat(top.answered()).isEqualTo(2);
            assertThat(top.title()).isEqualTo("Где мой заказ");
        });
        assertThat(report.intents()).extracting(SupportReport.IntentVolume::intent).contains("payment_methods").doesNotContain("oos");
        // The two wordings of the wholesale question are one unanswered question; "/operator" is a request, not a failure.
        assertThat(report.unanswered()).singleElement().satisfies(question -> {
            assertThat(question.count()).isEqualTo(2);
            assertThat(question.text()).containsIgnoringCase("оптовые цены для юрлиц");
        });
        assertThat(report.days()).extracting(SupportReport.Day::date)
                .containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
        assertThat(report.days().get(0)).isEqualTo(new SupportReport.Day(LocalDate.of(2026, 3, 2), 5, 7, 3));
        assertThat(report.days().get(1)).isEqualTo(new SupportReport.Day(LocalDate.of(2026, 3, 3), 1, 1, 0));
    }

    @Test
    void breaksTicketsAndRatingsDownByCloseReasonAndTag() {
        var start = START.plus(Duration.ofDays(60));
        clock.set(start);
        var late = chat("telegram");
        say(late, "/operator");
        handoff.tag(ticketOf(late), "vera", List.of("delivery", "courier"));
        handle(late, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 2);
        var happy = chat("vk");
        say(happy, "/operator");
        handoff.tag(ticketOf(happy), "vera", List.of("delivery"));
        handle(happy, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 5);
        var junk = chat("web");
        say(junk, "/operator");
        handoff.resolve(ticketOf(junk), "vera", "spam");

        var report = analytics.report(start, start.plus(Duration.ofHours(1)));
        assertThat(report.closeReasons()).containsExactly(new Breakdown("resolved", 2, 2, 3.5), new Breakdown("spam", 1, 0, null));
        assertThat(report.tags()).containsExactly(new Breakdown("delivery", 2, 2, 3.5), new Breakdown("courier", 1, 1, 2.0));
    }

    @Test
    void masksPersonalDataInTheQuestionsItShows() {
        var start = START.plus(Duration.ofDays(30));
        clock.set(start);
        say(chat("telegram"), "перезвоните мне на +7 912 345-67-89 или напишите ivan.petrov@example.com про оптовые цены");
        var report = analytics.report(start, start.plus(Duration.ofHours(1)));
        assertThat(report.unanswered()).singleElement().satisfies(question -> assertThat(question.text())
                .contains("[phone]", "[email]").doesNotContain("912", "ivan.petrov"));
    }

    @Test
    void anEmptyPeriodHasNoRatesRatherThanZeros() {
        var start = START.plus(Duration.ofDays(100)).minus(Duration.ofHours(9)); // midnight
        var report = analytics.report(start, start.plus(Duration.ofDays(3)));
        assertThat(report.conversations()).isZero();
        assertThat(report.selfServiceRate()).isNull();
        assertThat(report.csatAverage()).isNull();
        assertThat(report.firstResponse().medianSeconds()).isNull();
        assertThat(report.days()).hasSize(3).allSatisfy(day -> assertThat(day.messages()).isZero());
    }

    @Test
    void refusesABackwardsOrTooLongPeriod() {
        assertThatThrownBy(() -> analytics.report(START, START)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end after");
        assertThatThrownBy(() -> analytics.report(START, START.plus(Duration.ofDays(400)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("366 days");
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(SupportAnalytics.durations(List.of(30L, 10L, 20L))).isEqualTo(new SupportReport.Durations(3, 20L, 30L));
        assertThat(SupportAnalytics.durations(List.of(7L))).isEqualTo(new SupportReport.Durations(1, 7L, 7L));
        assertThat(SupportAnalytics.percentile(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 90)).isEqualTo(9);
    }
}
