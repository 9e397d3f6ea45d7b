package org.supportbot.delivery;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.supportbot.conversation.MessageSender;

/** The {@link MessageSender} of each channel whose replies go through the outbox. */
final class Senders {

    private final Map<String, MessageSender> byChannel;

    Senders(List<MessageSender> senders) {
        this.byChannel = senders.stream().collect(Collectors.toUnmodifiableMap(MessageSender::channel, Function.identity()));
    }

    boolean handles(String channel) {
        return byChannel.containsKey(channel);
    }

    @Nullable MessageSender forChannel(String channel) {
        return byChannel.get(channel);
    }

    boolean isEmpty() {
        return byChannel.isEmpty();
    }
}
