package org.supportbot.handoff;

import java.time.Clock;
import org.springframework.stereotype.Component;

/** The customer's rating of a resolved ticket, and their comment on it. */
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
    Ticket rate(long number, int score) {
        if (score < 1 || score > 5) {
            throw new HandoffException(HandoffException.Problem.INVALID, "A rating is 1 to 5, got " + score);
        }
        return tickets.rate(number, score, clock.instant()).orElseThrow(() -> notResolved(number));
    }

    /** As {@link Handoff#comment}. */
    Ticket comment(long number, String comment) {
        var text = comment.strip();
        if (text.length() > COMMENT_LENGTH) {
            text = text.substring(0, COMMENT_LENGTH);
        }
        return tickets.comment(number, text).orElseThrow(() -> notResolved(number));
    }

    private static HandoffException notResolved(long number) {
        return new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " is not resolved");
    }
}
