/**
 * Delivery: sends the replies the conversation stored in the outbox through each channel's
 * {@link org.supportbot.conversation.MessageSender}, one chat's replies in order, different chats
 * in parallel, with retries and back-off; exactly once as the customer sees it.
 *
 * <p>Entry point: {@link org.supportbot.delivery.Delivery}. The conversation hands replies over
 * by storing them in the outbox and publishing {@link org.supportbot.conversation.RepliesQueued}.
 */
@NullMarked
package org.supportbot.delivery;

import org.jspecify.annotations.NullMarked;
