package org.supportbot.channel.vk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.channel.internal.ThrottledLog;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /vk/callback} ({@code VK_MODE=callback}): VK's Callback API.
 *
 * <ul>
 *   <li>{@code confirmation} (when the server is added in the community's settings): answered with
 *       {@code VK_CONFIRMATION_CODE}.
 *   <li>Every other body must carry the community's {@code secret} (compared in constant time) before
 *       anything else in it is looked at: a wrong or missing one — in a body that is not even JSON,
 *       too — gets 403. Then its {@code group_id} must be ours (403) and it must have a {@code type}
 *       (400). It is stored, and only then answered with the plain string
 *       {@code ok}; VK delivers an event again until it gets {@code ok}, with an {@code X-Retry-Counter}
 *       header — the inbox recognises an event stored before by its {@code event_id}, and a retry of one
 *       that was not stored is processed like the first attempt.
 *   <li>400 with a reason for a signed body that is not an event (VK would repeat a 5xx); 503 when
 *       the store is down, so that VK retries. A body over 64 KB never gets here (413 at the edge).
 * </ul>
 *
 * In long-poll mode the endpoint is not there (404).
 */
@RestController
@Conditional(VkEnabled.class)
class VkCallbackController {

    private static final Logger log = LoggerFactory.getLogger(VkCallbackController.class);
    static final String RETRY_HEADER = "X-Retry-Counter";
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    /** Anyone may send wrong secrets, as often as they like: a line a minute says so. */
    private final ThrottledLog refusals = new ThrottledLog(log, Duration.ofMinutes(1), Clock.systemUTC());
    /** Confirmations are not secret-checked: as often as anyone asks, the log says so once a minute. */
    private final ThrottledLog confirmations = new ThrottledLog(log, Duration.ofMinutes(1), Clock.systemUTC());

    private final VkEvents events;
    private final VkSettings settings;

    VkCallbackController(VkEvents events, VkSettings settings) {
        this.events = events;
        this.settings = settings;
    }

    @PostMapping("/vk/callback")
    ResponseEntity<String> receive(@RequestHeader(name = RETRY_HEADER, required = false) @Nullable String retry,
            InputStream body) {
        if (settings.mode() != VkSettings.Mode.CALLBACK) {
            return ResponseEntity.notFound().build();
        }
        JsonNode event;
        try {
            event = VkApi.JSON.readTree(body.readAllBytes());
        } catch (JacksonException | IOException e) {
            event = null; // no secret to be found in it: refused as unsigned below
        }
        if (event == null || !event.isObject()) {
            return refuse(HttpStatus.FORBIDDEN, "wrong or missing secret");
        }
        var type = event.path("type").asString("");
        if (type.equals("confirmation")) {
            return confirm(event);
        }
        if (!secretMatches(event.path("secret").asString(null))) {
            return refuse(HttpStatus.FORBIDDEN, "wrong or missing secret");
        }
        if (!forUs(event)) {
            return refuse(HttpStatus.FORBIDDEN, "the event is not for this community (group_id)");
        }
        if (type.isBlank()) {
            return refuse(HttpStatus.BAD_REQUEST, "the event has no 'type'");
        }
        try {
            events.accept(event);
        } catch (VkEvents.MalformedEvent e) {
            return refuse(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("VK event {} not stored, VK will deliver it again: {}", event.path("event_id").asString(""), settings.mask(e.toString()));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(TEXT).body("not stored, try again");
        }
        if (retry != null) {
            log.debug("VK event {} taken on retry {}", event.path("event_id").asString(""), retry);
        }
        return ResponseEntity.ok().contentType(TEXT).body("ok");
    }

    /** Not secret-checked: VK may send it before the secret is saved, and the code proves only that this server is ours. */
    private ResponseEntity<String> confirm(JsonNode event) {
        if (!forUs(event)) {
            return refuse(HttpStatus.FORBIDDEN, "the event is not for this community (group_id)");
        }
        confirmations.info("Answered VK's Callback API confirmation for community {}", settings.groupId());
        return ResponseEntity.ok().contentType(TEXT).body(settings.confirmationCode());
    }

    private boolean forUs(JsonNode event) {
        return event.path("group_id").canConvertToLong() && event.path("group_id").asLong() == settings.groupId();
    }

    private ResponseEntity<String> refuse(HttpStatus status, String reason) {
        refusals.warn("Refused a VK Callback API request: {}", reason);
        return ResponseEntity.status(status).contentType(TEXT).body(reason);
    }

    /** Constant-time: how much of the secret matched must not show in the response time. */
    private boolean secretMatches(@Nullable String given) {
        var expected = settings.secret();
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
