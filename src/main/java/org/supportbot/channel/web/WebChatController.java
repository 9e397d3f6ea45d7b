package org.supportbot.channel.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.knowledge.Language;

/**
 * The web chat's API: {@code POST /api/chat} with a text or a pressed button, the bot's replies
 * come back; {@code GET /api/chat/updates} for what an operator writes later.
 */
@RestController
class WebChatController {

    static final String CHANNEL = "web";
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int MAX_NAME_LENGTH = 64;

    static final int MAX_NOTICES = 50;

    private final ConversationEngine engine;
    private final Clock clock;

    WebChatController(ConversationEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** What the page sends: its session id, the customer's name, and either a text or a button payload. */
    record ChatRequest(@Nullable String session, @Nullable String name, @Nullable String text, @Nullable String button,
            @Nullable String language) {
    }

    record ChatReply(String text, List<OutboundMessage.Button> buttons) {
    }

    /**
     * The bot's replies and where the conversation stands; {@code cursor} is where to start asking
     * {@code /api/chat/updates} for messages that come later (an operator's reply).
     */
    record ChatResponse(List<ChatReply> replies, String status, Instant cursor) {
    }

    /** A message that came outside the customer's turn; {@code id} tells repeats apart. */
    record ChatNotice(String id, String author, @Nullable String authorName, String text, List<OutboundMessage.Button> buttons, Instant at) {
    }

    record UpdatesResponse(List<ChatNotice> notices, String status, Instant cursor) {
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
        var cursor = clock.instant(); // notices written while this message is handled come after it
        var replies = engine.handle(new InboundMessage(id, name, body, hint)).stream()
                .map(reply -> new ChatReply(reply.text(), reply.buttons()))
                .toList();
        return ResponseEntity.ok(new ChatResponse(replies, engine.status(id).name().toLowerCase(java.util.Locale.ROOT), cursor));
    }

    /**
     * {@code GET /api/chat/updates?session=…&since=<cursor>}: what operators and the bot wrote to the
     * customer outside their own turns since the cursor (at most {@value #MAX_NOTICES}); the page asks
     * every few seconds while a person is involved, and skips ids it has shown.
     */
    @GetMapping(path = "/api/chat/updates", produces = "application/json")
    ResponseEntity<?> updates(@RequestParam(required = false) @Nullable String session, @RequestParam(required = false) @Nullable String since) {
        if (session == null || !SESSION.matcher(session).matches()) {
            return badRequest("'session' must be 8 to 64 letters, digits, '-' or '_'");
        }
        Instant from;
        try {
            from = since == null ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            return badRequest("'since' must be the 'cursor' of an earlier answer, like 2026-11-23T10:15:30.123Z");
        }
        var id = new ConversationId(CHANNEL, session);
        var notices = engine.noticesSince(id, from, MAX_NOTICES).stream()
                .map(n -> new ChatNotice(n.id(), n.author(), n.authorName(), n.message().text(), n.message().buttons(), n.at()))
                .toList();
        var cursor = notices.isEmpty() ? from : notices.get(notices.size() - 1).at();
        return ResponseEntity.ok(new UpdatesResponse(notices, engine.status(id).name().toLowerCase(java.util.Locale.ROOT), cursor));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return badRequest("the body must be JSON like {\"session\": \"...\", \"text\": \"...\"}");
    }

    private static ResponseEntity<Map<String, String>> badRequest(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
