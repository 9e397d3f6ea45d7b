package org.supportbot.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The support figures of a period.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive
 * @param conversations conversations in which a customer wrote during the period
 * @param messages customers' messages in the period
 * @param selfServiceRate the share of those conversations the bot handled alone (no ticket opened); null without conversations
 * @param escalationRate the share of those conversations handed to a person; null without conversations
 * @param tickets tickets opened in the period
 * @param resolved of those, resolved by an operator
 * @param firstResponse time from hand-over to an operator's first message, over tickets that got one
 * @param handling time from an operator taking a ticket to resolving it, over resolved tickets
 * @param csatAverage the average rating 1–5; null without ratings
 * @param csatDistribution how many ratings of 1, 2, 3, 4 and 5 (index 0 is 1)
 * @param intents messages per recognised intent, most first
 * @param unanswered the questions the bot could not answer (escalated or clarified), grouped by wording, most first
 * @param days per day (in the working-hours time zone): conversations, messages and escalations
 * @param channels conversations per channel
 * @param closeReasons tickets of the period closed by an operator, and their ratings, per close reason
 * @param tags tickets of the period and their ratings per tag
 */
public record SupportReport(Instant from, Instant to, long conversations, long messages, @Nullable Double selfServiceRate,
        @Nullable Double escalationRate, long tickets, long resolved, Durations firstResponse, Durations handling,
        @Nullable Double csatAverage, List<Long> csatDistribution, List<IntentVolume> intents, List<Unanswered> unanswered,
        List<Day> days, Map<String, Long> channels, List<Breakdown> closeReasons, List<Breakdown> tags) {

    public SupportReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        csatDistribution = List.copyOf(csatDistribution);
        intents = List.copyOf(intents);
        unanswered = List.copyOf(unanswered);
        days = List.copyOf(days);
        channels = Map.copyOf(channels);
        closeReasons = List.copyOf(closeReasons);
        tags = List.copyOf(tags);
    }

    /** The figures without the breakdowns by close reason and tag. */
    public SupportReport(Instant from, Instant to, long conversations, long messages, @Nullable Double selfServiceRate,
            @Nullable Double escalationRate, long tickets, long resolved, Durations firstResponse, Durations handling,
            @Nullable Double csatAverage, List<Long> csatDistribution, List<IntentVolume> intents, List<Unanswered> unanswered,
            List<Day> days, Map<String, Long> channels) {
        this(from, to, conversations, messages, selfServiceRate, escalationRate, tickets, resolved, firstResponse, handling, csatAverage,
                csatDistribution, intents, unanswered, days, channels, List.of(), List.of());
    }

    /** Median and 90th percentile of a set of durations, in seconds; null when the set is empty. */
    public record Durations(long count, @Nullable Long medianSeconds, @Nullable Long p90Seconds) {
    }

    /** How often customers asked for an intent, and how often the bot answered it itself. */
    public record IntentVolume(String intent, String title, long messages, long answered) {
    }

    /** A question the bot could not answer: one example (personal data masked), how often, when last. */
    public record Unanswered(String text, long count, Instant lastAt, @Nullable String closestIntent) {
    }

    /** One day of the period. */
    public record Day(LocalDate date, long conversations, long messages, long escalations) {
    }
}
