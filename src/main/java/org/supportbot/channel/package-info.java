/**
 * Messenger channels. Each sub-package turns one platform's updates into
 * {@link org.supportbot.conversation.InboundMessage}s and delivers the replies: {@code web} is the
 * local web chat at {@code /}, {@code telegram} (with the operators' forum group, which shares the
 * bot's token, update stream and rate limits), {@code vk}.
 */
@NullMarked
package org.supportbot.channel;

import org.jspecify.annotations.NullMarked;
