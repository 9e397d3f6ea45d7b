package org.supportbot.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.CustomerTurn;
import org.supportbot.conversation.PersonalData;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;

/**
 * Computes {@link SupportReport}s from the stored conversations and tickets. A report reads every
 * message of its period from the store: it is for dashboards and scrapes, not for the hot path.
 * The rolling last-24-hours report is kept for {@link #RECENT_FOR}, so frequent scrapes cost one
 * computation a minute. Thread-safe.
 */
@Service
public class SupportAnalytics {

    /** The longest period a report may cover. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);
    static final Duration RECENT_FOR = Duration.ofSeconds(60);
    static final int TOP_UNANSWERED = 15;

    private final ConversationEngine conversations;
    private final Handoff handoff;
    private final KnowledgeBase knowledge;
    private final Clock clock;
    private volatile @Nullable SupportReport recent;
    private volatile Instant recentAt = Instant.MIN;

    SupportAnalytics(ConversationEngine conversations, Handoff handoff, KnowledgeBase knowledge, Clock clock) {
        this.conversations = conversations;
        this.handoff = handoff;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    /** The time zone days are counted in: the operators' working-hours zone. */
    public ZoneId zone() {
        return handoff.hours().zone();
    }

    /** The report of the last 24 hours, at most a minute old. */
    public SupportReport lastDay() {
        var now = clock.instant();
        var report = recent;
        if (report == null || recentAt.plus(RECENT_FOR).isBefore(now)) {
            synchronized (this) {
                report = recent;
                if (report == null || recentAt.plus(RECENT_FOR).isBefore(now)) {
                    report = report(now.minus(Duration.ofDays(1)), now);
                    recent = report;
                    recentAt = now;
                }
            }
        }
        return report;
    }

    /**
     * The report of from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}, or the period is longer than {@link #MAX_PERIOD}
     */
    public SupportReport report(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " … " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("the period is longer than " + MAX_PERIOD.toDays() + " days");
        }
        var zone = zone();
        var tally = new Tally();
        conversations.customerTurns(from, to, turn -> tally.add(turn, zone));

