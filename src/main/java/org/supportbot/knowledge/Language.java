package org.supportbot.knowledge;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks. Content files name them by {@link #code()}. */
public enum Language {
    RU, EN;

    /** The code used in content files and APIs: {@code ru}, {@code en}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language with this code, ignoring case; empty when unknown. */
    public static Optional<Language> fromCode(String code) {
        for (var language : values()) {
            if (language.code().equalsIgnoreCase(code.strip())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * Detects the language of a customer's message by its letters: Cyrillic means Russian,
     * Latin means English. Text with neither (digits, emoji) gives {@code fallback}.
     */
    public static Language detect(String text, Language fallback) {
        int cyrillic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            var block = Character.UnicodeBlock.of(text.charAt(i));
            if (block == Character.UnicodeBlock.CYRILLIC) {
                cyrillic++;
            } else if (block == Character.UnicodeBlock.BASIC_LATIN && Character.isLetter(text.charAt(i))) {
                latin++;
            }
        }
        if (cyrillic == 0 && latin == 0) {
            return fallback;
        }
        return cyrillic >= latin ? RU : EN;
    }
}
