package org.supportbot.channel;

import java.util.ArrayList;
import java.util.List;

/** Cuts a reply that is too long for one platform message into readable parts. Stateless. */
public final class MessageSplitter {

    private MessageSplitter() {
    }

    /**
     * Splits text into parts of at most {@code max} characters, cutting at the last paragraph break
     * that leaves a part of at least half the limit, else at a line break, a sentence end, a space,
     * and only as a last resort inside a word (never inside a surrogate pair). Whitespace around a
     * cut is dropped. A text within the limit comes back whole.
     *
     * @throws IllegalArgumentException when {@code max} is less than 2
     */
    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2, got " + max);
        }
        var parts = new ArrayList<String>();
        var rest = text;
        while (rest.length() > max) {
            int cut = cutPoint(rest, max);
            var part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Where the first part ends (exclusive): at most {@code max}, and more than 0. */
    private static int cutPoint(String text, int max) {
        int min = max / 2;
        int paragraph = text.lastIndexOf("\n\n", max);
        if (paragraph >= min) {
            return paragraph;
        }
        int line = text.lastIndexOf('\n', max);
        if (line >= min) {
            return line;
        }
        for (int i = max - 1; i >= min; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '…') && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        for (int i = max; i >= min; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return Character.isHighSurrogate(text.charAt(max - 1)) && Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    }
}
