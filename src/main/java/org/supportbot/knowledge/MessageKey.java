package org.supportbot.knowledge;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every message the bot says in its own words, with the placeholders its texts may use. The texts
 * themselves live in {@code messages/*.yaml}, where editors name them by {@link #key()}.
 *
 * <p>Customer-facing messages may all use {@code {name}}: a variation with it is chosen only when
 * the customer's name is known. A {@link #single()} message is a label or a word built into other
 * text: it has exactly one text per language.
 */
public enum MessageKey {
    // What the bot says to customers outside the knowledge base.
    START, CLARIFY, HANDOFF, HANDOFF_LATER, ALREADY_WAITING, NON_TEXT, EMPTY, REPHRASE, GIVING_UP,
    FEEDBACK_QUESTION, FEEDBACK_THANKS, FEEDBACK_SORRY,
    QUEUED("position", "wait"),
    QUEUED_NEXT("position", "wait"),
    AFTER_HOURS("schedule", "when"),
    RELAYED("position", "wait"),
    WITH_OPERATOR_ALREADY("operator"),
    OPERATOR_JOINED("operator"),
    REACHED_FRONT,
    TRANSFERRED("position", "wait"),
    BACK_TO_BOT, CANCELLED, NOTHING_TO_CANCEL, CSAT_QUESTION, CSAT_THANKS, COMMENT_THANKS, UNKNOWN_BUTTON,
    // Store actions (actions/*.yaml): proving an order is the customer's, leaving an action.
    ACTION_VERIFY("order"), ACTION_VERIFY_CONTACT("order"), ACTION_NOT_OWN_CONTACT, ACTION_PHONE_SAVED, ACTION_LEFT,
    CARD_WARNING, PRIVACY("url"), PRIVACY_NO_POLICY,

    // Button labels and the words of durations and times, built into the messages above.
    BUTTON_YES(Kind.WORD), BUTTON_NO(Kind.WORD), BUTTON_CANCEL_WAITING(Kind.WORD), BUTTON_SHARE_PHONE(Kind.WORD),
    DURATION_MINUTES(Kind.WORD, "count"), DURATION_HOURS(Kind.WORD, "count"), DURATION_DAYS(Kind.WORD, "count"),
    WHEN(Kind.WORD, "day", "time", "zone"),
    DAY_MONDAY(Kind.WORD), DAY_TUESDAY(Kind.WORD), DAY_WEDNESDAY(Kind.WORD), DAY_THURSDAY(Kind.WORD),
    DAY_FRIDAY(Kind.WORD), DAY_SATURDAY(Kind.WORD), DAY_SUNDAY(Kind.WORD),

    // The operators' Telegram group: labels of a ticket's header, then notices and answers to commands.
    OPERATORS_TICKET(Kind.WORD), OPERATORS_CHANNEL(Kind.WORD), OPERATORS_INTENT(Kind.WORD), OPERATORS_QUEUE(Kind.WORD),
    OPERATORS_REASON(Kind.WORD), OPERATORS_WAITING(Kind.WORD), OPERATORS_MIN(Kind.WORD), OPERATORS_DUE(Kind.WORD),
    OPERATORS_CONVERSATION(Kind.WORD), OPERATORS_CONTEXT(Kind.WORD), OPERATORS_HELP(Kind.OPERATORS),
    OPERATORS_TAKEN(Kind.OPERATORS, "operator"),
    OPERATORS_TRANSFERRED(Kind.OPERATORS, "queue", "by"),
    OPERATORS_OVERDUE(Kind.OPERATORS, "minutes"),
    OPERATORS_RESOLVED(Kind.OPERATORS, "by"),
    OPERATORS_RETURNED(Kind.OPERATORS, "by"),
    OPERATORS_CANCELLED(Kind.OPERATORS), OPERATORS_NOT_OPERATOR(Kind.OPERATORS), OPERATORS_NO_TICKET(Kind.OPERATORS),
    OPERATORS_TEXT_ONLY(Kind.OPERATORS), OPERATORS_TRANSFER_USAGE(Kind.OPERATORS),
    OPERATORS_UNKNOWN_COMMAND(Kind.OPERATORS, "command"),
    OPERATORS_QUEUE_EMPTY(Kind.OPERATORS), OPERATORS_CLOSED_HINT(Kind.OPERATORS),
    // Operators' tools in the group: notes, saved replies, close reasons, tags.
    OPERATORS_NOTE(Kind.OPERATORS, "by", "text"), OPERATORS_NOTE_SAVED(Kind.OPERATORS), OPERATORS_NOTE_USAGE(Kind.OPERATORS),
    OPERATORS_NOTES(Kind.OPERATORS, "notes"),
    OPERATORS_REPLY_USAGE(Kind.OPERATORS, "shortcuts"), OPERATORS_REPLY_UNKNOWN(Kind.OPERATORS, "shortcut", "shortcuts"),
    OPERATORS_CLOSED_AS(Kind.OPERATORS, "reason", "by"), OPERATORS_CLOSED_SPAM(Kind.OPERATORS, "by"),
    OPERATORS_TAGGED(Kind.OPERATORS, "tags"), OPERATORS_TAG_USAGE(Kind.OPERATORS),
    OPERATORS_LINKED(Kind.OPERATORS, "channels", "tickets");

    /** Who reads a message, which decides whether it may greet by name and vary. */
    private enum Kind { CUSTOMER, WORD, OPERATORS }

    private static final String NAME = "name";

    private final Kind kind;
    private final Set<String> placeholders;

    MessageKey(String... placeholders) {
        this(Kind.CUSTOMER, placeholders);
    }

    MessageKey(Kind kind, String... placeholders) {
        this.kind = kind;
        var all = new java.util.TreeSet<>(Set.of(placeholders));
        if (kind == Kind.CUSTOMER) {
            all.add(NAME);
        }
        this.placeholders = Set.copyOf(all);
    }

    /**
     * The name editors use in {@code messages/*.yaml}: the constant in lower case, the first
     * underscore of a group's prefix a dot ({@code queued_next}, {@code button.yes},
     * {@code duration.minutes}, {@code operators.not_operator}).
     */
    public String key() {
        var lower = name().toLowerCase(Locale.ROOT);
        for (var group : new String[] {"button_", "duration_", "day_", "operators_"}) {
            if (lower.startsWith(group)) {
                return group.substring(0, group.length() - 1) + "." + lower.substring(group.length());
            }
        }
        return lower;
    }

    /** The placeholders its texts may use, {@code name} included where allowed. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** Whether it has exactly one text per language (labels, words): no variations, no {@code {name}}. */
    public boolean single() {
        return kind == Kind.WORD;
    }

    /** The message an editor names by {@code key}; empty when there is none. */
    public static Optional<MessageKey> fromKey(String key) {
        for (var messageKey : values()) {
            if (messageKey.key().equals(key)) {
                return Optional.of(messageKey);
            }
        }
        return Optional.empty();
    }
}
