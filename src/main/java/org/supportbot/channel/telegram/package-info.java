/**
 * The Telegram channel: receives updates by long polling (one instance at a time, under a lease
 * in the store) or by webhook ({@code POST /telegram/webhook}), turns them into
 * {@link org.supportbot.conversation.InboundMessage}s, and delivers the replies through the outbox
 * with the Bot API's rate limits. On only when {@code TELEGRAM_BOT_TOKEN} is set.
 */
@NullMarked
package org.supportbot.channel.telegram;

import org.jspecify.annotations.NullMarked;
