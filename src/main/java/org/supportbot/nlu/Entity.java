package org.supportbot.nlu;

import java.util.Objects;

/**
 * A piece of a customer's message that names something the bot can act on, found by
 * {@code EntityFinder}.
 *
 * @param type what it is: {@code order_number}, {@code phone}, {@code email}, {@code date} or {@code amount}
 * @param text the characters as the customer typed them
 * @param start where they start in the message (a {@code char} index, inclusive)
 * @param end where they end (exclusive)
 */
public record Entity(String type, String text, int start, int end) {

    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
