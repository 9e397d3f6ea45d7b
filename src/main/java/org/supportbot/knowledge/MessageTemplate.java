package org.supportbot.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One variation of a message, parsed once at load: literal text, {@code {placeholder}}s and
 * {@code {count, plural, one{…} few{…} many{…}}} choices. Parse with {@link MessageTemplateParser}.
 *
 * @param source the text as the editor wrote it
 * @param parts what it renders, in order
 */
record MessageTemplate(String source, List<Part> parts) {

    MessageTemplate {
        Objects.requireNonNull(source, "source");
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    sealed interface Part permits Text, Value, Plural {

        boolean uses(String placeholder);

        void render(Map<String, String> values, Language language, StringBuilder text);
    }

    /** Text shown as written. */
    record Text(String text) implements Part {

        @Override
        public boolean uses(String placeholder) {
            return false;
        }

        @Override
        public void render(Map<String, String> values, Language language, StringBuilder out) {
            out.append(text);
        }
    }

    /** A placeholder's value; kept as {@code {name}} when no value is given, as the bot has always done. */
    record Value(String name) implements Part {

        @Override
        public boolean uses(String placeholder) {
            return name.equals(placeholder);
        }

        @Override
        public void render(Map<String, String> values, Language language, StringBuilder out) {
            var value = values.get(name);
            out.append(value != null ? value : "{" + name + "}");
        }
    }

    /** The form of {@code forms} that the number in placeholder {@code name} takes. */
    record Plural(String name, Map<String, List<Part>> forms) implements Part {

        Plural {
            forms = Map.copyOf(forms);
        }

        @Override
        public boolean uses(String placeholder) {
            return name.equals(placeholder) || forms.values().stream().flatMap(List::stream).anyMatch(part -> part.uses(placeholder));
        }

        @Override
        public void render(Map<String, String> values, Language language, StringBuilder out) {
            forms.get(form(values.get(name), language)).forEach(part -> part.render(values, language, out));
        }
    }

    /** Whether the template shows this placeholder anywhere, plurals included. */
    boolean uses(String placeholder) {
        return parts.stream().anyMatch(part -> part.uses(placeholder));
    }

    /**
     * The text with placeholders filled from {@code values}. A plural whose value is missing or not
     * a whole number takes the language's most general form ({@code many}, {@code other}).
     */
    String render(Map<String, String> values, Language language) {
        var text = new StringBuilder(source.length() + 32);
        parts.forEach(part -> part.render(values, language, text));
        return text.toString();
    }

    private static String form(@Nullable String value, Language language) {
        if (value == null) {
            return Plurals.fallback(language);
        }
        try {
            return Plurals.form(Long.parseLong(value.strip()), language);
        } catch (NumberFormatException e) {
            return Plurals.fallback(language);
        }
    }
}
