package org.supportbot.conversation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The channels whose replies go through the outbox (those with a {@link MessageSender}), and the
 * signal that some are waiting there. Channels without a sender (web chat, terminal) get their
 * replies back from {@link ConversationEngine#receive} or poll the transcript.
 */
@Component
class SenderChannels {

    private final Set<String> channels;
    private final ApplicationEventPublisher events;

    SenderChannels(List<MessageSender> senders, ApplicationEventPublisher events) {
        this.channels = senders.stream().map(MessageSender::channel).collect(Collectors.toUnmodifiableSet());
        this.events = events;
    }

    /** Whether replies on this channel go through the outbox. */
    boolean handles(String channel) {
        return channels.contains(channel);
    }

    /** Replies for {@code channel} are committed in the outbox: delivery may send them now. */
    void queued(String channel) {
        events.publishEvent(new RepliesQueued(channel));
    }

    /** Replies may be waiting on every channel (updates recovered after a restart). */
    void queuedEverywhere() {
        channels.forEach(this::queued);
    }
}
