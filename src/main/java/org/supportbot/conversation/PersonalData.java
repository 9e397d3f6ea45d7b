package org.supportbot.conversation;

import java.util.regex.Pattern;

/**
 * Masks personal data in customer text before it is shown outside the conversation (reports,
 * logs): e-mail addresses, card numbers and phone numbers. Thread-safe.
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.\\p{L}{2,}");
    /** 13–19 digits, optionally grouped by spaces or dashes: card numbers. */
    private static final Pattern CARD = Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d){12,18}(?!\\d)");
    /** 7 or more digits with the usual phone punctuation, optionally with a leading +. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\d[\\d ()\\-]{5,}\\d(?!\\d)");

    private PersonalData() {
    }

    /** The text with e-mails as {@code [email]}, card numbers as {@code [card]} and phone numbers as {@code [phone]}. */
    public static String mask(String text) {
        var masked = EMAIL.matcher(text).replaceAll("[email]");
        masked = CARD.matcher(masked).replaceAll("[card]");
        return PHONE.matcher(masked).replaceAll(match -> digits(match.group()) >= 7 ? "[phone]" : match.group());
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
