package org.supportbot.channel.telegram;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.Attachments;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketMessaged;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Files between a ticket's topic and its customer: what the customer (or an operator in the
 * console) sent appears in the topic as the file itself, each through the outbox under its own
 * key after the line naming its author; a file an operator posts in the topic becomes an
 * attachment of the conversation, sent to the customer with its caption.
 */
@Component
@Conditional(TelegramEnabled.class)
class TopicFiles {

    private static final Logger log = LoggerFactory.getLogger(TopicFiles.class);
    /** What an operator may send a customer from the topic (no polls, dice or stickers of the team's own packs). */
    private static final Set<String> FROM_OPERATORS = Set.of("photo", "document", "voice", "audio", "video", "video_note", "animation",
            "location", "venue", "contact");

    private final Attachments attachments;
    private final ConversationEngine engine;
    private final Handoff handoff;

    TopicFiles(Attachments attachments, ConversationEngine engine, Handoff handoff) {
        this.attachments = attachments;
        this.engine = engine;
        this.handoff = handoff;
    }

    /** Posts the files of a message in a ticket's conversation into the ticket's topic. */
    void post(TicketMessaged event) {
        var files = event.attachments();
        for (int i = 0; i < files.size(); i++) {
            var found = attachments.find(files.get(i));
            if (found.isEmpty()) {
                log.warn("Attachment {} of ticket #{} has no reference: not shown in the topic", files.get(i), event.ticket().number());
                continue;
            }
            var topic = new ConversationId(OperatorTopicSender.CHANNEL, Long.toString(event.ticket().number()));
            engine.post("ops:" + event.eventKey() + "#file" + i, new OutboundMessage(topic, "", List.of(), found.get().attachment()));
        }
    }

    /**
     * The file an operator posted in a ticket's topic, kept as an attachment of the ticket's
     * conversation (again: no change, the ids come from the update); empty when the message carries nothing an operator may send.
     */
    List<String> fromOperator(String key, long ticket, Message message) {
        var kind = TelegramUpdates.nonTextKind(message);
        var found = handoff.find(ticket);
        if (kind == null || !FROM_OPERATORS.contains(kind) || found.isEmpty()) {
            return List.of();
        }
        var refs = TelegramAttachments.of(key, message, kind);
        attachments.remember(ConversationId.parse(found.get().conversation()), refs);
        return refs.stream().map(Attachment::id).toList();
    }
}
