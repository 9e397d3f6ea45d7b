package org.supportbot.operator;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.CustomerLinks;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.HandoffException;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.Operators;
import org.supportbot.handoff.Ticket;

/**
 * The operator API, for the web console and integrations; every call needs an operator account
 * (HTTP Basic). Errors are JSON {@code {"error", "message"}}: 400 bad request, 403 not allowed,
 * 404 no such ticket or queue, 409 taken or changed meanwhile or over capacity, 410 closed.
 *
 * <ul>
 *   <li>{@code GET /api/operator/me}: the operator, their queues and held tickets
 *   <li>{@code GET /api/operator/queue[?queue=]}: waiting tickets in serving order
 *   <li>{@code GET /api/operator/tickets[?scope=mine|open]}: held or all open tickets
 *   <li>{@code GET /api/operator/tickets/{n}}: one ticket with its history, the conversation's transcript and the customer's earlier tickets
 *   <li>{@code GET /api/operator/tickets/{n}/suggestions}: knowledge-base answers for the customer's latest messages
 *   <li>{@code GET /api/operator/operators}: colleagues to transfer to
 *   <li>{@code POST /api/operator/tickets/{n}/claim | close [{"reason"}] | release}
 *   <li>{@code POST /api/operator/tickets/{n}/messages {"text"}}: to the customer; an {@code Idempotency-Key} header makes a repeat send once
 *   <li>{@code POST /api/operator/tickets/{n}/transfer {"queue"} or {"operator"}}
 *   <li>{@code GET /api/operator/events}: server-sent events of tickets changing
 * </ul>
 */
@RestController
@RequestMapping("/api/operator")
class OperatorApiController {

    static final int MAX_MESSAGE = 4096;
    private static final int TRANSCRIPT_TURNS = 200;
    private static final int SUGGESTION_TURNS = 10;
    private static final int EARLIER_TICKETS = 5;

    private final Handoff handoff;
    private final Operators operators;
    private final ConversationEngine conversations;
    private final OperatorEvents events;
    private final ReplySuggestions suggestions;
    private final Clock clock;
    private final CustomerLinks links;

    OperatorApiController(Handoff handoff, Operators operators, ConversationEngine conversations, OperatorEvents events,
            ReplySuggestions suggestions, Clock clock, CustomerLinks links) {
        this.links = links;
        this.handoff = handoff;
        this.operators = operators;
        this.conversations = conversations;
        this.events = events;
        this.suggestions = suggestions;
        this.clock = clock;
    }

    /** A colleague to transfer to: who they are, which queues they serve, how many tickets they hold. */
    record Colleague(String login, String name, java.util.Set<String> queues, int capacity, int holding) {
    }

    /** A message to the customer. */
    record MessageRequest(@Nullable String text) {
    }

    /** Where to move a ticket: a queue, or an operator's login. */
    record TransferRequest(@Nullable String queue, @Nullable String operator) {
    }

    @GetMapping("/me")
    Map<String, Object> me(Principal principal) {
        var operator = operator(principal);
        var now = clock.instant();
        return Map.of("login", operator.login(), "name", operator.name(), "admin", operator.admin(), "editor", operator.editor(),
                "capacity", operator.capacity(),
                "queues", operator.queues().isEmpty() || operator.admin() ? handoff.queues() : operator.queues(),
                "tickets", handoff.assignedTo(operator.login()).stream().map(t -> TicketView.summary(t, now)).toList(),
                "workingHours", Map.of("openNow", handoff.hours().isOpen(now), "schedule", handoff.hours().description(),
                        "zone", handoff.hours().zone().getId()));
    }

    @GetMapping("/queue")
    List<TicketView> queue(@RequestParam(required = false) @Nullable String queue, Principal principal) {
        var operator = operator(principal);
        var now = clock.instant();
        return handoff.waiting(queue == null || queue.isBlank() ? null : queue.strip()).stream()
                .filter(t -> operator.serves(t.queue()))
                .map(t -> TicketView.summary(t, now)).toList();
    }

    @GetMapping("/tickets")
    List<TicketView> tickets(@RequestParam(defaultValue = "mine") String scope, Principal principal) {
        var operator = operator(principal);
        var now = clock.instant();
        var tickets = switch (scope) {
            case "mine" -> handoff.assignedTo(operator.login());
            case "open" -> handoff.open().stream().filter(t -> operator.serves(t.queue()) || operator.login().equals(t.operator())).toList();
            default -> throw new HandoffException(HandoffException.Problem.INVALID, "scope is 'mine' or 'open', got '" + scope + "'");
        };
        return tickets.stream().map(t -> TicketView.summary(t, now)).toList();
    }

