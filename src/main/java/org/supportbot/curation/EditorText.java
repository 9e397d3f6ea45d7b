package org.supportbot.curation;

import java.util.regex.Pattern;
import org.supportbot.conversation.PersonalData;

/**
 * Customers' words as editors see them and as they go into content files: one line, personal data
 * masked ({@link PersonalData}: {@code [email]}, {@code [card]}, {@code [phone]}), at most
 * {@link #MAX_LENGTH} characters.
 */
final class EditorText {

    static final int MAX_LENGTH = 300;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200B-\\u200F\\u2028\\u2029\\uFEFF]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private EditorText() {
    }

    /** The text on one line, without personal data, at most {@link #MAX_LENGTH} characters. */
    static String clean(String text) {
        var masked = PersonalData.mask(SPACES.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").strip());
        if (masked.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(masked.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            masked = masked.substring(0, end).strip();
        }
        return masked;
    }
}
