package org.supportbot.channel.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.channel.internal.MaskedId;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.HandoffException;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.Operators;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketAssigned;
import org.supportbot.handoff.TicketClosed;
import org.supportbot.handoff.TicketMessaged;
import org.supportbot.handoff.TicketNoted;
import org.supportbot.handoff.TicketOpened;
import org.supportbot.handoff.TicketOverdue;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.handoff.TicketTransferred;
import org.supportbot.knowledge.MessageKey;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Operators working inside Telegram ({@code TELEGRAM_OPERATOR_CHAT_ID}, a forum supergroup):
 * each ticket gets a topic with a header (customer, channel, intent, wait, recent conversation);
 * later customer messages and ticket changes appear in it.
 *
 * <p>In a ticket's topic an operator's message goes to the customer on their channel, and the
 * commands {@code /take}, {@code /close [reason]}, {@code /release}, {@code /transfer <queue or login>}
 * act on the ticket, and {@code /note}, {@code /r}, {@code /tag} are the {@link OperatorTools}; {@code /queue} anywhere lists waiting tickets. Only operators
 * ({@code TELEGRAM_OPERATOR_IDS} or accounts with a {@code telegram-id}) may act; others get a
 * refusal. Everything the bot writes in the group goes through the outbox, keyed by the update
 * or event it answers, so a redelivered update writes nothing twice.
 */
@Component
@Conditional(TelegramEnabled.class)
class OperatorGroup {

    private static final Logger log = LoggerFactory.getLogger(OperatorGroup.class);
    static final String HEADER_SUFFIX = "-opened";
    static final String ORIGIN = "telegram-group";

    private final TelegramSettings settings;
    private final Handoff handoff;
    private final Operators operators;
    private final ConversationEngine engine;
    private final OperatorTopics topics;
    private final OperatorGroupText text;
    private final OperatorTools tools;
    private final Clock clock;
    private final TopicFiles files;

    OperatorGroup(TelegramSettings settings, Handoff handoff, Operators operators, ConversationEngine engine, OperatorTopics topics,
            OperatorGroupText text, OperatorTools tools, Clock clock, TopicFiles files) {
        this.tools = tools;
        this.files = files;
        this.settings = settings;
        this.handoff = handoff;
        this.operators = operators;
        this.engine = engine;
        this.topics = topics;
        this.text = text;
        this.clock = clock;
    }

    private boolean enabled() {
        return settings.operatorChatId() != null;
    }

    // Ticket changes → the ticket's topic.

    @EventListener
    void on(TicketOpened event) {
        if (enabled()) {
            var header = text.header(event.ticket(), clock.instant());
            post(event.eventKey(), event.ticket().number(), tools.customerElsewhere(event.ticket()).map(more -> header + "\n\n" + more).orElse(header));
        }
    }

    @EventListener
    void on(TicketMessaged event) {
        if (!enabled() || ORIGIN.equals(event.origin())) {
            return; // an operator's own message from the group is there already
        }
        var author = event.author().equals("customer") ? "👤 " : "🧑‍💼 ";
        var name = event.authorName() == null ? "" : event.authorName() + ": ";
        post(event.eventKey(), event.ticket().number(), author + name + event.text());
        files.post(event);
    }

    @EventListener
    void on(TicketAssigned event) {
        if (enabled()) {
            post(event.eventKey(), event.ticket().number(), text.taken(event.ticket().operatorName()));
        }
    }

    @EventListener
    void on(TicketTransferred event) {
        if (enabled()) {
            var moved = text.transferred(event.ticket().queue(), event.by() == null ? "" : event.by());
            post(event.eventKey(), event.ticket().number(), tools.notes(event.ticket()).map(notes -> moved + "\n\n" + notes).orElse(moved));
        }
    }

    @EventListener
    void on(TicketOverdue event) {
        if (enabled()) {
            post(event.eventKey(), event.ticket().number(), text.overdue(event.ticket().waited(clock.instant()).toMinutes()));
        }
    }

    @EventListener
    void on(TicketClosed event) {
        if (!enabled()) {
            return;
        }
        var ticket = event.ticket();
        var by = event.by() == null ? "" : event.by();
        var note = ticket.status() == TicketStatus.RESOLVED && !ticket.asksForRating() ? text.get(MessageKey.OPERATORS_CLOSED_SPAM, Map.of("by", by))
                : ticket.status() == TicketStatus.RESOLVED && ticket.closeReason() != null && !ticket.closeReason().equals(handoff.closeReasons().get(0))
                ? text.get(MessageKey.OPERATORS_CLOSED_AS, Map.of("reason", ticket.closeReason(), "by", by))
                : ticket.status() == TicketStatus.RESOLVED ? text.resolved(by)
                : ticket.status() == TicketStatus.RETURNED_TO_BOT ? text.returned(by) : text.get(MessageKey.OPERATORS_CANCELLED);
        post(event.eventKey(), ticket.number(), note);
    }

    @EventListener
    void on(TicketNoted event) {
        if (enabled() && !ORIGIN.equals(event.origin())) { // a note made in the topic is there already
            post(event.eventKey(), event.ticket().number(), text.get(MessageKey.OPERATORS_NOTE,
                    Map.of("by", event.note().byName(), "text", event.note().text())));
        }
    }

