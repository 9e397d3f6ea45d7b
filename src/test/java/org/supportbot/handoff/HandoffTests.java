package org.supportbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.supportbot.MovableClock;
import org.supportbot.knowledge.Language;

/**
 * Tickets, the queue, working hours and SLAs, on the embedded store with a clock the tests move.
 * Operators: Anna (payments, general; 2 at once), Boris (delivery, general; 1), Lead (admin; 1).
 * Only Lead serves {@code tech}: the wait estimates there are easy to follow.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@RecordApplicationEvents
@TestPropertySource(properties = {
        "supportbot.operators.accounts.anna.name=Anna",
        "supportbot.operators.accounts.anna.queues=payments,general",
        "supportbot.operators.accounts.anna.capacity=2",
        "supportbot.operators.accounts.boris.name=Boris",
        "supportbot.operators.accounts.boris.queues=delivery,general",
        "supportbot.operators.accounts.boris.capacity=1",
        "supportbot.operators.accounts.lead.name=Lead",
        "supportbot.operators.accounts.lead.admin=true",
        "supportbot.operators.accounts.lead.capacity=1",
        "supportbot.handoff.sla=15m",
        "supportbot.handoff.queue-sla.payments=5m",
        "supportbot.handoff.sla-check-interval=0",
        "supportbot.hours.schedule=mon-fri 09:00-18:00",
        "supportbot.hours.zone=Europe/Moscow",
        "supportbot.hours.holidays=2026-12-31",
})
class HandoffTests {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** A Monday, 10:00 in Moscow: operators at work. */
    private static final Instant MONDAY_10 = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, MOSCOW).toInstant();
    private static final AtomicInteger CHATS = new AtomicInteger();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(MONDAY_10);
        }
    }

    @Autowired
    Handoff handoff;
    @Autowired
    MovableClock clock;
    @Autowired
    ApplicationEvents events;
    @Autowired
    org.supportbot.store.Store store;

    @BeforeEach
    void emptyTheQueue() {
        clock.set(MONDAY_10);
        for (var ticket : handoff.open()) {
            handoff.resolve(ticket.number(), "lead");
        }
    }

    private Opened escalate(String intent) {
        int chat = CHATS.incrementAndGet();
        var conversation = "test:chat-" + chat + "-" + System.nanoTime();
        return handoff.open(new Escalation(conversation + "#1", conversation, "test", "Customer " + chat, Language.RU, intent,
                "customer_request", List.of(new Ticket.Line("customer", "help with " + intent, clock.instant(), intent, 0.4))));
    }

    @Test
    void routesATicketToItsIntentsQueueAndServesComplaintsFirst() {
        var payment = escalate("payment_failed").ticket();
        var unknown = escalate("oos").ticket();
        var complaint = escalate("complaint").ticket();

        assertThat(payment.queue()).isEqualTo("payments");
        assertThat(unknown.queue()).isEqualTo(Handoff.DEFAULT_QUEUE);
        assertThat(complaint.priority()).isGreaterThan(payment.priority());
        assertThat(handoff.waiting(null)).extracting(Ticket::number).startsWith(complaint.number());
        assertThat(payment.transcript()).extracting(Ticket.Line::text).containsExactly("help with payment_failed");
        assertThat(payment.slaDueAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(5)));
        assertThat(unknown.slaDueAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(15)));
    }

    @Test
    void opensOneTicketPerConversationAndEachHandOverOnce() {
        var conversation = "test:one-ticket-" + System.nanoTime();
        var first = handoff.open(new Escalation(conversation + "#1", conversation, "test", null, Language.EN, null, "low_confidence", List.of()));
        var again = handoff.open(new Escalation(conversation + "#2", conversation, "test", null, Language.EN, null, "customer_request", List.of()));
        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(again.ticket().number()).isEqualTo(first.ticket().number());

        handoff.resolve(first.ticket().number(), "lead");
        var replayed = handoff.open(new Escalation(conversation + "#1", conversation, "test", null, Language.EN, null, "low_confidence", List.of()));
        assertThat(replayed.isNew()).as("the same hand-over, taken again after a crash").isFalse();
        var next = handoff.open(new Escalation(conversation + "#3", conversation, "test", null, Language.EN, null, "low_confidence", List.of()));
        assertThat(next.isNew()).isTrue();
        assertThat(next.ticket().number()).isGreaterThan(first.ticket().number());
    }

    @Test
    void estimatesTheWaitFromRecentPickupAndHandlingTimes() {
        var first = escalate("password_reset");
        assertThat(first.standing().position()).isEqualTo(1);
        assertThat(first.standing().expectedWait()).as("Lead has room: the default pick-up time").isEqualTo(Duration.ofMinutes(2));
        var second = escalate("password_reset");
        assertThat(second.standing().position()).isEqualTo(2);
        assertThat(second.standing().expectedWait()).as("one round of the default handling time").isEqualTo(Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(3));
        handoff.claim(first.ticket().number(), "lead");
        clock.advance(Duration.ofMinutes(20));
        handoff.resolve(first.ticket().number(), "lead");

        assertThat(handoff.standing(handoff.find(second.ticket().number()).orElseThrow()))
                .satisfies(s -> assertThat(s.position()).isEqualTo(1))
                .satisfies(s -> assertThat(s.expectedWait()).as("learned: 3 minutes to pick up").isEqualTo(Duration.ofMinutes(3)));
        var third = escalate("registration");
        var fourth = escalate("registration");
        assertThat(third.standing().expectedWait()).as("learned: 20 minutes per conversation").isEqualTo(Duration.ofMinutes(20));
        assertThat(fourth.standing().position()).isEqualTo(3);
        assertThat(fourth.standing().expectedWait()).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void outsideWorkingHoursTellsWhenOperatorsAreBackAndTheTargetStartsThen() {
        clock.set(ZonedDateTime.of(2026, 11, 27, 19, 0, 0, 0, MOSCOW).toInstant()); // Friday evening
        var opened = escalate("payment_failed");

        var monday = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, MOSCOW);
        assertThat(opened.standing().openNow()).isFalse();
        assertThat(opened.standing().nextOpening()).isEqualTo(monday);
        assertThat(opened.standing().expectedWait()).isGreaterThanOrEqualTo(Duration.between(clock.instant(), monday.toInstant()));
        assertThat(opened.ticket().slaDueAt()).isEqualTo(monday.toInstant().plus(Duration.ofMinutes(5)));
        assertThat(opened.ticket().status()).as("kept in the queue").isEqualTo(TicketStatus.WAITING);

        clock.set(ZonedDateTime.of(2026, 12, 30, 19, 0, 0, 0, MOSCOW).toInstant()); // before the holiday
        assertThat(escalate("payment_failed").standing().nextOpening()).isEqualTo(ZonedDateTime.of(2027, 1, 1, 9, 0, 0, 0, MOSCOW));
    }

    @Test
    void raisesTicketsPastTheirFirstResponseTargetOnceAndAnnouncesThem() {
        var payment = escalate("payment_failed").ticket(); // 5 minutes
        var general = escalate("oos").ticket(); // 15 minutes
        clock.advance(Duration.ofMinutes(6));

        assertThat(handoff.escalateOverdue()).isEqualTo(1);
        var raised = handoff.find(payment.number()).orElseThrow();
        assertThat(raised.overdue()).isTrue();
        assertThat(raised.priority()).isEqualTo(payment.priority() + 1);
        assertThat(handoff.find(general.number()).orElseThrow().overdue()).isFalse();
        assertThat(events.stream(TicketOverdue.class)).extracting(e -> e.ticket().number()).containsExactly(payment.number());
        assertThat(handoff.escalateOverdue()).as("only once").isZero();

        clock.advance(Duration.ofMinutes(10));
        assertThat(handoff.escalateOverdue()).isEqualTo(1);
        assertThat(handoff.find(general.number()).orElseThrow().overdue()).isTrue();
    }

    @Test
    void aTicketIsTakenByOneOperatorWithinTheirQueuesAndCapacity() {
        var delivery1 = escalate("delivery_info").ticket();
        var delivery2 = escalate("order_status").ticket();
        var general = escalate("oos").ticket();

        handoff.claim(delivery1.number(), "boris");
        assertThatThrownBy(() -> handoff.claim(delivery2.number(), "boris")).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.OVER_CAPACITY));
        assertThatThrownBy(() -> handoff.claim(delivery2.number(), "anna")).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.NOT_ALLOWED));
        handoff.claim(general.number(), "anna");
        assertThatThrownBy(() -> handoff.claim(general.number(), "lead")).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.CONFLICT));
        assertThatThrownBy(() -> handoff.claim(general.number(), "mallory")).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.NOT_ALLOWED));

        handoff.resolve(delivery1.number(), "boris");
        assertThat(handoff.claim(delivery2.number(), "boris").operatorName()).as("room again after resolving").isEqualTo("Boris");
        assertThatThrownBy(() -> handoff.resolve(delivery1.number(), "boris")).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.CLOSED));
    }

    @Test
    void tellsTheNextCustomerWhenTheyReachTheFront() {
        var first = escalate("account_delete").ticket();
        var second = escalate("account_delete").ticket();
        assertThat(events.stream(TicketReachedFront.class)).isEmpty();

        handoff.claim(first.number(), "lead");
        assertThat(events.stream(TicketReachedFront.class)).extracting(e -> e.ticket().number()).containsExactly(second.number());
    }

    @Test
    void transfersBetweenQueuesAndOperatorsKeepingEveryStep() {
        var ticket = escalate("payment_failed").ticket();
        handoff.claim(ticket.number(), "anna");
        handoff.operatorWrote(ticket.number(), "anna", "k-1", "Let me check", "api");

        var moved = handoff.transferToQueue(ticket.number(), "delivery", "anna");
        assertThat(moved.status()).isEqualTo(TicketStatus.WAITING);
        assertThat(moved.queue()).isEqualTo("delivery");
        assertThat(handoff.assignedTo("anna")).isEmpty();
        assertThat(events.stream(TicketTransferred.class)).singleElement().satisfies(e -> assertThat(e.fromQueue()).isEqualTo("payments"));

        handoff.claim(ticket.number(), "boris");
        var handed = handoff.transferToOperator(ticket.number(), "lead", "boris");
        assertThat(handed.operator()).isEqualTo("lead");
        assertThat(handoff.returnToBot(ticket.number(), "lead").status()).isEqualTo(TicketStatus.RETURNED_TO_BOT);
        assertThat(handoff.find(ticket.number()).orElseThrow().history()).extracting(Ticket.Step::action)
                .containsExactly("opened", "assigned", "first response", "transferred", "assigned", "unassigned", "transferred", "returned to bot");
        assertThatThrownBy(() -> handoff.transferToQueue(escalate("oos").ticket().number(), "nowhere", "lead"))
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.NOT_FOUND));
    }

    @Test
    void storesTheCustomersRatingOfAResolvedTicketOnly() {
        var ticket = escalate("payment_failed").ticket();
        var own = ticket.conversation();
        assertThatThrownBy(() -> handoff.rate(ticket.number(), own, 5)).isInstanceOf(HandoffException.class);
        handoff.claim(ticket.number(), "anna");
        handoff.resolve(ticket.number(), "anna");
        assertThatThrownBy(() -> handoff.rate(ticket.number(), own, 6)).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.INVALID));
        assertThat(handoff.rate(ticket.number(), own, 4).csat()).isEqualTo(4);
        assertThat(handoff.comment(ticket.number(), own, "  quick and kind  ").comment()).isEqualTo("quick and kind");
    }

    @Test
    void aTicketIsRatedOnlyByItsOwnConversationAndOnce() {
        var ticket = escalate("payment_failed").ticket();
        handoff.claim(ticket.number(), "anna");
        handoff.resolve(ticket.number(), "anna");
        var before = handoff.find(ticket.number()).orElseThrow().history().size();

        assertThatThrownBy(() -> handoff.rate(ticket.number(), "web:stranger", 1)).isInstanceOfSatisfying(HandoffException.class,
                e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.CONFLICT));
        assertThatThrownBy(() -> handoff.comment(ticket.number(), ticket.conversation(), "no rating yet")).isInstanceOf(HandoffException.class);
        var untouched = handoff.find(ticket.number()).orElseThrow();
        assertThat(untouched.csat()).isNull();
        assertThat(untouched.history()).hasSize(before);

        handoff.rate(ticket.number(), ticket.conversation(), 5);
        assertThatThrownBy(() -> handoff.rate(ticket.number(), ticket.conversation(), 1)).isInstanceOf(HandoffException.class);
        assertThatThrownBy(() -> handoff.comment(ticket.number(), "web:stranger", "terrible")).isInstanceOf(HandoffException.class);
        handoff.comment(ticket.number(), ticket.conversation(), "thanks");
        assertThatThrownBy(() -> handoff.comment(ticket.number(), ticket.conversation(), "again")).isInstanceOf(HandoffException.class);
        var rated = handoff.find(ticket.number()).orElseThrow();
        assertThat(rated.csat()).isEqualTo(5);
        assertThat(rated.comment()).isEqualTo("thanks");
        assertThat(rated.history()).extracting(Ticket.Step::action).containsOnlyOnce("rated");
        assertThat(handoff.find(ticket.number() + 1000)).isEmpty();
        assertThatThrownBy(() -> handoff.rate(ticket.number() + 1000, ticket.conversation(), 5)).isInstanceOf(HandoffException.class);
    }

    @Test
    void mendsTheQueueWhenATicketChangedWithoutItsSummary() {
        var ticket = escalate("account_delete").ticket();
        // As if the process died between the ticket's update and its summary's: the ticket is taken.
        store.database().getCollection(TicketStore.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", ticket.number()),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("status", "assigned"),
                        com.mongodb.client.model.Updates.set("operator", "lead")));

        assertThat(handoff.waiting("tech")).extracting(Ticket::number).doesNotContain(ticket.number());
        assertThat(handoff.assignedTo("lead")).extracting(Ticket::number).contains(ticket.number());
    }

    @Test
    void aLinkLeftByACrashBeforeItsTicketWasStoredIsTakenOverOnceItIsOld() {
        var conversation = "test:dangling-" + System.nanoTime();
        // As if a hand-over linked the conversation to its ticket number and died before storing the ticket.
        store.database().getCollection("open_tickets").insertOne(new org.bson.Document("_id", conversation).append("ticket", 987_654L)
                .append("linkedAt", java.util.Date.from(clock.instant())));
        var escalation = new Escalation(conversation + "#1", conversation, "test", null, Language.EN, null, "customer_request", List.of());

        assertThatThrownBy(() -> handoff.open(escalation)).as("a fresh link may be a hand-over storing its ticket right now")
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.problem()).isEqualTo(HandoffException.Problem.CONFLICT));

        clock.advance(TicketStore.UNSTORED_LINK_AGE.plusSeconds(1));
        var opened = handoff.open(escalation);
        assertThat(opened.isNew()).isTrue();
        assertThat(handoff.openTicketOf(conversation)).map(Ticket::number).contains(opened.ticket().number());
    }
}
