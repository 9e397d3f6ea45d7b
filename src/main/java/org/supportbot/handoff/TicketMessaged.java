package org.supportbot.handoff;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message was written in a ticket's conversation while it is open.
 *
 * @param author {@code customer} or {@code operator}
 * @param authorName the customer's or the operator's name
 * @param text what was written (a non-text message as e.g. {@code [photo] caption})
 * @param key unique to the message (the platform update it came in)
 * @param origin where it was written: {@code telegram-group}, {@code api} for operators, the channel for customers
 * @param attachments ids of the files sent with it (the conversation module's attachment references); {@code text} is then their caption
 */
public record TicketMessaged(Ticket ticket, String author, @Nullable String authorName, String text, String key, String origin,
        List<String> attachments) implements TicketEvent {

    public TicketMessaged {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        attachments = List.copyOf(attachments);
    }

    /** A message without files. */
    public TicketMessaged(Ticket ticket, String author, @Nullable String authorName, String text, String key, String origin) {
        this(ticket, author, authorName, text, key, origin, List.of());
    }

    @Override
    public String eventKey() {
        return "msg-" + key;
    }
}
