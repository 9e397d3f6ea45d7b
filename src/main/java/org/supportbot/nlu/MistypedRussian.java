package org.supportbot.nlu;

import java.util.List;
import java.util.Map;

/**
 * Readings of a Latin-letter message as the Russian it may have been meant to be: typed with the
 * English keyboard layout switched on ("ghbdtn" for «привет»), or transliterated ("privet").
 */
final class MistypedRussian {

    private static final String LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
    private static final String RUSSIAN_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё";

    /** Longest sequences first, so that "shch" is not read as "s" + "h" + ... */
    private static final List<Map.Entry<String, String>> TRANSLITERATION = List.of(
            Map.entry("shch", "щ"), Map.entry("sch", "щ"), Map.entry("zh", "ж"), Map.entry("kh", "х"),
            Map.entry("ch", "ч"), Map.entry("sh", "ш"), Map.entry("ts", "ц"), Map.entry("yu", "ю"),
            Map.entry("ya", "я"), Map.entry("yo", "е"), Map.entry("ye", "е"), Map.entry("ju", "ю"),
            Map.entry("ja", "я"), Map.entry("jo", "е"), Map.entry("iy", "ий"), Map.entry("a", "а"),
            Map.entry("b", "б"), Map.entry("v", "в"), Map.entry("g", "г"), Map.entry("d", "д"),
            Map.entry("e", "е"), Map.entry("z", "з"), Map.entry("i", "и"), Map.entry("y", "ы"),
            Map.entry("k", "к"), Map.entry("l", "л"), Map.entry("m", "м"), Map.entry("n", "н"),
            Map.entry("o", "о"), Map.entry("p", "п"), Map.entry("r", "р"), Map.entry("s", "с"),
            Map.entry("t", "т"), Map.entry("u", "у"), Map.entry("f", "ф"), Map.entry("h", "х"),
            Map.entry("c", "ц"), Map.entry("w", "в"), Map.entry("x", "кс"), Map.entry("j", "й"),
            Map.entry("q", "к"), Map.entry("'", "ь"));

    private MistypedRussian() {
    }

    /**
     * Fewest Latin letters a message needs to be read as Russian: shorter ones ("ty", "ok") are too
     * often English, and any two letters read as some Russian word.
     */
    static final int MIN_LETTERS = 4;

    /** Whether a message could be mistyped Russian: it has {@link #MIN_LETTERS} Latin letters or more and no Cyrillic ones. */
    static boolean mayBe(String text) {
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.UnicodeBlock.of(ch) == Character.UnicodeBlock.CYRILLIC) {
                return false;
            }
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
                latin++;
            }
        }
        return latin >= MIN_LETTERS;
    }

    /** The message as typed on the Russian layout: each key of the English layout becomes its Russian letter. */
    static String switchLayout(String text) {
        var result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int key = LATIN_KEYS.indexOf(Character.toLowerCase(ch));
            if (key < 0) {
                // Shifted keys of the Russian letters on [ ] ; ' , . `
                key = "{}:\"<>~".indexOf(ch) >= 0 ? LATIN_KEYS.indexOf("[];',.`".charAt("{}:\"<>~".indexOf(ch))) : -1;
            }
            if (key < 0) {
                result.append(ch);
            } else {
                char russian = RUSSIAN_KEYS.charAt(key);
                result.append(Character.isUpperCase(ch) ? Character.toUpperCase(russian) : russian);
            }
        }
        return result.toString();
    }

    /** The message read as Russian in Latin letters ("privet" → «привет»). */
    static String transliterate(String text) {
        var lower = text.toLowerCase(java.util.Locale.ROOT);
        var result = new StringBuilder(lower.length());
        int i = 0;
        outer:
        while (i < lower.length()) {
            for (var entry : TRANSLITERATION) {
                if (lower.startsWith(entry.getKey(), i)) {
                    result.append(entry.getValue());
                    i += entry.getKey().length();
                    continue outer;
                }
            }
            result.append(lower.charAt(i++));
        }
        return result.toString();
    }
}
