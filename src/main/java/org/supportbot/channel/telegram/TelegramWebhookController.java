package org.supportbot.channel.telegram;

import com.mongodb.MongoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.channel.internal.ThrottledLog;
import org.supportbot.store.StoreUnavailableException;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * {@code POST /telegram/webhook} ({@code TELEGRAM_MODE=webhook}): checks Telegram's secret header,
 * stores the update, and answers 200 only once it is stored — otherwise Telegram delivers it again.
 * 403 without the right {@code X-Telegram-Bot-Api-Secret-Token}, whatever the body: the body is
 * read only after the secret matched (the edge has already refused one over 64 KB with 413). 400 for a
 * body that is not an update, or for one it cannot read (logged; Telegram would repeat a 5xx
 * forever); 503 only when the store failed (Telegram retries).
 * In polling mode the endpoint is not there (404).
 *
 * <p>Registers the webhook with Telegram ({@code setWebhook} with the secret and the update kinds
 * the bot handles) when the application is ready.
 */
@RestController
@Conditional(TelegramEnabled.class)
class TelegramWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Anyone may send wrong secrets, as often as they like: a line a minute says so. */
    private final ThrottledLog refusals = new ThrottledLog(log, Duration.ofMinutes(1), Clock.systemUTC());

    private final TelegramUpdates updates;
    private final TelegramApi api;
    private final TelegramSettings settings;

    TelegramWebhookController(TelegramUpdates updates, TelegramApi api, TelegramSettings settings) {
        this.updates = updates;
        this.api = api;
        this.settings = settings;
    }

    @PostMapping("/telegram/webhook")
    ResponseEntity<Void> receive(@RequestHeader(name = SECRET_HEADER, required = false) @Nullable String secret,
            InputStream request) {
        if (settings.mode() != TelegramSettings.Mode.WEBHOOK) {
            return ResponseEntity.notFound().build();
        }
        if (!secretMatches(secret)) {
            refusals.warn("Refused a Telegram webhook request {} secret token", secret == null ? "without a" : "with a wrong");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Update update;
        try {
            var body = request.readAllBytes();
            update = body.length == 0 ? null : api.json().readValue(body, Update.class);
        } catch (IOException e) {
            log.warn("Refused a malformed Telegram webhook request: {}", e.getMessage());
            return ResponseEntity.badRequest().build();
        }
        if (update == null || update.getUpdateId() == null) {
            log.warn("Refused a Telegram webhook request without an update_id");
            return ResponseEntity.badRequest().build();
        }
        try {
            updates.accept(update);
        } catch (MongoException | StoreUnavailableException | IllegalStateException e) {
            log.warn("Telegram update {} not stored, Telegram will deliver it again: {}", update.getUpdateId(), e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        } catch (RuntimeException e) {
            // JSON of the right shape that still cannot be read (a chat without an id, an entity past
            // the end of the text): a redelivery would fail the same way, so not 5xx (as the poller
            // skips such an update after a few attempts).
            log.warn("Refused Telegram update {}: it cannot be read", update.getUpdateId(), e);
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok().build();
    }

    /** Constant-time: how much of the secret matched must not show in the response time. */
    private boolean secretMatches(@Nullable String given) {
        var expected = settings.webhookSecret();
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        if (settings.mode() != TelegramSettings.Mode.WEBHOOK) {
            return;
        }
        var url = String.valueOf(settings.webhookUrl());
        try {
            api.client().execute(SetWebhook.builder()
                    .url(url)
                    .secretToken(settings.webhookSecret())
                    .allowedUpdates(TelegramUpdates.ALLOWED)
                    .build());
            log.info("Telegram webhook set to {}", url);
        } catch (TelegramApiException e) {
            // Telegram keeps a webhook set earlier; log loudly and go on serving it.
            log.error("Could not set the Telegram webhook to {}: {}", url, settings.mask(e.getMessage()));
        }
    }
}
