package org.supportbot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Albums already answered: Telegram sends an album of ten photos as ten updates within a second,
 * and the customer should get one answer, not ten. Kept in memory for a minute (after a restart in
 * the middle of an album the customer may get a second answer; every photo is kept either way).
 */
@Component
class Albums {

    private final Cache<String, Boolean> answered = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(10_000)
            .build();

    /** Whether the bot already answered another item of the album this message belongs to; marks it answered. */
    boolean answeredBefore(ConversationId conversation, InboundMessage.NonText message) {
        var group = message.attachments().stream().map(Attachment::group).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (group == null) {
            return false;
        }
        return answered.asMap().putIfAbsent(conversation + "/" + group, Boolean.TRUE) != null;
    }
}
