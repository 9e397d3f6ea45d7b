package org.supportbot.channel.telegram;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Ticket;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.knowledge.Messages;

/**
 * What the bot writes in the operator group, in the operators' language
 * ({@code supportbot.telegram.operator-language}: {@code ru}, the default, or {@code en}).
 * The wording is the editors' ({@code messages/operators.yaml}); texts are plain: the sender escapes them.
 */
@Component
@Conditional(TelegramEnabled.class)
class OperatorGroupText {

    static final int HEADER_LINES = 10;

    private final Supplier<Messages> messages;
    private final Language language;
    private final RandomGenerator random = RandomGenerator.getDefault();

    @Autowired
    OperatorGroupText(KnowledgeBase knowledge, @Value("${supportbot.telegram.operator-language:ru}") String language) {
        // The serving content's messages at each call: an edit of messages/ shows after its reload.
        this(() -> knowledge.content().messages(), language);
    }

    OperatorGroupText(Supplier<Messages> messages, String language) {
        this.messages = messages;
        this.language = language.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Language.EN : Language.RU;
    }

    /** A message without placeholders, in the operators' language. */
    String get(MessageKey key) {
        return get(key, Map.of());
    }

    String taken(@Nullable String operator) {
        return get(MessageKey.OPERATORS_TAKEN, Map.of("operator", String.valueOf(operator)));
    }

    String transferred(String queue, String by) {
        return get(MessageKey.OPERATORS_TRANSFERRED, Map.of("queue", queue, "by", by));
    }

    String overdue(long minutes) {
        return get(MessageKey.OPERATORS_OVERDUE, Map.of("minutes", Long.toString(minutes)));
    }

    String resolved(String by) {
        return get(MessageKey.OPERATORS_RESOLVED, Map.of("by", by));
    }

    String returned(String by) {
        return get(MessageKey.OPERATORS_RETURNED, Map.of("by", by));
    }

    String unknownCommand(String command) {
        return get(MessageKey.OPERATORS_UNKNOWN_COMMAND, Map.of("command", command));
    }

    /** A message with its placeholders filled, in the operators' language. */
    String get(MessageKey key, Map<String, String> values) {
        return messages.get().text(key, language, null, random, values);
    }

    /** The topic's title: number, customer, queue (Telegram allows 128 characters). */
    String topicName(Ticket ticket) {
        var name = "#" + ticket.number() + " · " + (ticket.customerName() == null ? ticket.channel() : ticket.customerName()) + " · " + ticket.queue();
        return name.length() > 128 ? name.substring(0, 127) + "…" : name;
    }

    /** The first message of a ticket's topic: who, where, what about, how long, and the recent conversation. */
    String header(Ticket ticket, Instant now) {
        var text = new StringBuilder();
        text.append("🆕 ").append(get(MessageKey.OPERATORS_TICKET)).append(" #").append(ticket.number()).append(" · ")
                .append(ticket.customerName() == null ? "—" : ticket.customerName()).append('\n');
        text.append(get(MessageKey.OPERATORS_CHANNEL)).append(": ").append(ticket.channel()).append(" · ")
                .append(get(MessageKey.OPERATORS_INTENT)).append(": ").append(ticket.intent() == null ? "—" : ticket.intent()).append(" · ")
                .append(get(MessageKey.OPERATORS_QUEUE)).append(": ").append(ticket.queue()).append(" · ")
                .append(get(MessageKey.OPERATORS_REASON)).append(": ").append(ticket.reason()).append('\n');
        text.append(get(MessageKey.OPERATORS_WAITING)).append(": ").append(ticket.waited(now).toMinutes()).append(' ').append(get(MessageKey.OPERATORS_MIN)).append(" · ")
                .append(get(MessageKey.OPERATORS_DUE)).append(' ')
                .append(DateTimeFormatter.ISO_INSTANT.format(ticket.slaDueAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))
                .append('\n');
        if (!ticket.context().isEmpty()) { // what the store actions learnt: the order, its status, whether it was proved
            text.append("🧾 ").append(get(MessageKey.OPERATORS_CONTEXT)).append(": ");
            ticket.context().forEach((key, value) -> text.append(key).append(" = ").append(shorten(value, 100)).append(" · "));
            text.setLength(text.length() - 3);
            text.append('\n');
        }
        var lines = ticket.transcript();
        if (!lines.isEmpty()) {
            text.append('\n').append("— ").append(get(MessageKey.OPERATORS_CONVERSATION)).append(" —\n");
            for (var line : lines.subList(Math.max(0, lines.size() - HEADER_LINES), lines.size())) {
                text.append(icon(line.author())).append(' ').append(shorten(line.text(), 300));
                if (line.intent() != null) {
                    text.append(String.format(Locale.ROOT, "  [%s %.2f]", line.intent(), line.confidence()));
                }
                text.append('\n');
            }
        }
        text.append('\n').append(get(MessageKey.OPERATORS_HELP));
        return text.toString();
    }

    static String icon(String author) {
        return switch (author) {
            case "customer" -> "👤";
            case "operator" -> "🧑‍💼";
            default -> "🤖";
        };
    }

    static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

}
