package org.supportbot.channel.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.edge.ClientAddresses;
import org.supportbot.knowledge.Language;

/**
 * The web chat's API: {@code POST /api/chat/session} opens a chat and returns its token;
 * {@code POST /api/chat} with a text or a pressed button, the bot's replies come back;
 * {@code GET /api/chat/updates} for what an operator writes later. A token the server did not issue
 * gets 401 (the page then asks for a new one); a malformed one, 400.
 *
 * <p>Only in a servlet web application: it counts hand-overs by the client's address, which the
 * edge ({@link ClientAddresses}) reads from requests there.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebChatController {

    static final String CHANNEL = "web";
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final String BAD_SESSION = "'session' must be 8 to 64 letters, digits, '-' or '_'";
    /** Longer names are cut to this; the field itself may be up to {@link #MAX_FIELD_LENGTH}. */
    private static final int MAX_NAME_LENGTH = 64;
    /** The most a {@code name} or {@code button} may carry: no button payload of ours comes near it. */
    static final int MAX_FIELD_LENGTH = 256;

    static final int MAX_NOTICES = 50;

    private final ConversationEngine engine;
    private final WebSessions sessions;
    private final ClientAddresses addresses;
    private final Clock clock;
    private final WebTyping typing;

    WebChatController(ConversationEngine engine, WebSessions sessions, ClientAddresses addresses, Clock clock, WebTyping typing) {
        this.typing = typing;
        this.engine = engine;
        this.sessions = sessions;
        this.addresses = addresses;
        this.clock = clock;
    }

    record SessionResponse(String session) {
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

    /**
     * A message that came outside the customer's turn; {@code id} tells repeats apart; {@code file} an
     * operator's file ({@code url}: {@code GET} it with the {@code X-Chat-Session} header), if any.
     */
    record ChatNotice(String id, String author, @Nullable String authorName, String text, List<OutboundMessage.Button> buttons, Instant at,
            @Nullable ChatFile file) {
    }

    /** A file as the chat page shows it. */
    record ChatFile(String kind, @Nullable String name, @Nullable String mime, long size, String url) {

        static @Nullable ChatFile of(OutboundMessage message) {
            var file = message.attachment();
            return file == null || !file.hasFile() ? null
                    : new ChatFile(file.kind(), file.name(), file.mime(), file.size(), "/api/chat/files/" + file.id());
        }
    }

    /** {@code operatorTyping}: an operator is typing to this customer now (the page shows it until the next answer). */
    record UpdatesResponse(List<ChatNotice> notices, String status, Instant cursor, boolean operatorTyping) {
    }

    /** {@code POST /api/chat/session}: a new chat; the page keeps the token and sends it with every request. */
    @PostMapping(path = "/api/chat/session", produces = "application/json")
    SessionResponse session() {
        return new SessionResponse(sessions.issue());
    }

    @PostMapping(path = "/api/chat", produces = "application/json")
    ResponseEntity<?> chat(@RequestBody ChatRequest request, HttpServletRequest http) {
        if (request.session() == null || !SESSION.matcher(request.session()).matches()) {
            return badRequest(BAD_SESSION);
        }
        var conversation = sessions.conversationOf(request.session());
        if (conversation.isEmpty()) {
            return unknownSession();
        }
        if ((request.text() == null) == (request.button() == null)) {
            return badRequest("send either 'text' or 'button'");
        }
        if (request.text() != null && request.text().length() > InboundMessage.MAX_TEXT_LENGTH) {
            return badRequest("the message is too long: at most " + InboundMessage.MAX_TEXT_LENGTH + " characters");
        }
        if (request.button() != null && request.button().length() > MAX_FIELD_LENGTH) {
            return badRequest("'button' is too long: at most " + MAX_FIELD_LENGTH + " characters");
        }
        if (request.name() != null && request.name().length() > MAX_FIELD_LENGTH) {
            return badRequest("'name' is too long: at most " + MAX_FIELD_LENGTH + " characters");
        }
        var name = request.name() == null || request.name().isBlank() ? null
                : request.name().strip().substring(0, Math.min(MAX_NAME_LENGTH, request.name().strip().length()));
        var id = conversation.get();
        InboundMessage.Body body = request.text() != null
                ? new InboundMessage.Text(request.text())
                : new InboundMessage.ButtonPress(request.button());
        var hint = request.language() == null ? null : Language.fromCode(request.language()).orElse(null);
        var cursor = clock.instant(); // notices written while this message is handled come after it
        // Each new session is a new conversation: the hand-over limit counts the client's address.
        var replies = engine.handle(new InboundMessage(id, name, body, hint), addresses.of(http)).stream()
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
            return badRequest(BAD_SESSION);
        }
        var conversation = sessions.conversationOf(session);
        if (conversation.isEmpty()) {
            return unknownSession();
        }
        Instant from;
        try {
            from = since == null ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            return badRequest("'since' must be the 'cursor' of an earlier answer, like 2026-11-23T10:15:30.123Z");
        }
        var id = conversation.get();
        var notices = engine.noticesSince(id, from, MAX_NOTICES).stream()
                .map(n -> new ChatNotice(n.id(), n.author(), n.authorName(), n.message().text(), n.message().buttons(), n.at(),
                        ChatFile.of(n.message())))
                .toList();
        var cursor = notices.isEmpty() ? from : notices.get(notices.size() - 1).at();
        var lastReply = notices.stream().filter(n -> n.author().equals("operator")).map(ChatNotice::at).max(Instant::compareTo).orElse(null);
        return ResponseEntity.ok(new UpdatesResponse(notices, engine.status(id).name().toLowerCase(java.util.Locale.ROOT), cursor,
                typing.typing(id, lastReply)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return badRequest("the body must be JSON like {\"session\": \"...\", \"text\": \"...\"}");
    }

    private static ResponseEntity<Map<String, String>> unknownSession() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Map.of("error", "unknown 'session': ask POST /api/chat/session for a new one"));
    }

    private static ResponseEntity<Map<String, String>> badRequest(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
