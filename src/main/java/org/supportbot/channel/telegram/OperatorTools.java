package org.supportbot.channel.telegram;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.Ticket;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.MessageKey;

/**
 * The operators' tools in a ticket's topic: {@code /note <text>} (private, for colleagues),
 * {@code /r <shortcut>} (a saved reply from {@code replies/}, rendered for the customer),
 * {@code /close <reason>} and {@code /tag <tags>}. Each answers what to say in the topic, if anything.
 */
@Component
@Conditional(TelegramEnabled.class)
class OperatorTools {

    /** Where a saved reply sent from the group comes from: unlike a typed message, the topic must show its text. */
    static final String REPLY_ORIGIN = "telegram-group-reply";

    private final Handoff handoff;
    private final KnowledgeBase knowledge;
    private final OperatorGroupText text;
    private final org.supportbot.conversation.CustomerLinks links;

    OperatorTools(Handoff handoff, KnowledgeBase knowledge, OperatorGroupText text, org.supportbot.conversation.CustomerLinks links) {
        this.links = links;
        this.handoff = handoff;
        this.knowledge = knowledge;
        this.text = text;
    }

    /** Handles one of the tools' commands; empty when {@code command} is not one of them. */
    Optional<Optional<String>> handle(String key, Operator operator, long ticket, String command, String argument) {
        return switch (command) {
            case "/note" -> Optional.of(note(key, operator, ticket, argument));
            case "/r", "/reply" -> Optional.of(reply(key, operator, ticket, argument));
            case "/close" -> {
                handoff.resolve(ticket, operator.login(), argument.isBlank() ? null : argument.split("\\s+")[0]);
                yield Optional.of(Optional.empty());
            }
            case "/tag", "/tags" -> Optional.of(tag(operator, ticket, argument));
            default -> Optional.empty();
        };
    }

    private Optional<String> note(String key, Operator operator, long ticket, String argument) {
        if (argument.isBlank()) {
            return Optional.of(text.get(MessageKey.OPERATORS_NOTE_USAGE));
        }
        handoff.addNote(ticket, operator.login(), argument, key, OperatorGroup.ORIGIN);
        return Optional.of(text.get(MessageKey.OPERATORS_NOTE_SAVED));
    }

    private Optional<String> reply(String key, Operator operator, long number, String argument) {
        var shortcuts = String.join(", ", knowledge.replies().keySet());
        var shortcut = argument.isBlank() ? "" : argument.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        if (shortcut.isEmpty()) {
            return Optional.of(text.get(MessageKey.OPERATORS_REPLY_USAGE, Map.of("shortcuts", shortcuts)));
        }
        var ticket = handoff.find(number).orElseThrow();
        var rendered = knowledge.renderReply(shortcut, ticket.language(), ticket.customerName(), operator.name(), ticket.context());
        if (rendered.isEmpty() || rendered.get().isBlank()) {
            return Optional.of(text.get(MessageKey.OPERATORS_REPLY_UNKNOWN, Map.of("shortcut", shortcut, "shortcuts", shortcuts)));
        }
        handoff.operatorWrote(number, operator.login(), key, rendered.get(), REPLY_ORIGIN);
        return Optional.empty(); // the rendered text appears in the topic as the operator's message
    }

    private Optional<String> tag(Operator operator, long number, String argument) {
        if (argument.isBlank()) {
            return Optional.of(text.get(MessageKey.OPERATORS_TAG_USAGE));
        }
        List<String> tags = argument.strip().equals("-") ? List.of() : Arrays.asList(argument.strip().split("[\\s,]+"));
        var tagged = handoff.tag(number, operator.login(), tags);
        return Optional.of(text.get(MessageKey.OPERATORS_TAGGED, Map.of("tags", tagged.tags().isEmpty() ? "—" : String.join(" ", tagged.tags()))));
    }

    /** The notes as a transfer shows them; empty when there are none. */
    Optional<String> notes(Ticket ticket) {
        if (ticket.notes().isEmpty()) {
            return Optional.empty();
        }
        var lines = new StringBuilder();
        for (var note : ticket.notes()) {
            lines.append("• ").append(note.byName()).append(": ").append(OperatorGroupText.shorten(note.text(), 500)).append('\n');
        }
        return Optional.of(text.get(MessageKey.OPERATORS_NOTES, Map.of("notes", lines.toString().strip())));
    }

    /** For a ticket's header: the same customer's other conversations and earlier tickets with their outcome; empty when none. */
    Optional<String> customerElsewhere(Ticket ticket) {
        var linked = links.linkedTo(ticket.conversation());
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        var tickets = new StringBuilder();
        linked.stream().flatMap(c -> handoff.ticketsOf(c, 5).stream()).filter(t -> t.number() != ticket.number())
                .sorted(java.util.Comparator.comparing(Ticket::openedAt).reversed()).limit(10).forEach(t -> tickets
                        .append(tickets.isEmpty() ? "" : ", ").append('#').append(t.number()).append(' ').append(t.channel()).append(' ')
                        .append(t.closeReason() != null ? t.closeReason() : t.status().name().toLowerCase(java.util.Locale.ROOT))
                        .append(t.csat() != null ? " ★" + t.csat() : ""));
        return Optional.of(text.get(MessageKey.OPERATORS_LINKED, Map.of("channels", String.join(", ", linked),
                "tickets", tickets.isEmpty() ? "—" : tickets.toString())));
    }
}
