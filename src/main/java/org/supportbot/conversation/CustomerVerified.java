package org.supportbot.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer proved a contact of theirs in a conversation: a phone number shared through
 * Telegram's own contact button, or one confirmed against a store order, or an e-mail they gave.
 * Conversations whose customers proved the same contact belong to one customer. Published
 * synchronously after the fact is stored.
 *
 * @param conversation the conversation, {@code <channel>:<chat>}
 * @param kind {@code phone} or {@code email}
 * @param value the contact, normalised: a phone as digits only with its country code ({@code 79161234567}),
 *        an e-mail in lower case
 * @param at when it was proved
 */
public record CustomerVerified(String conversation, String kind, String value, Instant at) {

    public CustomerVerified {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }
}
