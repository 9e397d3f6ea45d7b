package org.supportbot.channel.telegram;

import org.springframework.web.util.HtmlUtils;

/** Text for Telegram's HTML parse mode: escaping; its length limit (see {@link org.supportbot.channel.MessageSplitter}). */
final class TelegramText {

    /** Telegram's limit for one message, in UTF-16 code units after entity parsing (so before escaping). */
    static final int MAX_LENGTH = 4096;

    private TelegramText() {
    }

    /**
     * Escapes text for {@code parse_mode=HTML}: all our texts are plain, and some carry what customers
     * typed (their names), so every {@code <}, {@code >} and {@code &} is escaped — a name like
     * {@code <b>} must neither format nor break the message (Telegram rejects unbalanced tags).
     */
    static String escapeHtml(String text) {
        // With a character encoding given, only the markup characters are escaped; «», ё and emoji stay as they are.
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
