package org.supportbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.supportbot.knowledge.Language;

/** The waiting line against a plain count over a board kept beside it. */
class WaitingLineTests {

    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static final List<String> QUEUES = List.of("general", "payments", "delivery");

    /** The board: each open ticket as last written. */
    private final Map<Long, Ticket> board = new HashMap<>();
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean storeDown;
    private final WaitingLine line = new WaitingLine(() -> {
        reads.incrementAndGet();
        if (storeDown) {
            throw new IllegalStateException("store down");
        }
        var places = new ArrayList<WaitingLine.Place>();
        board.values().stream().filter(ticket -> ticket.status() == TicketStatus.WAITING).forEach(ticket -> places.add(WaitingLine.Place.of(ticket)));
        return places;
    }, now::get);

    @Test
    void countsTheTicketsAheadAsTheBoardWouldThroughEveryKindOfChange() {
        var random = new SplittableRandom(7);
        long next = 1;
        for (int step = 0; step < 3_000; step++) {
            int action = random.nextInt(10);
            if (action < 4 || board.isEmpty()) { // a hand-over: a new ticket waits
                var ticket = ticket(next++, QUEUES.get(random.nextInt(3)), random.nextInt(3), T0.plusSeconds(random.nextInt(600)), TicketStatus.WAITING);
                write(ticket);
            } else {
                var numbers = new ArrayList<>(board.keySet());
                var ticket = board.get(numbers.get(random.nextInt(numbers.size())));
                switch (action) {
                    case 4, 5 -> write(with(ticket, ticket.queue(), ticket.priority(), TicketStatus.ASSIGNED)); // taken
                    case 6 -> write(with(ticket, QUEUES.get(random.nextInt(3)), ticket.priority(), TicketStatus.WAITING)); // transferred, or handed back
                    case 7 -> write(with(ticket, ticket.queue(), random.nextInt(3), ticket.status())); // priority changed
                    default -> { // resolved: its summary leaves the board
                        board.remove(ticket.number());
                        line.gone(ticket.number());
                    }
                }
            }
            for (int probe = 0; probe < 3; probe++) {
                var asked = ticket(random.nextLong(1, next + 1), QUEUES.get(random.nextInt(3)), random.nextInt(3),
                        T0.plusSeconds(random.nextInt(600)), TicketStatus.WAITING);
                assertThat(line.ahead(asked)).as("step %d, %s", step, asked).isEqualTo(countedOnTheBoard(asked));
            }
        }
        assertThat(reads).as("read the board once, at first use").hasValue(1);
    }

    @Test
    void equalPriorityAndTimeGoInNumberOrderAndATicketDoesNotCountItself() {
        var first = ticket(1, "general", 0, T0, TicketStatus.WAITING);
        var second = ticket(2, "general", 0, T0, TicketStatus.WAITING);
        var urgent = ticket(3, "general", 1, T0.plusSeconds(60), TicketStatus.WAITING);
        write(first);
        write(second);
        write(urgent);
        assertThat(line.ahead(urgent)).isZero();
        assertThat(line.ahead(first)).isEqualTo(1);
        assertThat(line.ahead(second)).isEqualTo(2);
        assertThat(line.ahead(ticket(4, "payments", 0, T0, TicketStatus.WAITING))).as("another queue").isZero();
    }

    @Test
    void twoChangesOfOneTicketAppliedInTheOtherOrderAreMendedAtTheNextRead() {
        var behind = oneBehindAnother();
        var waiting = board.get(1L);

        // Taken by an operator, but the summary of the change before lands last, on the board too.
        var taken = with(waiting, "general", 0, TicketStatus.ASSIGNED);
        line.changed(taken);
        line.changed(waiting);
        board.put(taken.number(), taken); // what the board is mended to when it is read
        assertThat(line.ahead(behind)).as("until the next read").isEqualTo(1);

        now.addAndGet(WaitingLine.REREAD_AFTER_NANOS + 1);
        assertThat(line.ahead(behind)).isZero();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadOfTheBoardThatFailsIsTriedAgainAtTheNextQuestion() {
        var second = oneBehindAnother();

        storeDown = true;
        now.addAndGet(WaitingLine.REREAD_AFTER_NANOS + 1);
        assertThatThrownBy(() -> line.ahead(second)).hasMessage("store down");
        assertThat(reads).hasValue(2);
        storeDown = false;
        board.remove(1L); // taken meanwhile, its change lost with the store
        assertThat(line.ahead(second)).as("read again at the next question").isZero();
        assertThat(reads).hasValue(3);
    }

    @Test
    void changesBeforeTheFirstQuestionAreLeftToTheFirstRead() {
        var ticket = ticket(1, "general", 0, T0, TicketStatus.WAITING);
        write(ticket);
        line.gone(1);
        assertThat(reads).hasValue(0);
        assertThat(line.ahead(ticket(2, "general", 0, T0.plusSeconds(1), TicketStatus.WAITING))).isEqualTo(1);
    }

    /** Ticket 1 waits in {@code general}, ticket 2 behind it: returns ticket 2, with 1 ahead. */
    private Ticket oneBehindAnother() {
        write(ticket(1, "general", 0, T0, TicketStatus.WAITING));
        var behind = ticket(2, "general", 0, T0.plusSeconds(1), TicketStatus.WAITING);
        write(behind);
        assertThat(line.ahead(behind)).isEqualTo(1);
        return behind;
    }

    private void write(Ticket ticket) {
        board.put(ticket.number(), ticket);
        line.changed(ticket);
    }

    /** The query MongoDB answers from its index (TicketStore.ahead), spelled out. */
    private long countedOnTheBoard(Ticket asked) {
        return board.values().stream()
                .filter(ticket -> ticket.status() == TicketStatus.WAITING && ticket.queue().equals(asked.queue()))
                .filter(ticket -> ticket.priority() > asked.priority()
                        || ticket.priority() == asked.priority() && ticket.openedAt().isBefore(asked.openedAt())
                        || ticket.priority() == asked.priority() && ticket.openedAt().equals(asked.openedAt()) && ticket.number() < asked.number())
                .count();
    }

    private static Ticket ticket(long number, String queue, int priority, Instant openedAt, TicketStatus status) {
        return new Ticket(number, "test:" + number, "test", null, Language.EN, null, "customer_request", queue, priority, status,
                null, null, openedAt, null, null, null, openedAt.plus(Duration.ofMinutes(15)), false, null, null, List.of(), List.of());
    }

    private static Ticket with(Ticket ticket, String queue, int priority, TicketStatus status) {
        return ticket(ticket.number(), queue, priority, ticket.openedAt(), status);
    }
}
