package org.supportbot.channel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.Attachments;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.FileTypes;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.edge.ClientAddresses;

/**
 * Files in the web chat:
 * <ul>
 *   <li>{@code POST /api/chat/files} (multipart {@code session}, {@code file}, optional {@code caption}):
 *       a JPEG, PNG, GIF or WebP picture or a PDF of up to 10 MB, its type read from its bytes; kept in
 *       the store and taken as the customer's message (the bot answers it; operators see it). A session may
 *       send {@value #FILES_PER_SESSION} files and {@value #MB_PER_SESSION} MB an hour.
 *   <li>{@code GET /api/chat/files/{id}} with header {@code X-Chat-Session}: a file of the session's own
 *       conversation (an operator's picture or document), pictures inline, everything else as a download.
 * </ul>
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebChatFiles {

    static final int FILES_PER_SESSION = 20;
    static final int MB_PER_SESSION = 50;
    private static final java.util.Set<String> CUSTOMER_TYPES = java.util.Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "application/pdf");
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int MAX_CAPTION = 1024;

    private final ConversationEngine engine;
    private final Attachments attachments;
    private final WebSessions sessions;
    private final ClientAddresses addresses;
    private final Clock clock;
    /** Bytes sent per session in the current hour (in memory, per instance). */
    private final Cache<String, AtomicLong> sent = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();
    private final Cache<String, AtomicLong> count = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    WebChatFiles(ConversationEngine engine, Attachments attachments, WebSessions sessions, ClientAddresses addresses, Clock clock) {
        this.engine = engine;
        this.attachments = attachments;
        this.sessions = sessions;
        this.addresses = addresses;
        this.clock = clock;
    }

    @PostMapping(path = "/api/chat/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = "application/json")
    ResponseEntity<?> upload(@RequestParam(required = false) @Nullable String session, @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String caption, @RequestParam(required = false) @Nullable String name,
            HttpServletRequest http) throws IOException {
        if (session == null || !SESSION.matcher(session).matches()) {
            return error(HttpStatus.BAD_REQUEST, "'session' must be 8 to 64 letters, digits, '-' or '_'");
        }
        var conversation = sessions.conversationOf(session);
        if (conversation.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, "unknown 'session': ask POST /api/chat/session for a new one");
        }
        if (file == null || file.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "choose a file to send (field 'file')");
        }
        if (file.getSize() > Attachments.MAX_STORED_BYTES) {
            return tooBig();
        }
        if (caption != null && caption.length() > MAX_CAPTION) {
            return error(HttpStatus.BAD_REQUEST, "the caption is too long: at most " + MAX_CAPTION + " characters");
        }
        var bytes = file.getBytes();
        var type = FileTypes.sniff(bytes);
        if (!CUSTOMER_TYPES.contains(type)) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send a picture (JPEG, PNG, GIF, WebP) or a PDF");
        }
        var hash = conversation.get().chat();
        var files = count.get(hash, k -> new AtomicLong());
        var total = sent.get(hash, k -> new AtomicLong());
        if (files.get() >= FILES_PER_SESSION || total.get() + bytes.length > MB_PER_SESSION * 1024L * 1024) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "3600")
                    .body(Map.of("error", "too many files from this chat for now: try again in an hour, or describe it in words"));
        }
        files.incrementAndGet();
        total.addAndGet(bytes.length);
        var kept = attachments.keep(conversation.get(), FileTypes.kindOf(type),
                Attachment.safeName(file.getOriginalFilename() == null ? "file" : file.getOriginalFilename()), type, bytes);
        var text = caption == null || caption.isBlank() ? null : caption.strip();
        var who = name == null || name.isBlank() ? null : name.strip().substring(0, Math.min(64, name.strip().length()));
        var cursor = clock.instant();
        var replies = engine.handle(new InboundMessage(conversation.get(), who, new InboundMessage.NonText(kept.kind(), text, List.of(kept))),
                addresses.of(http)).stream().map(reply -> new WebChatController.ChatReply(reply.text(), reply.buttons())).toList();
        return ResponseEntity.ok(new WebChatController.ChatResponse(replies,
                engine.status(conversation.get()).name().toLowerCase(java.util.Locale.ROOT), cursor));
    }

    @GetMapping("/api/chat/files/{id}")
    ResponseEntity<?> file(@PathVariable String id, @RequestHeader(name = "X-Chat-Session", required = false) @Nullable String session) {
        if (session == null || !SESSION.matcher(session).matches()) {
            return error(HttpStatus.UNAUTHORIZED, "send the chat's session in the X-Chat-Session header");
        }
        var conversation = sessions.conversationOf(session);
        var found = id.matches("[A-Za-z0-9_-]{1,64}") ? attachments.find(id) : java.util.Optional.<Attachments.Stored>empty();
        if (conversation.isEmpty() || found.isEmpty() || !found.get().conversation().equals(conversation.get())) {
            return error(HttpStatus.NOT_FOUND, "no such file in this chat");
        }
        try {
            var content = attachments.open(found.get().attachment());
            var type = FileTypes.sniff(content.bytes());
            boolean inline = FileTypes.inline(type);
            var name = found.get().attachment().name() == null ? "file" : found.get().attachment().name();
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(inline || FileTypes.UPLOADS.contains(type) ? type : FileTypes.UNKNOWN))
                    .header("Content-Disposition", (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                            .filename(name, StandardCharsets.UTF_8).build().toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "default-src 'none'; sandbox")
                    .cacheControl(CacheControl.noStore())
                    .body(content.bytes());
        } catch (AttachmentUnavailable e) {
            return error(e.reason() == AttachmentUnavailable.Reason.FAILED ? HttpStatus.CONFLICT : HttpStatus.GONE,
                    "the file is not available: " + e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, String>> tooBig() {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "the file is too big: at most 10 MB");
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> overLimit(MaxUploadSizeExceededException e) {
        return tooBig();
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> notMultipart(MultipartException e) {
        return error(HttpStatus.BAD_REQUEST, "send the file as multipart/form-data with fields 'session' and 'file'");
    }
}
