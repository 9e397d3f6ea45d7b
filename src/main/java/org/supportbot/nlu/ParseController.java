package org.supportbot.nlu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/nlu/parse}: what the bot understands of a text, for developers and tools. */
@RestController
class ParseController {

    static final int MAX_TEXT_LENGTH = 4096;
    private static final int RANKING_SIZE = 10;

    private final IntentRecognizer recognizer;
    private final EntityFinder entities;

    ParseController(IntentRecognizer recognizer, EntityFinder entities) {
        this.recognizer = recognizer;
        this.entities = entities;
    }

    record ParseRequest(@Nullable String text) {
    }

    @PostMapping(path = "/api/nlu/parse", produces = "application/json")
    ResponseEntity<Map<String, Object>> parse(@RequestBody ParseRequest request) {
        var text = request.text();
        if (text == null || text.isBlank()) {
            return badRequest("'text' is required and must not be empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return badRequest("'text' is " + text.length() + " characters long; at most " + MAX_TEXT_LENGTH + " are accepted");
        }
        var parse = recognizer.parse(text).withEntities(entities.find(text));
        var body = new LinkedHashMap<String, Object>();
        body.put("intent", parse.intent());
        body.put("confidence", parse.confidence());
        body.put("decision", parse.decision().kind());
        body.put("language", parse.language().code());
        var decision = parse.decision();
        if (decision instanceof Decision.Clarify clarify) {
            body.put("candidates", List.of(clarify.first(), clarify.second()));
        } else if (decision instanceof Decision.Escalate escalate) {
            body.put("reason", escalate.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
        body.put("ranking", parse.ranking().stream().limit(RANKING_SIZE)
                .map(s -> {
                    var score = new LinkedHashMap<String, Object>();
                    score.put("intent", s.intent());
                    score.put("confidence", s.confidence());
                    return score;
                }).toList());
        body.put("entities", parse.entities().stream().map(e -> {
            var entity = new LinkedHashMap<String, Object>();
            entity.put("type", e.type());
            entity.put("text", e.text());
            entity.put("start", e.start());
            entity.put("end", e.end());
            return entity;
        }).toList());
        return ResponseEntity.ok(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return badRequest("the body must be JSON like {\"text\": \"...\"}");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupported(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("error", "send Content-Type: application/json"));
    }

    private static ResponseEntity<Map<String, Object>> badRequest(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
