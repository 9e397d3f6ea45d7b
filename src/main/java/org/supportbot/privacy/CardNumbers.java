package org.supportbot.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers in customer text: 13–19 digits, optionally grouped by spaces or dashes,
 * that pass the Luhn check (so order numbers and phones mostly do not). The text is masked before
 * it is stored or logged anywhere; operators see the last four digits, which PCI DSS allows.
 * Thread-safe.
 */
public final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\p{N}])(?:\\p{N}[ -]?){12,18}\\p{N}(?![\\p{N}])");
    /** What a masked number looks like: {@code [card ****1234]}. */
    static final String MASK = "[card ****%s]";
    private static final Pattern MASKED = Pattern.compile("\\[card \\*\\*\\*\\*\\d{4}]");

    private CardNumbers() {
    }

    /** The text with every card number as {@code [card ****1234]}; the same text when it has none. */
    public static String mask(String text) {
        var matcher = CANDIDATE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        do {
            var digits = digits(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    luhn(digits) ? String.format(java.util.Locale.ROOT, MASK, digits.substring(digits.length() - 4)) : matcher.group()));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** Whether {@code text} holds a number {@link #mask} masked: the customer typed a card. */
    public static boolean masked(String text) {
        return MASKED.matcher(text).find();
    }

    private static String digits(String group) {
        var digits = new StringBuilder(group.length());
        group.codePoints().filter(Character::isDigit).forEach(c -> digits.append(Character.forDigit(Character.digit(c, 10), 10)));
        return digits.toString();
    }

    /** The Luhn checksum every payment card number passes. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return digits.length() >= 13 && digits.length() <= 19 && sum % 10 == 0;
    }
}
