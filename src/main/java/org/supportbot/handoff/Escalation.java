package org.supportbot.handoff;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/**
 * What the conversation knows when it hands a customer over: everything a ticket starts with.
 *
 * @param key unique per hand-over (the conversation and a counter): opening twice with one key opens one ticket
 * @param conversation the conversation id, {@code <channel>:<chat>}
 * @param channel the customer's channel
 * @param customerName the customer's first name, if known
 * @param language the customer's language
 * @param intent what the bot understood last, if anything
 * @param reason why it hands over, e.g. {@code customer_request}
 * @param transcript the customer's last messages (with what the bot understood of each), oldest first
 * @param context what the bot's store actions learnt (order number, status, verified), for {@link Ticket#context()}
 */
public record Escalation(String key, String conversation, String channel, @Nullable String customerName, Language language,
        @Nullable String intent, String reason, List<Ticket.Line> transcript, Map<String, String> context) {

    /** An escalation without context. */
    public Escalation(String key, String conversation, String channel, @Nullable String customerName, Language language,
            @Nullable String intent, String reason, List<Ticket.Line> transcript) {
        this(key, conversation, channel, customerName, language, intent, reason, transcript, Map.of());
    }

    public Escalation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(reason, "reason");
        transcript = List.copyOf(transcript);
        context = Map.copyOf(context);
    }
}