        var escalated = new HashSet<String>();
        var firstResponse = new ArrayList<Long>();
        var handling = new ArrayList<Long>();
        var csat = new long[5];
        long resolved = 0;
        long tickets = 0;
        var reasons = new Breakdown.Tally();
        var tags = new Breakdown.Tally();
        for (var ticket : handoff.openedBetween(from, to)) {
            tickets++;
            if (ticket.closeReason() != null) {
                reasons.add(ticket.closeReason(), ticket.csat());
            }
            ticket.tags().forEach(tag -> tags.add(tag, ticket.csat()));
            escalated.add(ticket.conversation());
            tally.day(LocalDate.ofInstant(ticket.openedAt(), zone)).escalations++;
            if (ticket.firstResponseAt() != null) {
                firstResponse.add(Duration.between(ticket.openedAt(), ticket.firstResponseAt()).toSeconds());
            }
            if (ticket.status() == TicketStatus.RESOLVED && ticket.closedAt() != null) {
                resolved++;
                var start = ticket.assignedAt() != null ? ticket.assignedAt() : ticket.openedAt();
                handling.add(Math.max(0, Duration.between(start, ticket.closedAt()).toSeconds()));
            }
            if (ticket.csat() != null && ticket.csat() >= 1 && ticket.csat() <= 5) {
                csat[ticket.csat() - 1]++;
            }
        }
        long total = tally.conversations.size();
        long escalatedHere = tally.conversations.stream().filter(escalated::contains).count();
        long ratings = Arrays.stream(csat).sum();
        double ratingSum = 0;
        for (int i = 0; i < 5; i++) {
            ratingSum += (i + 1) * csat[i];
        }
        return new SupportReport(from, to, total, tally.messages,
                total == 0 ? null : (double) (total - escalatedHere) / total,
                total == 0 ? null : (double) escalatedHere / total,
                tickets, resolved, durations(firstResponse), durations(handling),
                ratings == 0 ? null : ratingSum / ratings, Arrays.stream(csat).boxed().toList(),
                intents(tally), unanswered(tally), days(tally, from, to, zone), tally.channels(), reasons.list(), tags.list());
    }

    private List<SupportReport.IntentVolume> intents(Tally tally) {
        return tally.intents.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed().thenComparing(Map.Entry::getKey))
                .map(e -> new SupportReport.IntentVolume(e.getKey(), knowledge.title(e.getKey(), Language.RU), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    private static List<SupportReport.Unanswered> unanswered(Tally tally) {
        return tally.unanswered.values().stream()
                .sorted(Comparator.comparingLong((Question q) -> q.count).reversed().thenComparing(q -> q.lastAt, Comparator.reverseOrder()))
                .limit(TOP_UNANSWERED)
                .map(q -> new SupportReport.Unanswered(q.example, q.count, q.lastAt, q.closestIntent))
                .toList();
    }

    private static List<SupportReport.Day> days(Tally tally, Instant from, Instant to, ZoneId zone) {
        var days = new ArrayList<SupportReport.Day>();
        var last = LocalDate.ofInstant(to.minusNanos(1), zone);
        for (var date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            var day = tally.days.get(date);
            days.add(day == null ? new SupportReport.Day(date, 0, 0, 0)
                    : new SupportReport.Day(date, day.conversations.size(), day.messages, day.escalations));
        }
        return days;
    }

    static SupportReport.Durations durations(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return new SupportReport.Durations(0, null, null);
        }
        var sorted = seconds.stream().sorted().toList();
        return new SupportReport.Durations(sorted.size(), percentile(sorted, 50), percentile(sorted, 90));
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The wording questions are grouped by: lower case, letters and digits only, single spaces. */
    static String wording(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static final class DayTally {
        final Set<String> conversations = new HashSet<>();
        long messages;
        long escalations;
    }

    private static final class Question {
        final String example;
        long count;
        Instant lastAt;
        @Nullable String closestIntent;

        Question(String example, Instant at) {
            this.example = example;
            this.lastAt = at;
        }
    }

    private static final class Tally {
        final Set<String> conversations = new HashSet<>();
        final Map<String, Set<String>> channelConversations = new HashMap<>();
        final Map<String, long[]> intents = new HashMap<>();
        final Map<String, Question> unanswered = new HashMap<>();
        final Map<LocalDate, DayTally> days = new TreeMap<>();
        long messages;

        void add(CustomerTurn turn, ZoneId zone) {
            messages++;
            conversations.add(turn.conversation());
            channelConversations.computeIfAbsent(turn.channel(), c -> new HashSet<>()).add(turn.conversation());
            var day = day(LocalDate.ofInstant(turn.at(), zone));
            day.messages++;
            day.conversations.add(turn.conversation());
            boolean typed = !turn.text().startsWith("[") && !turn.text().startsWith("/"); // not a button or a command
            if (typed && turn.intent() != null && !turn.intent().equals("oos")) {
                var counts = intents.computeIfAbsent(turn.intent(), i -> new long[2]);
                counts[0]++;
                if ("answer".equals(turn.decision())) {
                    counts[1]++;
                }
            }
            boolean couldNotAnswer = "clarify".equals(turn.decision())
                    || ("escalate".equals(turn.decision()) && !"customer_request".equals(turn.reason()));
            if (couldNotAnswer && typed) {
                var key = wording(turn.text());
                if (!key.isEmpty()) {
                    var question = unanswered.computeIfAbsent(key, k -> new Question(PersonalData.mask(turn.text().strip()), turn.at()));
                    question.count++;
                    if (turn.at().isAfter(question.lastAt)) {
                        question.lastAt = turn.at();
                    }
                    if (turn.intent() != null && !turn.intent().equals("oos")) {
                        question.closestIntent = turn.intent();
                    }
                }
            }
        }

        DayTally day(LocalDate date) {
            return days.computeIfAbsent(date, d -> new DayTally());
        }

        Map<String, Long> channels() {
            var counts = new TreeMap<String, Long>();
            channelConversations.forEach((channel, ids) -> counts.put(channel, (long) ids.size()));
            return counts;
        }
    }
}
