package org.supportbot.handoff;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The waiting tickets of each queue in the order operators take them, kept in memory on a store
 * this process alone uses (the embedded one). There, counting the tickets ahead of one with a
 * query read and copied every open ticket on the store's one worker thread: each hand-over cost
 * more the longer the queue, and with thousands waiting it held up every other command for
 * milliseconds.
 *
 * <p>It follows the board's writes ({@link #changed}, {@link #gone}) and reads the board again at
 * first use and then once a {@link #REREAD_AFTER_NANOS minute}: that mends what two changes of one
 * ticket applied in the other order would leave (the board itself is mended when it is read).
 *
 * <p>Thread-safe.
 */
final class WaitingLine {

    /** Where a waiting ticket stands: first served first. */
    record Place(String queue, int priority, Instant openedAt, long number) {

        static Place of(Ticket ticket) {
            return new Place(ticket.queue(), ticket.priority(), ticket.openedAt(), ticket.number());
        }
    }

    /** Higher priority first, then the longer waiting, then the lower number: as the board is sorted. */
    static final Comparator<Place> SERVED_FIRST = Comparator.comparingInt(Place::priority).reversed()
            .thenComparing(Place::openedAt).thenComparingLong(Place::number);

    static final long REREAD_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Supplier<List<Place>> board;
    private final LongSupplier nanoTime;
    private final Map<String, TreeSet<Place>> queues = new HashMap<>();
    private final Map<Long, Place> places = new HashMap<>();
    private boolean known;
    private long readAt;

    /**
     * @param board reads the waiting tickets from the board, as they are stored
     * @param nanoTime {@link System#nanoTime}, or a test's
     */
    WaitingLine(Supplier<List<Place>> board, LongSupplier nanoTime) {
        this.board = board;
        this.nanoTime = nanoTime;
    }

    /** The ticket's summary on the board was written: it waits, or it no longer does. */
    synchronized void changed(Ticket ticket) {
        if (!known) {
            return; // the first read will see it
        }
        gone(ticket.number());
        if (ticket.status() == TicketStatus.WAITING) {
            add(Place.of(ticket));
        }
    }

    /** The ticket's summary left the board. */
    synchronized void gone(long number) {
        var place = places.remove(number);
        if (place != null) {
            var queue = queues.get(place.queue());
            queue.remove(place);
            if (queue.isEmpty()) {
                queues.remove(place.queue());
            }
        }
    }

    /** How many waiting tickets of its queue go before this one (it need not wait itself). */
    synchronized long ahead(Ticket ticket) {
        if (!known || nanoTime.getAsLong() - readAt > REREAD_AFTER_NANOS) {
            reread();
        }
        var queue = queues.get(ticket.queue());
        return queue == null ? 0 : queue.headSet(Place.of(ticket), false).size();
    }

    private void reread() {
        queues.clear();
        places.clear();
        board.get().forEach(this::add);
        known = true;
        readAt = nanoTime.getAsLong();
    }

    private void add(Place place) {
        places.put(place.number(), place);
        queues.computeIfAbsent(place.queue(), queue -> new TreeSet<>(SERVED_FIRST)).add(place);
    }
}
