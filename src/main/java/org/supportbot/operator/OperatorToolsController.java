package org.supportbot.operator;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.HandoffException;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.Operators;
import org.supportbot.handoff.Ticket;
import org.supportbot.knowledge.KnowledgeBase;

/**
 * The operators' tools in the API, errors as in {@link OperatorApiController}:
 *
 * <ul>
 *   <li>{@code POST /api/operator/tickets/{n}/notes {"text"}}: a private note, never sent to the customer; answers the notes
 *   <li>{@code POST /api/operator/tickets/{n}/tags {"tags": [...]}}: the ticket's tags become these; answers them
 *   <li>{@code GET /api/operator/close-reasons}: the reasons {@code close} takes, the default first
 *   <li>{@code GET /api/operator/replies?ticket=n}: the saved replies, each rendered for that ticket's customer
 *   <li>{@code POST /api/operator/tickets/{n}/typing}: the holder is typing; the customer sees "typing…" where the channel can show it
 *   <li>{@code GET /api/operator/presence}: every operator's {@code online | away | offline}; {@code POST {"status"}} sets one's own
 * </ul>
 */
@RestController
@RequestMapping("/api/operator")
class OperatorToolsController {

    private final Handoff handoff;
    private final Operators operators;
    private final KnowledgeBase knowledge;
    private final org.springframework.context.ApplicationEventPublisher events;

    OperatorToolsController(Handoff handoff, Operators operators, KnowledgeBase knowledge, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.handoff = handoff;
        this.operators = operators;
        this.knowledge = knowledge;
    }

    /** A private note. */
    record NoteRequest(@Nullable String text) {
    }

    /** A ticket's tags, all of them. */
    record TagsRequest(@Nullable List<String> tags) {
    }

    /** A saved reply as the console's picker offers it: {@code text} rendered for the ticket's customer. */
    record ReplyView(String shortcut, String title, String text) {
    }

    @PostMapping("/tickets/{number}/notes")
    ResponseEntity<Map<String, List<Ticket.Note>>> note(@PathVariable long number, @RequestBody NoteRequest request, Principal principal) {
        var login = operator(principal).login();
        var ticket = handoff.addNote(number, login, request.text() == null ? "" : request.text(), "api:" + login + ":" + UUID.randomUUID(), "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("notes", ticket.notes()));
    }

    @PostMapping("/tickets/{number}/tags")
    Map<String, List<String>> tags(@PathVariable long number, @RequestBody TagsRequest request, Principal principal) {
        var tags = request.tags() == null ? List.<String>of() : request.tags().stream().map(t -> t == null ? "" : t).toList();
        return Map.of("tags", handoff.tag(number, operator(principal).login(), tags).tags());
    }

    /** An operator's presence. */
    record PresenceRequest(@Nullable String status) {
    }

    /** A colleague's presence. */
    record PresenceView(String login, String name, String status) {
    }

    @GetMapping("/presence")
    List<PresenceView> presence(Principal principal) {
        operator(principal);
        return operators.all().stream().sorted(java.util.Comparator.comparing(Operator::login))
                .map(o -> new PresenceView(o.login(), o.name(), handoff.presenceOf(o.login()).name().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    @PostMapping("/presence")
    PresenceView setPresence(@RequestBody PresenceRequest request, Principal principal) {
        var operator = operator(principal);
        var status = org.supportbot.handoff.OperatorStatus.parse(request.status()).orElseThrow(() -> new HandoffException(
                HandoffException.Problem.INVALID, "status is 'online', 'away' or 'offline'"));
        handoff.setPresence(operator.login(), status);
        return new PresenceView(operator.login(), operator.name(), status.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The operator is typing to the customer: channels that can show it do, at most every 5 s. */
    @PostMapping("/tickets/{number}/typing")
    ResponseEntity<Void> typing(@PathVariable long number, Principal principal) {
        var operator = operator(principal);
        var ticket = handoff.find(number).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_FOUND, "No ticket #" + number));
        if (!ticket.isOpen() || !operator.login().equals(ticket.operator())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + number + " is not yours to answer");
        }
        events.publishEvent(new org.supportbot.conversation.OperatorTyping(org.supportbot.conversation.ConversationId.parse(ticket.conversation())));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/close-reasons")
    List<String> closeReasons(Principal principal) {
        operator(principal);
        return handoff.closeReasons();
    }

    @GetMapping("/replies")
    List<ReplyView> replies(@RequestParam long ticket, Principal principal) {
        var operator = operator(principal);
        var found = handoff.find(ticket).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_FOUND, "No ticket #" + ticket));
        if (!operator.serves(found.queue()) && !operator.login().equals(found.operator())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + ticket + " is in a queue you do not serve");
        }
        return knowledge.replies().values().stream()
                .map(reply -> new ReplyView(reply.shortcut(), reply.title(), knowledge.renderReply(reply.shortcut(), found.language(),
                        found.customerName(), operator.name(), found.context()).orElse("")))
                .toList();
    }

    private Operator operator(Principal principal) {
        return operators.find(principal.getName())
                .orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_ALLOWED, "'" + principal.getName() + "' is not an operator"));
    }

    @ExceptionHandler(HandoffException.class)
    ResponseEntity<Map<String, String>> refused(HandoffException e) {
        return OperatorApiController.refusal(e);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", "The request is not valid JSON of the expected shape"));
    }
}
