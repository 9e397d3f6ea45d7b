package org.supportbot.channel.telegram;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.handoff.Handoff;
import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Delivers messages for operators into the operator group, one forum topic per ticket (channel
 * {@value #CHANNEL}, chat = the ticket number), through the outbox like every reply: stored
 * first, in order per ticket, retried while Telegram is down.
 *
 * <p>The topic is created with the first message; when Telegram says the topic is gone
 * (deleted or closed by someone), a new topic is created, the ticket's header posted into it
 * again, and the message sent there — the conversation goes on instead of failing.
 */
@Component
@Conditional(TelegramEnabled.class)
class OperatorTopicSender implements MessageSender {

    private static final Logger log = LoggerFactory.getLogger(OperatorTopicSender.class);
    static final String CHANNEL = "telegram-operators";

    private final TelegramSender sender;
    private final TelegramApi api;
    private final OperatorTopics topics;
    private final TelegramSettings settings;
    private final Handoff handoff;
    private final OperatorGroupText text;
    private final java.time.Clock clock;
    private final TelegramMedia media;

    OperatorTopicSender(TelegramSender sender, TelegramApi api, OperatorTopics topics, TelegramSettings settings, Handoff handoff,
            OperatorGroupText text, java.time.Clock clock, TelegramMedia media) {
        this.media = media;
        this.text = text;
        this.clock = clock;
        this.sender = sender;
        this.api = api;
        this.topics = topics;
        this.settings = settings;
        this.handoff = handoff;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void send(String deliveryId, OutboundMessage message) throws DeliveryException {
        var group = settings.operatorChatId();
        if (group == null) {
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "TELEGRAM_OPERATOR_CHAT_ID is not set", null);
        }
        long ticket;
        try {
            ticket = Long.parseLong(message.conversation().chat());
        } catch (NumberFormatException e) {
            // a message for the group's General topic
            sender.sendText(deliveryId, group, null, message.text(), message.buttons());
            return;
        }
        var known = topics.threadOf(ticket);
        int thread = known.isPresent() ? known.getAsInt() : createTopic(group, ticket, !isHeader(deliveryId));
        try {
            media.send(deliveryId, group, thread, message); // a text, or a customer's file copied into the topic
        } catch (DeliveryException e) {
            if (e.kind() != DeliveryException.Kind.REJECTED || e.getMessage() == null || !e.getMessage().startsWith(TelegramSender.TOPIC_GONE)) {
                throw e;
            }
            log.info("The topic of ticket #{} is gone ({}); creating a new one", ticket, e.getMessage());
            topics.forget(ticket);
            thread = createTopic(group, ticket, !isHeader(deliveryId));
            media.send(deliveryId, group, thread, message);
        }
    }

    private static boolean isHeader(String deliveryId) {
        return deliveryId.endsWith(OperatorGroup.HEADER_SUFFIX);
    }

    /** Creates the ticket's topic; with {@code withHeader}, posts the ticket's header first (a new topic for a ticket under way). */
    private int createTopic(long group, long ticket, boolean withHeader) throws DeliveryException {
        var found = handoff.find(ticket);
        var name = found.map(text::topicName).orElse("#" + ticket);
        sender.awaitRateLimit(group);
        int thread;
        try {
            var topic = api.client().execute(CreateForumTopic.builder().chatId(group).name(name).build());
            thread = topic.getMessageThreadId();
        } catch (TelegramApiRequestException e) {
            int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
            var description = settings.mask(e.getApiResponse() != null ? e.getApiResponse() : String.valueOf(e.getMessage()));
            if (code == 429 || code >= 500 || code == 0) {
                var retryAfter = e.getParameters() == null || e.getParameters().getRetryAfter() == null ? null
                        : java.time.Duration.ofSeconds(Math.max(1, e.getParameters().getRetryAfter()));
                throw DeliveryException.retry("createForumTopic: " + description, retryAfter);
            }
            // Not a forum, or the bot may not manage topics: keep the message for when an admin fixes it.
            log.warn("Cannot create a topic in the operator group {} (is it a forum, and may the bot manage topics?): {}", group, description);
            throw DeliveryException.retry("createForumTopic refused: " + description, java.time.Duration.ofMinutes(1));
        } catch (TelegramApiException e) {
            throw DeliveryException.retry(settings.mask("createForumTopic: no answer from Telegram: " + e.getMessage()), null);
        }
        topics.remember(ticket, thread);
        if (withHeader && found.isPresent()) {
            sender.sendText("topic-header-" + ticket + "-" + thread, group, thread, text.header(found.get(), clock.instant()), List.of());
        }
        return thread;
    }
}
