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
            if (!nonText.attachments().isEmpty()) {
                doc.append("attachments", nonText.attachments().stream().map(MessageCodec::attachment).toList());
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
            default -> new InboundMessage.NonText(kind, doc.getString("text"), attachments(doc));
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
        var doc = new Document("channel", message.conversation().channel())
                .append("chat", message.conversation().chat())
                .append("kind", "text")
                .append("text", message.text())
                .append("buttons", buttons);
        if (message.attachment() != null) {
            doc.append("attachment", attachment(message.attachment()));
        }
        return doc;
    }

    public static OutboundMessage outbound(Document doc) {
        var buttons = new ArrayList<OutboundMessage.Button>();
        List<Document> docs = doc.getList("buttons", Document.class, List.of());
        for (var button : docs) {
            buttons.add(new OutboundMessage.Button(button.getString("label"), button.getString("payload")));
        }
        var attachment = doc.get("attachment", Document.class);
        return new OutboundMessage(new ConversationId(doc.getString("channel"), doc.getString("chat")), doc.getString("text"), buttons,
                attachment == null ? null : attachment(attachment));
    }

    /** An attachment reference as the transcript, the outbox and the {@code attachments} collection store it. */
    public static Document attachment(Attachment attachment) {
        var doc = new Document("id", attachment.id()).append("kind", attachment.kind()).append("source", attachment.source())
                .append("size", attachment.size());
        putIfSet(doc, "fileId", attachment.fileId());
        putIfSet(doc, "mime", attachment.mime());
        putIfSet(doc, "name", attachment.name());
        putIfSet(doc, "message", attachment.message());
        putIfSet(doc, "group", attachment.group());
        return doc;
    }

    /** Reads what {@link #attachment(Attachment)} wrote. */
    public static Attachment attachment(Document doc) {
        var size = doc.get("size") instanceof Number n ? n.longValue() : 0;
        return new Attachment(doc.getString("id"), doc.getString("kind"), doc.getString("source"), doc.getString("fileId"),
                doc.getString("mime"), Math.max(0, size), doc.getString("name"), doc.getString("message"), doc.getString("group"));
    }

    static List<Attachment> attachments(Document doc) {
        return doc.getList("attachments", Document.class, List.of()).stream().map(MessageCodec::attachment).toList();
    }

    private static void putIfSet(Document doc, String field, @org.jspecify.annotations.Nullable String value) {
        if (value != null) {
            doc.append(field, value);
        }
    }
}
