package org.supportbot.conversation;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Messages as BSON documents, as the inbox, the outbox and the transcript store them: the one
 * wire format shared by the conversation (which writes them) and delivery (which reads replies).
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    public static Document inbound(InboundMessage message) {
        var doc = new Document("channel", message.conversation().channel())
                .append("chat", message.conversation().chat());
        if (message.customerName() != null) {
            doc.append("name", message.customerName());
        }
        if (message.languageHint() != null) {
            doc.append("languageHint", message.languageHint().code());
        }
        var body = message.body();
        if (body instanceof InboundMessage.Text text) {
            doc.append("kind", "text").append("text", text.text());
        } else if (body instanceof InboundMessage.ButtonPress press) {
            doc.append("kind", "button").append("payload", press.payload());
        } else if (body instanceof InboundMessage.Contact contact) {
            doc.append("kind", "shared_contact").append("phone", contact.phone()).append("own", contact.own());
        } else if (body instanceof InboundMessage.NonText nonText) {
            doc.append("kind", nonText.kind());
            if (nonText.caption() != null) {
                doc.append("text", nonText.caption());
            }
        }
        return doc;
    }

    public static InboundMessage inbound(Document doc) {
        var id = new ConversationId(doc.getString("channel"), doc.getString("chat"));
        var kind = doc.getString("kind");
        InboundMessage.Body body = switch (kind) {
            case "text" -> new InboundMessage.Text(doc.getString("text"));
            case "button" -> new InboundMessage.ButtonPress(doc.getString("payload"));
            case "shared_contact" -> new InboundMessage.Contact(doc.getString("phone"), doc.getBoolean("own", false));
            default -> new InboundMessage.NonText(kind, doc.getString("text"));
        };
        var hint = doc.getString("languageHint");
        return new InboundMessage(id, doc.getString("name"), body,
                hint == null ? null : org.supportbot.knowledge.Language.fromCode(hint).orElse(null));
    }

    public static Document outbound(OutboundMessage message) {
        var buttons = new ArrayList<Document>();
        for (var button : message.buttons()) {
            buttons.add(new Document("label", button.label()).append("payload", button.payload()));
        }
        return new Document("channel", message.conversation().channel())
                .append("chat", message.conversation().chat())
                .append("kind", "text")
                .append("text", message.text())
                .append("buttons", buttons);
    }

    public static OutboundMessage outbound(Document doc) {
        var buttons = new ArrayList<OutboundMessage.Button>();
        List<Document> docs = doc.getList("buttons", Document.class, List.of());
        for (var button : docs) {
            buttons.add(new OutboundMessage.Button(button.getString("label"), button.getString("payload")));
        }
        return new OutboundMessage(new ConversationId(doc.getString("channel"), doc.getString("chat")), doc.getString("text"), buttons);
    }
}
