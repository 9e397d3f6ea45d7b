package org.supportbot.curation;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;

/**
 * The editors' API, for the editor page and {@code suggest --server}; every call needs an
 * account with the editor role ({@code editor=true} or an admin; HTTP Basic, see the operator
 * module's security). Errors are JSON {@code {"error", "message"}}: 400 bad request, 404 no such
 * open suggestion, 409 a content file could not be edited safely.
 *
 * <ul>
 *   <li>{@code GET /api/editor/suggestions}: {@code {"suggestions": [Suggestion…]}} by falling volume
 *   <li>{@code GET /api/editor/intents}: {@code [{"name", "title"}]} the intents phrases can go into, title in the request's language
 *   <li>{@code POST /api/editor/suggestions/{id}/accept {"intent"?, "phrases"?}}: adds phrases to an intent
 *   <li>{@code POST /api/editor/suggestions/{id}/create {"name", "title"?, "answer"?}}: a new intent
 *   <li>{@code POST /api/editor/suggestions/{id}/dismiss}
 * </ul>
 * The three decisions answer with a {@link ContentChange}.
 */
@RestController
@RequestMapping("/api/editor")
class EditorApiController {

    private final Curation curation;
    private final KnowledgeBase knowledge;

    EditorApiController(Curation curation, KnowledgeBase knowledge) {
        this.curation = curation;
        this.knowledge = knowledge;
    }

    /** An intent an editor can add phrases to. */
    record IntentChoice(String name, String title) {
    }

    /** Accept: into {@code intent} (default: the proposed one) the {@code phrases} (default: every wording). */
    record AcceptRequest(@Nullable String intent, @Nullable List<String> phrases) {
    }

    /** Create: a new intent {@code name}; the answer defaults to the operator's reply. */
    record CreateRequest(@Nullable String name, @Nullable String title, @Nullable String answer) {
    }

    @GetMapping("/suggestions")
    Map<String, List<Suggestion>> suggestions() {
        return Map.of("suggestions", curation.suggestions());
    }

    @GetMapping("/intents")
    List<IntentChoice> intents(Locale locale) {
        var language = Language.fromCode(locale.getLanguage()).orElse(Language.RU);
        return knowledge.content().intents().values().stream()
                .filter(intent -> !intent.isOutOfScope())
                .map(intent -> new IntentChoice(intent.name(), intent.title(language)))
                .toList();
    }

    @PostMapping("/suggestions/{id}/accept")
    ContentChange accept(@PathVariable String id, @RequestBody(required = false) @Nullable AcceptRequest request, Principal principal) {
        var body = request == null ? new AcceptRequest(null, null) : request;
        return curation.accept(id, body.intent(), body.phrases(), principal.getName());
    }

    @PostMapping("/suggestions/{id}/create")
    ContentChange create(@PathVariable String id, @RequestBody CreateRequest request, Principal principal) {
        if (request.name() == null || request.name().isBlank()) {
            throw new IllegalArgumentException("give the new intent's 'name'");
        }
        return curation.create(id, request.name().strip(), request.title(), request.answer(), principal.getName());
    }

    @PostMapping("/suggestions/{id}/dismiss")
    ContentChange dismiss(@PathVariable String id, Principal principal) {
        return curation.dismiss(id, principal.getName());
    }

    @ExceptionHandler(NoSuchSuggestionException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchSuggestionException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "message", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "conflict", "message", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", "The request is not valid JSON of the expected shape"));
    }
}
