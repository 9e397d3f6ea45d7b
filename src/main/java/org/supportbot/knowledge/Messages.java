package org.supportbot.knowledge;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The bot's own wording, as loaded from {@code messages/*.yaml}: every {@link MessageKey} with its
 * texts in every {@link Language}. Immutable and thread-safe; part of a {@link Content} snapshot.
 */
public final class Messages {

    private static final String NAME = "name";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<MessageKey, Map<Language, List<MessageTemplate>>> texts;

    /** @throws IllegalStateException when a key or a language has no text: loading checks that first */
    Messages(Map<MessageKey, Map<Language, List<MessageTemplate>>> texts) {
        var copy = new EnumMap<MessageKey, Map<Language, List<MessageTemplate>>>(MessageKey.class);
        for (var key : MessageKey.values()) {
            var byLanguage = new EnumMap<Language, List<MessageTemplate>>(Language.class);
            for (var language : Language.values()) {
                var variations = texts.getOrDefault(key, Map.of()).getOrDefault(language, List.of());
                if (variations.isEmpty()) {
                    throw new IllegalStateException("message '" + key.key() + "' has no " + language.code() + " text");
                }
                byLanguage.put(language, List.copyOf(variations));
            }
            copy.put(key, byLanguage);
        }
        this.texts = copy;
    }

    /** The texts the bot ships with, from the jar: what any message missing from {@code messages/} says. */
    public static Messages defaults() {
        return MessageBundles.defaults();
    }

    /**
     * One of the message's texts in {@code language}, picked with {@code random} among those that fit
     * (a text with {@code {name}} only when {@code name} is not null), its placeholders filled from
     * {@code values} and {@code name}. A placeholder without a value stays as written.
     *
     * <p>Always draws one {@code random.nextInt(candidates)}, even when a single text fits.
     */
    public String text(MessageKey key, Language language, @Nullable String name, RandomGenerator random, Map<String, String> values) {
        var candidates = texts.get(key).get(language).stream()
                .filter(text -> name != null || !text.uses(NAME))
                .toList();
        var template = candidates.get(random.nextInt(candidates.size()));
        if (name == null) {
            return template.render(values, language);
        }
        var withName = new HashMap<>(values);
        withName.put(NAME, name);
        return template.render(withName, language);
    }

    /** A label or word ({@link MessageKey#single()}): its one text, placeholders filled from {@code values}. */
    public String label(MessageKey key, Language language, Map<String, String> values) {
        return texts.get(key).get(language).get(0).render(values, language);
    }

    /** A duration as a customer reads it, rounded up to minutes, then to hours, then to days: "5 минут", "2 hours". */
    public String duration(Duration duration, Language language) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        if (minutes < 60) {
            return count(MessageKey.DURATION_MINUTES, minutes, language);
        }
        long hours = (minutes + 30) / 60;
        if (hours < 48) {
            return count(MessageKey.DURATION_HOURS, hours, language);
        }
        return count(MessageKey.DURATION_DAYS, (hours + 12) / 24, language);
    }

    private String count(MessageKey key, long count, Language language) {
        return label(key, language, Map.of("count", Long.toString(count)));
    }

    /** A moment as a customer reads it, with its day of the week: "в понедельник в 09:00 (Europe/Moscow)". */
    public String when(ZonedDateTime at, Language language) {
        return label(MessageKey.WHEN, language, Map.of(
                "day", label(day(at.getDayOfWeek()), language, Map.of()),
                "time", at.toLocalTime().format(TIME),
                "zone", at.getZone().getId()));
    }

    private static MessageKey day(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> MessageKey.DAY_MONDAY;
            case TUESDAY -> MessageKey.DAY_TUESDAY;
            case WEDNESDAY -> MessageKey.DAY_WEDNESDAY;
            case THURSDAY -> MessageKey.DAY_THURSDAY;
            case FRIDAY -> MessageKey.DAY_FRIDAY;
            case SATURDAY -> MessageKey.DAY_SATURDAY;
            case SUNDAY -> MessageKey.DAY_SUNDAY;
        };
    }

    /** The parsed texts of one message in one language, for checks. */
    List<MessageTemplate> variations(MessageKey key, Language language) {
        return texts.get(key).get(language);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Messages messages && texts.equals(messages.texts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(texts);
    }

    @Override
    public String toString() {
        return "Messages[" + texts.size() + " messages]";
    }
}
