package org.supportbot.handoff;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/**
 * A customer's request for a person, as stored in the {@code tickets} collection.
 *
 * @param number the ticket's number, unique and growing: how operators and the API name it ("#1042")
 * @param conversation the conversation id, {@code <channel>:<chat>}
 * @param channel the customer's channel ({@code telegram}, {@code vk}, {@code web})
 * @param customerName the customer's first name, if known
 * @param language the language the customer writes in
 * @param intent what the bot understood last (may be {@code oos}), if anything
 * @param reason why the bot handed over ({@code customer_request}, {@code out_of_scope}, {@code low_confidence}…)
 * @param queue the operator queue it is routed to
 * @param priority higher goes first; complaints start higher, an overdue ticket is raised
 * @param status where it is in its life
 * @param operator the login of the operator holding it, if assigned
 * @param operatorName that operator's display name
 * @param openedAt when the customer was handed over
 * @param assignedAt when an operator took it last
 * @param firstResponseAt when an operator first wrote to the customer
 * @param closedAt when it was resolved, returned or cancelled
 * @param slaDueAt the first-response target: an operator should have written by then
 * @param overdue whether it missed {@code slaDueAt} while waiting
 * @param csat the customer's rating 1–5 after resolution
 * @param comment the customer's comment on the rating
 * @param transcript the conversation before the hand-over, oldest first
 * @param history every step of the ticket, oldest first
 * @param context what the bot's store actions learnt before the hand-over (order number, status,
 *        {@code verified} yes/no), shown to operators so the customer never repeats it; empty when none
 * @param notes operators' private notes, oldest first: never shown to the customer
 * @param closeReason why an operator closed it ({@code resolved}, {@code duplicate}, {@code spam}…), if they did
 * @param tags operators' free tags, sorted
 */
public record Ticket(long number, String conversation, String channel, @Nullable String customerName, Language language,
        @Nullable String intent, String reason, String queue, int priority, TicketStatus status,
        @Nullable String operator, @Nullable String operatorName, Instant openedAt, @Nullable Instant assignedAt,
        @Nullable Instant firstResponseAt, @Nullable Instant closedAt, Instant slaDueAt, boolean overdue,
        @Nullable Integer csat, @Nullable String comment, List<Line> transcript, List<Step> history, Map<String, String> context,
        List<Note> notes, @Nullable String closeReason, List<String> tags) {

    /** The close reason of junk: such a ticket asks the customer for no rating. */
    public static final String SPAM = "spam";

    public Ticket {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(slaDueAt, "slaDueAt");
        transcript = List.copyOf(transcript);
        history = List.copyOf(history);
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        notes = List.copyOf(notes);
        tags = List.copyOf(new java.util.TreeSet<>(tags));
    }

    /** A ticket without context, notes, close reason or tags (the parameter list before they existed). */
    public Ticket(long number, String conversation, String channel, @Nullable String customerName, Language language,
            @Nullable String intent, String reason, String queue, int priority, TicketStatus status,
            @Nullable String operator, @Nullable String operatorName, Instant openedAt, @Nullable Instant assignedAt,
            @Nullable Instant firstResponseAt, @Nullable Instant closedAt, Instant slaDueAt, boolean overdue,
            @Nullable Integer csat, @Nullable String comment, List<Line> transcript, List<Step> history) {
        this(number, conversation, channel, customerName, language, intent, reason, queue, priority, status, operator, operatorName,
                openedAt, assignedAt, firstResponseAt, closedAt, slaDueAt, overdue, csat, comment, transcript, history, Map.of(), List.of(), null, List.of());
    }

    /** A ticket with what the store actions learnt, and no notes, close reason or tags. */
    public Ticket(long number, String conversation, String channel, @Nullable String customerName, Language language,
            @Nullable String intent, String reason, String queue, int priority, TicketStatus status,
            @Nullable String operator, @Nullable String operatorName, Instant openedAt, @Nullable Instant assignedAt,
            @Nullable Instant firstResponseAt, @Nullable Instant closedAt, Instant slaDueAt, boolean overdue,
            @Nullable Integer csat, @Nullable String comment, List<Line> transcript, List<Step> history, Map<String, String> context) {
        this(number, conversation, channel, customerName, language, intent, reason, queue, priority, status, operator, operatorName,
                openedAt, assignedAt, firstResponseAt, closedAt, slaDueAt, overdue, csat, comment, transcript, history, context, List.of(), null, List.of());
    }

    /** A ticket with notes, a close reason and tags, and no store context. */
    public Ticket(long number, String conversation, String channel, @Nullable String customerName, Language language,
            @Nullable String intent, String reason, String queue, int priority, TicketStatus status,
            @Nullable String operator, @Nullable String operatorName, Instant openedAt, @Nullable Instant assignedAt,
            @Nullable Instant firstResponseAt, @Nullable Instant closedAt, Instant slaDueAt, boolean overdue,
            @Nullable Integer csat, @Nullable String comment, List<Line> transcript, List<Step> history, List<Note> notes,
            @Nullable String closeReason, List<String> tags) {
        this(number, conversation, channel, customerName, language, intent, reason, queue, priority, status, operator, operatorName,
                openedAt, assignedAt, firstResponseAt, closedAt, slaDueAt, overdue, csat, comment, transcript, history, Map.of(), notes, closeReason, tags);
    }

    /**
     * An operator's private note on the ticket: operators see it in the console and the topic; the
     * customer never does.
     *
     * @param by the operator's login
     * @param byName their display name
     */
    public record Note(Instant at, String by, String byName, String text) {
        public Note {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(byName, "byName");
            Objects.requireNonNull(text, "text");
        }
    }

    /** One message of the conversation. {@code author} is {@code customer}, {@code bot} or {@code operator}. */
    public record Line(String author, String text, Instant at, @Nullable String intent, double confidence) {
        public Line {
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(at, "at");
        }
    }

    /** One step of the ticket's life: {@code action} is {@code opened}, {@code assigned}, {@code transferred}… */
    public record Step(Instant at, String action, @Nullable String by, @Nullable String detail) {
        public Step {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
        }
    }

    /** Whether closing it asks the customer for a rating: resolved, and not as {@value #SPAM}. */
    public boolean asksForRating() {
        return status == TicketStatus.RESOLVED && !SPAM.equals(closeReason);
    }

    /** Whether it still needs a person. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** How long the customer has waited for a first answer (until now if none yet). */
    public Duration waited(Instant now) {
        var end = firstResponseAt != null ? firstResponseAt : closedAt != null ? closedAt : now;
        return Duration.between(openedAt, end).isNegative() ? Duration.ZERO : Duration.between(openedAt, end);
    }
}
