package org.supportbot.handoff;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** What operators write about a ticket for each other: private notes and tags. The customer sees neither. */
@Component
class Annotations {

    static final int MAX_NOTE = 4096;
    static final int MAX_TAGS = 10;
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

    private final TicketStore tickets;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Annotations(TicketStore tickets, Permissions permissions, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.permissions = permissions;
        this.events = events;
        this.clock = clock;
    }

    /** As {@link Handoff#addNote}. */
    Ticket addNote(long number, String login, String text, String key, String origin) {
        var operator = permissions.operator(login);
        var ticket = permissions.ticket(number);
        requireSees(operator, ticket);
        var body = text.strip();
        if (body.isEmpty()) {
            throw new HandoffException(HandoffException.Problem.INVALID, "The note is empty");
        }
        if (body.length() > MAX_NOTE) {
            throw new HandoffException(HandoffException.Problem.INVALID, "The note is longer than " + MAX_NOTE + " characters");
        }
        var note = new Ticket.Note(clock.instant(), operator.login(), operator.name(), body);
        var noted = tickets.addNote(number, note).orElseThrow(() -> HandoffException.changedMeanwhile(number));
        events.publishEvent(new TicketNoted(noted, note, key, origin));
        return noted;
    }

    /** As {@link Handoff#tag}. */
    Ticket tag(long number, String login, List<String> tags) {
        var operator = permissions.operator(login);
        requireSees(operator, permissions.ticket(number));
        var clean = new TreeSet<String>();
        for (var tag : tags) {
            var word = tag.strip().toLowerCase(Locale.ROOT);
            if (word.startsWith("#")) {
                word = word.substring(1);
            }
            if (!TAG.matcher(word).matches()) {
                throw new HandoffException(HandoffException.Problem.INVALID,
                        "A tag is one word of up to 32 letters, digits, '_' or '-', got '" + shorten(tag) + "'");
            }
            clean.add(word);
        }
        if (clean.size() > MAX_TAGS) {
            throw new HandoffException(HandoffException.Problem.INVALID, "At most " + MAX_TAGS + " tags on a ticket, got " + clean.size());
        }
        return tickets.tag(number, List.copyOf(clean), operator.login(), clock.instant())
                .orElseThrow(() -> HandoffException.changedMeanwhile(number));
    }

    /** Notes and tags are for operators who may see the ticket: its holder, those serving its queue, admins. */
    private static void requireSees(Operator operator, Ticket ticket) {
        if (!operator.serves(ticket.queue()) && !operator.login().equals(ticket.operator()) && !operator.admin()) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + ticket.number() + " is in a queue you do not serve");
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
