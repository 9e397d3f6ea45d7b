package org.supportbot.conversation;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A command the customer typed, read once per message; what it does depends on whether a ticket is open. */
enum Command {
    /** {@code /start}: the greeting and the popular topics. */
    START,
    /** {@code /help}: what the bot can do. */
    HELP,
    /** {@code /operator}: a person, please. */
    OPERATOR,
    /** {@code /bot} or {@code /cancel}: back to the bot, no longer waiting for or talking to a person. */
    BACK_TO_BOT,
    /** {@code /privacy}: what is kept about the customer and where the privacy policy is. */
    PRIVACY;

    /**
     * The command {@code text} starts with: its first word, in any case, with or without the bot's
     * name after it ({@code /start@SupportBot} in groups), whatever follows. Null when the text is
     * not a command of ours, which the bot then reads as words.
     */
    static @Nullable Command parse(String text) {
        var words = text.strip();
        if (!words.startsWith("/")) {
            return null;
        }
        int end = 1;
        while (end < words.length() && !separatesWords(words.charAt(end))) {
            end++;
        }
        var command = words.substring(0, end).toLowerCase(Locale.ROOT);
        int at = command.indexOf('@');
        if (at > 0) {
            command = command.substring(0, at);
        }
        return switch (command) {
            case "/start" -> START;
            case "/help" -> HELP;
            case "/operator" -> OPERATOR;
            case "/bot", "/cancel" -> BACK_TO_BOT;
            case "/privacy" -> PRIVACY;
            default -> null;
        };
    }

    /** The white space between a command and what follows, as the regular expression {@code \s}. */
    private static boolean separatesWords(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
