package org.supportbot.knowledge;

import java.util.List;

/**
 * Which plural form a whole number takes, by the CLDR rules for integers: Russian has
 * {@code one} (1, 21, 101), {@code few} (2–4, 22–24) and {@code many} (0, 5–20, 25…); English has
 * {@code one} (1) and {@code other}. Written here rather than pulled from ICU4J: two languages,
 * integers only.
 */
final class Plurals {

    private Plurals() {
    }

    /** The forms a plural must give in this language, in the order editors write them. */
    static List<String> forms(Language language) {
        return switch (language) {
            case RU -> List.of("one", "few", "many");
            case EN -> List.of("one", "other");
        };
    }

    /** The form {@code n} takes in this language; negative numbers follow their absolute value. */
    static String form(long n, Language language) {
        long abs = Math.abs(n);
        return switch (language) {
            case RU -> russian(abs);
            case EN -> abs == 1 ? "one" : "other";
        };
    }

    private static String russian(long n) {
        long mod10 = n % 10;
        long mod100 = n % 100;
        if (mod10 == 1 && mod100 != 11) {
            return "one";
        }
        if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
            return "few";
        }
        return "many";
    }

    /** The form used when the value is not a whole number: the last, most general one. */
    static String fallback(Language language) {
        var forms = forms(language);
        return forms.get(forms.size() - 1);
    }
}
