package org.supportbot.curation;

import java.util.regex.Pattern;

/**
 * Masks personal data in customers' words before editors see them or they go into content files:
 * e-mail addresses, card numbers and phone numbers become {@code [email]}, {@code [card]}, {@code [phone]}.
 * Also makes the text one line. Digits shorter than a phone number (order numbers, sums) stay.
 */
final class PersonalData {

    static final int MAX_LENGTH = 300;
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** 13–19 digits, optionally grouped by spaces or dashes: a payment card. */
    private static final Pattern CARD = Pattern.compile("(?<![\\p{N}])(?:\\p{N}[ -]?){12,18}\\p{N}(?![\\p{N}])");
    /** 10–12 digits with optional +, spaces, dashes, dots and brackets: a phone. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{N}+])\\+?(?:\\p{N}[\\s().-]{0,2}){9,11}\\p{N}(?![\\p{N}])");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200B-\\u200F\\u2028\\u2029\\uFEFF]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PersonalData() {
    }

    /** The text on one line, without personal data, at most {@link #MAX_LENGTH} characters. */
    static String mask(String text) {
        var oneLine = SPACES.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
        var masked = EMAIL.matcher(oneLine).replaceAll("[email]");
        masked = CARD.matcher(masked).replaceAll("[card]");
        masked = PHONE.matcher(masked).replaceAll("[phone]");
        if (masked.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(masked.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            masked = masked.substring(0, end).strip();
        }
        return masked;
    }
}
