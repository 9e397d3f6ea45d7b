package org.supportbot.channel.vk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.channel.MessageSplitter;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;

/**
 * Sends replies to VK dialogs with {@code messages.send}. Replies longer than 4096 characters go as
 * several messages cut at paragraph or sentence ends, the keyboard ({@link VkKeyboards}) with the last.
 *
 * <p><b>Exactly once.</b> Each message carries a {@code random_id} derived from the reply's outbox id
 * and the part's index; VK does not deliver a second message with a {@code random_id} it has seen
 * from the community in that dialog. So when a response is lost and the outbox sends the reply again,
 * or a split reply failed half-way and is sent again from its first part, the customer gets each part
 * once. (VK remembers {@code random_id}s for a limited time — about an hour — which retries of the
 * outbox, with back-off of at most five minutes, stay well within unless VK is down longer.)
 *
 * <p>Errors: 6 (too many requests per second) and 9 (flood control) → retry after a pause; no answer,
 * 1, 10 and token or permission errors → retry with the outbox's back-off (the operator of the bot
 * can fix a token while replies wait); 901 and 902 (the user does not accept messages from the
 * community) → {@link DeliveryException.Kind#RECIPIENT_GONE}, and the user is marked so that nothing
 * more is sent until they allow messages again; 911/912 (keyboard refused) → the text is sent again
 * without the keyboard; anything else → rejected. Rate limit: every API call takes a slot of the
 * {@link VkRateLimiter}; a wait longer than {@link #MAX_WAIT_HERE} goes back to the outbox.
 *
 * <p><b>Files</b> are uploaded to the dialog first ({@link VkUploads}) and go with the reply's last
 * part, its text the caption. An upload server that fails, stalls or answers nonsense, and a save
 * with an invalid server or hash → retry (a fresh upload may work); a file VK refuses, or that is
 * gone → rejected. A location or contact goes as text.
 *
 * <p>Thread-safe.
 */
@Component
@Conditional(VkEnabled.class)
class VkSender implements MessageSender {

    private static final Logger log = LoggerFactory.getLogger(VkSender.class);
    /** Longer rate-limit waits go back to the outbox instead of holding a delivery worker. */
    static final Duration MAX_WAIT_HERE = Duration.ofMillis(1500);
    static final Duration TOO_MANY_REQUESTS_PAUSE = Duration.ofSeconds(1);
    static final Duration FLOOD_CONTROL_PAUSE = Duration.ofSeconds(10);

    private final VkApi api;
    private final VkStore store;
    private final VkKeyboards keyboards;
    private final VkSettings settings;
    private final @Nullable VkUploads uploads;

    VkSender(VkApi api, VkStore store, VkKeyboards keyboards, VkSettings settings) {
        this(api, store, keyboards, settings, null);
    }

    @Autowired
    VkSender(VkApi api, VkStore store, VkKeyboards keyboards, VkSettings settings, @Nullable VkUploads uploads) {
        this.api = api;
        this.store = store;
        this.keyboards = keyboards;
        this.settings = settings;
        this.uploads = uploads;
    }

    @Override
    public String channel() {
        return VkEvents.CHANNEL;
    }