    @GetMapping("/tickets/{number}")
    TicketView ticket(@PathVariable long number, Principal principal) {
        var ticket = visibleTicket(number, operator(principal));
        var transcript = conversations.transcript(ConversationId.parse(ticket.conversation()), TRANSCRIPT_TURNS);
        var now = clock.instant();
        // The same customer's tickets on every channel they proved a contact on, newest first.
        var linked = links.linkedTo(ticket.conversation());
        var earlier = java.util.stream.Stream.concat(java.util.stream.Stream.of(ticket.conversation()), linked.stream())
                .flatMap(c -> handoff.ticketsOf(c, EARLIER_TICKETS + 1).stream())
                .filter(t -> t.number() != number).sorted(java.util.Comparator.comparing(Ticket::openedAt).reversed())
                .limit(EARLIER_TICKETS * 2L).map(t -> TicketView.summary(t, now)).toList();
        return TicketView.of(ticket, now, true, transcript).withEarlier(earlier).withLinked(linked);
    }

    @GetMapping("/tickets/{number}/suggestions")
    List<ReplySuggestions.Suggestion> suggestions(@PathVariable long number, Principal principal) {
        var ticket = visibleTicket(number, operator(principal));
        return suggestions.suggest(ticket, conversations.transcript(ConversationId.parse(ticket.conversation()), SUGGESTION_TURNS));
    }

    @GetMapping("/operators")
    List<Colleague> colleagues(Principal principal) {
        operator(principal);
        var load = operators.load();
        return operators.all().stream()
                .sorted(java.util.Comparator.comparing(Operator::name))
                .map(o -> new Colleague(o.login(), o.name(), o.queues().isEmpty() ? handoff.queues() : o.queues(), o.capacity(),
                        load.getOrDefault(o.login(), 0)))
                .toList();
    }

    private Ticket visibleTicket(long number, Operator operator) {
        var ticket = handoff.find(number).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_FOUND, "No ticket #" + number));
        if (!operator.serves(ticket.queue()) && !operator.login().equals(ticket.operator())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + number + " is in a queue you do not serve");
        }
        return ticket;
    }

    @PostMapping("/tickets/{number}/claim")
    TicketView claim(@PathVariable long number, Principal principal) {
        return TicketView.summary(handoff.claim(number, operator(principal).login()), clock.instant());
    }

    /** How to close: a reason from {@code GET /close-reasons}, the default when absent. */
    record CloseRequest(@Nullable String reason) {
    }

    @PostMapping("/tickets/{number}/close")
    TicketView close(@PathVariable long number, @RequestBody(required = false) @Nullable CloseRequest request, Principal principal) {
        var reason = request == null ? null : request.reason();
        return TicketView.summary(handoff.resolve(number, operator(principal).login(), reason), clock.instant());
    }

    @PostMapping("/tickets/{number}/release")
    TicketView release(@PathVariable long number, Principal principal) {
        return TicketView.summary(handoff.returnToBot(number, operator(principal).login()), clock.instant());
    }

    @PostMapping("/tickets/{number}/transfer")
    TicketView transfer(@PathVariable long number, @RequestBody TransferRequest request, Principal principal) {
        var by = operator(principal).login();
        if (request.operator() != null && !request.operator().isBlank()) {
            return TicketView.summary(handoff.transferToOperator(number, request.operator().strip(), by), clock.instant());
        }
        if (request.queue() != null && !request.queue().isBlank()) {
            return TicketView.summary(handoff.transferToQueue(number, request.queue(), by), clock.instant());
        }
        throw new HandoffException(HandoffException.Problem.INVALID, "Give a 'queue' or an 'operator' to transfer to");
    }

    @PostMapping("/tickets/{number}/messages")
    ResponseEntity<TicketView> send(@PathVariable long number, @RequestBody MessageRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey, Principal principal) {
        var text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            throw new HandoffException(HandoffException.Problem.INVALID, "The message is empty");
        }
        if (text.length() > MAX_MESSAGE) {
            throw new HandoffException(HandoffException.Problem.INVALID, "The message is longer than " + MAX_MESSAGE + " characters");
        }
        if (idempotencyKey != null && (idempotencyKey.length() > 100 || !idempotencyKey.matches("[A-Za-z0-9._:-]+"))) {
            throw new HandoffException(HandoffException.Problem.INVALID, "Idempotency-Key: up to 100 letters, digits, '.', '_', ':' or '-'");
        }
        var operator = operator(principal);
        var key = "api:" + operator.login() + ":" + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID());
        var ticket = handoff.operatorWrote(number, operator.login(), key, text, "api");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(TicketView.summary(ticket, clock.instant()));
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Principal principal) {
        return events.subscribe(operator(principal));
    }

    private Operator operator(Principal principal) {
        return operators.find(principal.getName())
                .orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_ALLOWED, "'" + principal.getName() + "' is not an operator"));
    }

    @ExceptionHandler(HandoffException.class)
    ResponseEntity<Map<String, String>> refused(HandoffException e) {
        return refusal(e);
    }

    /** The answer to a refused operation, shared by the operator API's controllers. */
    static ResponseEntity<Map<String, String>> refusal(HandoffException e) {
        var status = switch (e.problem()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case CONFLICT, OVER_CAPACITY -> HttpStatus.CONFLICT;
            case CLOSED -> HttpStatus.GONE;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status).body(Map.of("error", e.problem().name().toLowerCase(java.util.Locale.ROOT), "message", e.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", "The request is not valid JSON of the expected shape"));
    }
}
