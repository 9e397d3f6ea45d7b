package org.supportbot.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.Attachments;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.FileTypes;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.HandoffException;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.Operators;

/**
 * Files for operators, with their session or Basic:
 * <ul>
 *   <li>{@code GET /api/operator/attachments/{id}}: the file, fetched from its platform on demand
 *       (the bot token never leaves the server) or from the store, for operators who may read one of
 *       its conversation's tickets. Served as its sniffed type with {@code X-Content-Type-Options:
 *       nosniff}; only raster images and audio inline, everything else ({@code SVG}, HTML…) as an
 *       {@code attachment} of a safe type, under a sandboxing CSP. A file the platform no longer
 *       has answers 410, one over Telegram's 20 MB 413, a platform that fails or stalls 409 — each
 *       with a message to show.
 *   <li>{@code POST /api/operator/tickets/{n}/attachments} (multipart {@code file}, optional
 *       {@code caption}): sends a picture, PDF, audio or MP4 video of up to 10 MB to the customer through the
 *       outbox; the type is read from the bytes, not the name; an {@code Idempotency-Key} header makes a repeat send once.
 * </ul>
 */
@RestController
@RequestMapping("/api/operator")
class AttachmentController {

    private static final int MAX_CAPTION = 1024;
    private static final int TICKETS_TO_CHECK = 50;
    /** The channels whose customers can receive files. */
    private static final java.util.Set<String> SENDS_FILES = java.util.Set.of("telegram", "web", "vk");

    private final Attachments attachments;
    private final Handoff handoff;
    private final Operators operators;
    private final Clock clock;

    AttachmentController(Attachments attachments, Handoff handoff, Operators operators, Clock clock) {
        this.attachments = attachments;
        this.handoff = handoff;
        this.operators = operators;
        this.clock = clock;
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<?> file(@PathVariable String id, Principal principal) {
        var operator = operator(principal);
        var found = id.matches("[A-Za-z0-9_-]{1,64}") ? attachments.find(id) : java.util.Optional.<Attachments.Stored>empty();
        if (found.isEmpty() || !mayRead(operator, found.get().conversation())) {
            return problem(HttpStatus.NOT_FOUND, "not_found", "No such attachment");
        }
        var attachment = found.get().attachment();
        try {
            var content = attachments.open(attachment);
            var type = FileTypes.sniff(content.bytes());
            boolean inline = FileTypes.inline(type);
            var served = inline || FileTypes.UPLOADS.contains(type) ? type : FileTypes.UNKNOWN;
            var disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                    .filename(filename(attachment), StandardCharsets.UTF_8).build();
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(served))
                    .header("Content-Disposition", disposition.toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "default-src 'none'; sandbox")
                    .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                    .body(content.bytes());
        } catch (AttachmentUnavailable e) {
            return switch (e.reason()) {
                case GONE -> problem(HttpStatus.GONE, "gone", e.getMessage());
                case TOO_BIG -> problem(HttpStatus.PAYLOAD_TOO_LARGE, "too_big", e.getMessage());
                case FAILED -> problem(HttpStatus.CONFLICT, "unavailable", e.getMessage() + "; try again in a minute");
            };
        }
    }

    @PostMapping(path = "/tickets/{number}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(@PathVariable long number, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "caption", required = false) @Nullable String caption,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey, Principal principal) throws IOException {
        if (file == null || file.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "invalid", "Choose a file to send (multipart field 'file')");
        }
        if (file.getSize() > Attachments.MAX_STORED_BYTES) {
            return tooBig();
        }
        var text = caption == null ? "" : caption.strip();
        if (text.length() > MAX_CAPTION) {
            return problem(HttpStatus.BAD_REQUEST, "invalid", "The caption is longer than " + MAX_CAPTION + " characters");
        }
        if (idempotencyKey != null && (idempotencyKey.length() > 100 || !idempotencyKey.matches("[A-Za-z0-9._:-]+"))) {
            return problem(HttpStatus.BAD_REQUEST, "invalid", "Idempotency-Key: up to 100 letters, digits, '.', '_', ':' or '-'");
        }
        var bytes = file.getBytes();
        var type = FileTypes.sniff(bytes);
        if (!FileTypes.UPLOADS.contains(type)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported",
                    "Send a JPEG, PNG, GIF or WebP picture, a PDF, OGG or MP3 audio or an MP4 video; this file's content is none of them");
        }
        var operator = operator(principal);
        var ticket = handoff.find(number).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_FOUND, "No ticket #" + number));
        if (!operator.serves(ticket.queue()) && !operator.login().equals(ticket.operator())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + number + " is in a queue you do not serve");
        }
        if (!SENDS_FILES.contains(ticket.channel())) {
            return problem(HttpStatus.CONFLICT, "unsupported", "Files cannot be sent to " + ticket.channel() + " customers yet: describe it in words");
        }
        if (ticket.channel().equals("vk") && type.equals("audio/mpeg")) {
            // VK's documents take any file but MP3 and programs; its voice messages are OGG.
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported", "VK does not take MP3 files: send an OGG voice message or a PDF");
        }
        var name = Attachment.safeName(file.getOriginalFilename() == null ? "file" : file.getOriginalFilename());
        var kept = attachments.keep(ConversationId.parse(ticket.conversation()), FileTypes.kindOf(type), name, type, bytes);
        var key = "api:" + operator.login() + ":" + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID());
        var sent = handoff.operatorWrote(number, operator.login(), key, text, "api", List.of(kept.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("ticket", TicketView.summary(sent, clock.instant()),
                "attachment", Map.of("id", kept.id(), "kind", kept.kind(), "name", name, "mime", type, "size", bytes.length,
                        "url", org.supportbot.conversation.TranscriptEntry.FILE_PATH + kept.id())));
    }

    /** An operator may read a conversation's files if they may read one of its tickets (admins: all). */
    private boolean mayRead(Operator operator, ConversationId conversation) {
        if (operator.admin()) {
            return true;
        }
        return handoff.ticketsOf(conversation.toString(), TICKETS_TO_CHECK).stream()
                .anyMatch(t -> operator.serves(t.queue()) || operator.login().equals(t.operator()));
    }

    private static String filename(Attachment attachment) {
        return attachment.name() == null || attachment.name().isBlank() ? attachment.kind() : attachment.name();
    }

    private Operator operator(Principal principal) {
        return operators.find(principal.getName())
                .orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_ALLOWED, "'" + principal.getName() + "' is not an operator"));
    }

    private static ResponseEntity<Map<String, String>> problem(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", error, "message", message));
    }

    private static ResponseEntity<Map<String, String>> tooBig() {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "too_big", "Files up to 10 MB can be sent");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> overLimit(MaxUploadSizeExceededException e) {
        return tooBig();
    }

    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    ResponseEntity<Map<String, String>> notMultipart(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid", "Send the file as multipart/form-data with a field 'file'");
    }

    @ExceptionHandler(HandoffException.class)
    ResponseEntity<Map<String, String>> refused(HandoffException e) {
        var status = switch (e.problem()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case CONFLICT, OVER_CAPACITY -> HttpStatus.CONFLICT;
            case CLOSED -> HttpStatus.GONE;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return problem(status, e.problem().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
    }
}