    @Override
    public void send(String deliveryId, OutboundMessage message) throws DeliveryException {
        long peer;
        try {
            peer = Long.parseLong(message.conversation().chat());
        } catch (NumberFormatException e) {
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "not a VK peer id: '" + message.conversation().chat() + "'", null);
        }
        if (store.isDenied(peer)) {
            throw new DeliveryException(DeliveryException.Kind.RECIPIENT_GONE, "the user does not accept messages from the community", null);
        }
        var file = message.attachment();
        var text = file == null || file.hasFile() ? message.text() : (message.text().strip() + "\n" + VkFileText.describe(file)).strip();
        String attachment = file != null && file.hasFile() ? upload(deliveryId, peer, file) : null;
        if (text.isBlank() && attachment == null) {
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "VK does not send an empty text", null);
        }
        var parts = text.isBlank() ? java.util.List.of("") : MessageSplitter.split(text, VkMethod.MessagesSend.MAX_LENGTH);
        var keyboard = keyboards.keyboard(message.buttons());
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            var id = deliveryId + "#" + i;
            var attached = last ? attachment : null;
            if (last && keyboard != null) {
                try {
                    execute(peer, new VkMethod.MessagesSend(peer, randomId(id), parts.get(i), keyboard, attached));
                    continue;
                } catch (KeyboardRefused e) {
                    // The text matters more than its buttons: send it without them (under an id of its own, deterministic too).
                    log.warn("VK refused the keyboard of reply {} ({}): sent without it", deliveryId, e.getMessage());
                    id = id + ":plain";
                }
            }
            try {
                execute(peer, new VkMethod.MessagesSend(peer, randomId(id), parts.get(i), null, attached));
            } catch (KeyboardRefused e) {
                throw new DeliveryException(DeliveryException.Kind.REJECTED, e.getMessage(), null);
            }
        }
    }

    /** VK refused the keyboard (911, 912): the message was not sent. */
    private static final class KeyboardRefused extends Exception {
        KeyboardRefused(String message) {
            super(message);
        }
    }

    /** The file uploaded to the peer's dialog, as {@code messages.send} names it. */
    private String upload(String deliveryId, long peer, Attachment file) throws DeliveryException {
        if (uploads == null) {
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "files cannot be sent to VK here", null);
        }
        try {
            return uploads.upload(deliveryId, peer, file);
        } catch (AttachmentUnavailable e) {
            if (e.reason() == AttachmentUnavailable.Reason.FAILED) {
                throw DeliveryException.retry("the file to send is not available yet: " + e.getMessage(), null);
            }
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "the file to send is gone: " + e.getMessage(), null);
        } catch (VkApiException e) {
            throw classify(peer, e);
        }
    }

    private void execute(long peer, VkMethod.MessagesSend request) throws DeliveryException, KeyboardRefused {
        try {
            api.call(request, MAX_WAIT_HERE);
        } catch (VkApiException e) {
            if (e.code() == VkApiException.KEYBOARD_INVALID || e.code() == VkApiException.BOT_FEATURE_OFF) {
                throw new KeyboardRefused(settings.mask(e.getMessage()));
            }
            throw classify(peer, e);
        }
    }

    private DeliveryException classify(long peer, VkApiException e) {
        var description = settings.mask(e.getMessage());
        return switch (e.code()) {
            case VkApiException.RATE_LIMITED_HERE -> DeliveryException.retry(description, e.retryAfter());
            case VkApiException.TOO_MANY_REQUESTS -> DeliveryException.retry(description, TOO_MANY_REQUESTS_PAUSE);
            case VkApiException.FLOOD_CONTROL -> DeliveryException.retry(description, FLOOD_CONTROL_PAUSE);
            case VkApiException.NO_PERMISSION, VkApiException.PRIVACY -> {
                store.markDenied(peer);
                yield new DeliveryException(DeliveryException.Kind.RECIPIENT_GONE, description, null);
            }
            // No answer; unknown and internal errors; token, permission and rate errors the bot's operator can fix;
            // an upload that failed or whose server or hash VK no longer takes: keep the reply.
            case VkApiException.NO_ANSWER, 1, VkApiException.INTERNAL_ERROR, 5, 7, 15, 27, 28, 29,
                    VkApiException.UPLOAD_ERROR, VkApiException.INVALID_SERVER, VkApiException.INVALID_HASH -> DeliveryException.retry(description, null);
            default -> new DeliveryException(DeliveryException.Kind.REJECTED, description, null);
        };
    }

    /**
     * VK's {@code random_id} for one message: 31 bits of SHA-256 of {@code id}, never 0 (which turns
     * deduplication off). Distinct ids collide with a chance of 1 in 2^31 — and only matter within one
     * dialog and VK's memory of {@code random_id}s.
     */
    static int randomId(String id) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            int value = ByteBuffer.wrap(digest).getInt() & 0x7fffffff;
            return value == 0 ? 1 : value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

}
