package org.supportbot.conversation;

/**
 * Delivers replies on one channel (Telegram, VK…). Channels that have a sender get their replies
 * through the outbox: stored first, then sent by the delivery loop with retries; a channel
 * without one (the web chat, the terminal) gets its replies directly from
 * {@link ConversationEngine#receive}.
 *
 * <p>Implementations must be thread-safe: replies to different chats are sent concurrently,
 * replies to one chat one after another, in order.
 */
public interface MessageSender {

    /** The channel this sender delivers to, as in {@link ConversationId#channel()}. */
    String channel();

    /**
     * Sends one reply.
     *
     * @param deliveryId the reply's outbox id: the same for every attempt to send this reply, so a
     *        platform that supports idempotent sends (VK's {@code random_id}) can derive its key from it
     * @throws DeliveryException when the platform did not take it; its kind says whether to retry
     */
    void send(String deliveryId, OutboundMessage message) throws DeliveryException;
}
