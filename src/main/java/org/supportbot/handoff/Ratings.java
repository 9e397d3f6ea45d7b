package org.supportbot.handoff;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The customer's rating of a resolved ticket, and their comment on it: only from the ticket's own
 * conversation, once each, decided by the update's filter so that a race or a second instance
 * cannot rate twice.
 */
@Component
class Ratings {

    /** The longest comment kept: the rest is cut off. */
    static final int COMMENT_LENGTH = 2000;

    private final TicketStore tickets;
    private final Clock clock;

    Ratings(TicketStore tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** As {@link Handoff#rate}. */
    Ticket rate(long number, String conversation, int score) {
        if (score < 1 || score > 5) {
            throw new HandoffException(HandoffException.Problem.INVALID, "A rating is 1 to 5, got " + score);
        }
        return tickets.rate(number, conversation, score, clock.instant()).orElseThrow(() -> notRateable(number));
    }

    /** As {@link Handoff#comment}. */
    Ticket comment(long number, String conversation, String comment) {
        var text = comment.strip();
        if (text.length() > COMMENT_LENGTH) {
            text = text.substring(0, COMMENT_LENGTH);
        }
        return tickets.comment(number, conversation, text).orElseThrow(() -> notRateable(number));
    }

    // One answer for every reason — not this conversation's, not resolved, rated already — so that a
    // stranger trying numbers learns nothing about other customers' tickets.
    private static HandoffException notRateable(long number) {
        return new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " cannot take this rating or comment");
    }
}
