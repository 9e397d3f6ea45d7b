package org.supportbot.channel.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.knowledge.Language;

/** The web chat's API: {@code POST /api/chat} with a text or a pressed button; the bot's replies come back. */
@RestController
class WebChatController {

    static final String CHANNEL = "web";
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int MAX_NAME_LENGTH = 64;

    private final ConversationEngine engine;

    WebChatController(ConversationEngine engine) {
        this.engine = engine;
    }

    /** What the page sends: its session id, the customer's name, and either a text or a button payload. */
    record ChatRequest(@Nullable String session, @Nullable String name, @Nullable String text, @Nullable String button,
            @Nullable String language) {
    }

    record ChatReply(String text, List<OutboundMessage.Button> buttons) {
    }

    record ChatResponse(List<ChatReply> replies, String status) {
    }

    @PostMapping(path = "/api/chat", produces = "application/json")
    ResponseEntity<?> chat(@RequestBody ChatRequest request) {
        if (request.session() == null || !SESSION.matcher(request.session()).matches()) {
            return badRequest("'session' must be 8 to 64 letters, digits, '-' or '_'");
        }
        if ((request.text() == null) == (request.button() == null)) {
            return badRequest("send either 'text' or 'button'");
        }
        if (request.text() != null && request.text().length() > InboundMessage.MAX_TEXT_LENGTH) {
            return badRequest("the message is too long: at most " + InboundMessage.MAX_TEXT_LENGTH + " characters");
        }
        var name = request.name() == null || request.name().isBlank() ? null
                : request.name().strip().substring(0, Math.min(MAX_NAME_LENGTH, request.name().strip().length()));
        var id = new ConversationId(CHANNEL, request.session());
        InboundMessage.Body body = request.text() != null
                ? new InboundMessage.Text(request.text())
                : new InboundMessage.ButtonPress(request.button());
        var hint = request.language() == null ? null : Language.fromCode(request.language()).orElse(null);
        var replies = engine.handle(new InboundMessage(id, name, body, hint)).stream()
                .map(reply -> new ChatReply(reply.text(), reply.buttons()))
                .toList();
        return ResponseEntity.ok(new ChatResponse(replies, engine.status(id).name().toLowerCase(java.util.Locale.ROOT)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return badRequest("the body must be JSON like {\"session\": \"...\", \"text\": \"...\"}");
    }

    private static ResponseEntity<Map<String, String>> badRequest(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
