package org.supportbot.conversation;

import java.util.regex.Pattern;

/**
 * Masks personal data in customer text before it is shown outside the conversation (reports,
 * logs): e-mail addresses, card numbers and phone numbers. Thread-safe.
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** 13–19 digits, optionally grouped by spaces or dashes: a payment card. */
    private static final Pattern CARD = Pattern.compile("(?<![\\p{N}])(?:\\p{N}[ -]?){12,18}\\p{N}(?![\\p{N}])");
    /** 10–12 digits with optional +, spaces, dashes, dots and brackets: a phone (shorter runs are order numbers, dates, prices). */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{N}+])\\+?(?:\\p{N}[\\s().-]{0,2}){9,11}\\p{N}(?![\\p{N}])");

    private PersonalData() {
    }

    /** The text with e-mails as {@code [email]}, card numbers as {@code [card]} and phone numbers as {@code [phone]}. */
    public static String mask(String text) {
        var masked = EMAIL.matcher(text).replaceAll("[email]");
        masked = CARD.matcher(masked).replaceAll("[card]");
        return PHONE.matcher(masked).replaceAll("[phone]");
    }
}
