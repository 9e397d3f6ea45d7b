package org.supportbot.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;

/**
 * A {@link MessageSender} for the {@code test} channel that records what it sends, or fails on
 * demand, or holds every send until released.
 */
public final class RecordingSender implements MessageSender {

    public record Sent(String deliveryId, OutboundMessage message) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean failing;
    private volatile CountDownLatch released = new CountDownLatch(0); // released: sends go straight on

    public static RecordingSender failing() {
        var sender = new RecordingSender();
        sender.failing = true;
        return sender;
    }

    /** Each send waits until {@code release} is counted down, then records. */
    public static RecordingSender heldUntil(CountDownLatch release) {
        var sender = new RecordingSender();
        sender.released = release;
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
        try {
            if (released.getCount() > 0) {
                released.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retry("interrupted while held (test)", null);
        }
        sent.add(new Sent(deliveryId, message));
    }

    public List<Sent> sent() {
        return sent;
    }

    public List<String> ids() {
        return sent.stream().map(Sent::deliveryId).toList();
    }
}
