/**
 * The dialog engine: one conversation per (channel, chat), the bot's turn for each inbound
 * message (answer, clarify, hand over), commands and personalisation.
 *
 * <p>Entry point: {@link org.supportbot.conversation.ConversationEngine}. Channels turn platform
 * updates into {@link org.supportbot.conversation.InboundMessage} and deliver
 * {@link org.supportbot.conversation.OutboundMessage}.
 */
@NullMarked
package org.supportbot.conversation;

import org.jspecify.annotations.NullMarked;
