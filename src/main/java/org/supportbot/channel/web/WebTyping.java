package org.supportbot.channel.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.OperatorTyping;

/**
 * Whether an operator is typing to a web chat customer: the console's typing notices are kept here
 * for {@link #SHOWN} and {@code GET /api/chat/updates} reports them, so the page can show "The operator
 * is typing…". A reply that comes after the notice ends it at once. Kept in memory only: with several
 * instances the page may miss a notice, which costs nothing but the hint.
 */
@Component
class WebTyping {

    /** How long one notice shows: the console repeats it every few seconds while the operator types. */
    static final Duration SHOWN = Duration.ofSeconds(6);
    private static final int MAX_CHATS = 10_000;

    private final Clock clock;
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    WebTyping(Clock clock) {
        this.clock = clock;
    }

    @EventListener
    void on(OperatorTyping event) {
        var id = event.conversation();
        if (!id.channel().equals(WebChatController.CHANNEL)) {
            return;
        }
        var now = clock.instant();
        if (since.size() > MAX_CHATS) {
            since.values().removeIf(at -> !now.isBefore(at.plus(SHOWN)));
        }
        since.put(id.chat(), now);
    }

    /**
     * Whether the operator is typing to this chat now; {@code lastReply}, when the operator's latest
     * message came (if known), ends a notice older than it.
     */
    boolean typing(ConversationId conversation, @Nullable Instant lastReply) {
        var at = since.get(conversation.chat());
        if (at == null) {
            return false;
        }
        if (!clock.instant().isBefore(at.plus(SHOWN)) || lastReply != null && !lastReply.isBefore(at)) {
            since.remove(conversation.chat(), at);
            return false;
        }
        return true;
    }
}
