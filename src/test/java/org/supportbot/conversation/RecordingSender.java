package org.supportbot.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link MessageSender} for the {@code test} channel that records what it sends, or fails on demand. */
final class RecordingSender implements MessageSender {

    record Sent(String deliveryId, OutboundMessage message) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    static RecordingSender failing() {
        var sender = new RecordingSender();
        sender.failing = true;
        return sender;
    }

    @Override
    public String channel() {
        return "test";
    }

    @Override
    public void send(String deliveryId, OutboundMessage message) throws DeliveryException {
        if (failing) {
            throw DeliveryException.retry("the platform is down (test)", null);
        }
        sent.add(new Sent(deliveryId, message));
    }

    List<Sent> sent() {
        return sent;
    }

    List<String> ids() {
        return sent.stream().map(Sent::deliveryId).toList();
    }
}