    private void post(String key, long ticket, String message) {
        engine.post("ops:" + key, new OutboundMessage(new ConversationId(OperatorTopicSender.CHANNEL, Long.toString(ticket)), message, List.of()));
    }

    private void reply(String updateKey, @Nullable Long ticket, String message) {
        var chat = ticket == null ? "general" : Long.toString(ticket);
        engine.post("ops:" + updateKey + "#reply", new OutboundMessage(new ConversationId(OperatorTopicSender.CHANNEL, chat), message, List.of()));
    }

    // The group → tickets and customers.

    /**
     * Handles a message in the operator group.
     *
     * @throws RuntimeException when the store failed: Telegram must deliver the update again
     */
    void onMessage(String key, Message message) {
        var from = message.getFrom();
        if (from == null || Boolean.TRUE.equals(from.getIsBot()) || isService(message)) {
            return;
        }
        Long ticket = null;
        if (message.getMessageThreadId() != null && Boolean.TRUE.equals(message.getIsTopicMessage())) {
            var found = topics.ticketOf(message.getMessageThreadId());
            ticket = found.isPresent() ? found.getAsLong() : null;
        }
        String command = null;
        String argument = "";
        if (message.hasText()) {
            message.getEntities(); // TelegramBots 10.2.0: isCommand() sees the entities only after this
            var words = message.getText().strip().split("\\s+", 2);
            if (message.isCommand() || words[0].startsWith("/")) {
                command = words[0].toLowerCase(Locale.ROOT);
                int at = command.indexOf('@');
                if (at > 0) {
                    command = command.substring(0, at);
                }
                argument = words.length > 1 ? words[1].strip() : "";
            }
        }
        if (ticket == null && command == null) {
            return; // chat among operators in the General topic
        }
        var operator = operators.byTelegramId(from.getId()).orElse(null);
        if (operator == null) {
            log.info("Refused {} in the operator group from Telegram user {}: not an operator", key, MaskedId.of(from.getId()));
            reply(key, ticket, text.get(MessageKey.OPERATORS_NOT_OPERATOR));
            return;
        }
        if (from.getFirstName() != null) {
            operator = operators.learnTelegramName(operator, from.getFirstName());
        }
        try {
            if (command != null) {
                onCommand(key, operator, ticket, command, argument);
            } else if (message.hasText()) {
                handoff.operatorWrote(ticket, operator.login(), key, message.getText(), ORIGIN);
            } else {
                var sent = ticket == null ? List.<String>of() : files.fromOperator(key, ticket, message);
                if (sent.isEmpty()) {
                    reply(key, ticket, text.get(MessageKey.OPERATORS_TEXT_ONLY));
                } else {
                    var caption = message.getCaption() == null ? "" : message.getCaption();
                    handoff.operatorWrote(ticket, operator.login(), key, caption, ORIGIN, sent);
                }
            }
        } catch (HandoffException e) {
            reply(key, ticket, "⛔ " + e.getMessage());
        }
    }

    private void onCommand(String key, Operator operator, @Nullable Long ticket, String command, String argument) {
        if (command.equals("/queue")) {
            reply(key, ticket, queue());
            return;
        }
        if (ticket == null) {
            reply(key, null, text.get(MessageKey.OPERATORS_NO_TICKET));
            return;
        }
        var tool = tools.handle(key, operator, ticket, command, argument);
        if (tool.isPresent()) {
            tool.get().ifPresent(answer -> reply(key, ticket, answer));
            return;
        }
        switch (command) {
            case "/take" -> handoff.claim(ticket, operator.login());
            case "/release" -> handoff.returnToBot(ticket, operator.login());
            case "/transfer" -> {
                if (argument.isBlank()) {
                    reply(key, ticket, text.get(MessageKey.OPERATORS_TRANSFER_USAGE));
                } else if (operators.find(argument).isPresent()) {
                    handoff.transferToOperator(ticket, argument, operator.login());
                } else {
                    handoff.transferToQueue(ticket, argument, operator.login());
                }
            }
            default -> reply(key, ticket, text.unknownCommand(command)); // a typo must not reach the customer
        }
    }

    private String queue() {
        var waiting = handoff.waiting(null);
        if (waiting.isEmpty()) {
            return text.get(MessageKey.OPERATORS_QUEUE_EMPTY);
        }
        var now = clock.instant();
        var list = new StringBuilder();
        for (Ticket ticket : waiting.subList(0, Math.min(20, waiting.size()))) {
            list.append('#').append(ticket.number()).append(" · ").append(ticket.queue()).append(" · ")
                    .append(ticket.customerName() == null ? "—" : ticket.customerName()).append(" · ")
                    .append(ticket.waited(now).toMinutes()).append(' ').append(text.get(MessageKey.OPERATORS_MIN))
                    .append(ticket.overdue() ? " ⚠️" : "").append('\n');
        }
        return list.toString().strip();
    }

    private static boolean isService(Message message) {
        return message.hasForumTopicCreated() || message.hasForumTopicClosed() || message.hasForumTopicReopened()
                || message.getForumTopicEdited() != null || message.getNewChatMembers() != null && !message.getNewChatMembers().isEmpty()
                || message.getLeftChatMember() != null || message.getPinnedMessage() != null;
    }
}
