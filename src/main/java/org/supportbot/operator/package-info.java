/**
 * Operator-facing surfaces on the web: the authenticated operator API ({@code /api/operator/**})
 * with its live event stream. The Telegram operator group lives with the Telegram channel, which
 * owns the bot's token, update stream and rate limits.
 */
@NullMarked
package org.supportbot.operator;

import org.jspecify.annotations.NullMarked;
