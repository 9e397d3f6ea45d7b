package org.supportbot.channel.vk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentSource;
import org.supportbot.conversation.AttachmentUnavailable;

/**
 * Fetches VK files for operators from the URLs VK put in the message: only from VK's own hosts
 * (and the configured {@code VK_API_URL}'s host), at most {@value #MAX_MB} MB within
 * {@code supportbot.vk.download-timeout} (30 s). A URL that answers 404 (VK's links expire) is a file gone.
 */
@Component
@Conditional(VkEnabled.class)
class VkFiles implements AttachmentSource {

    static final int MAX_MB = 20;
    private static final long MAX_BYTES = MAX_MB * 1024L * 1024;

    private final VkSettings settings;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    VkFiles(VkSettings settings, @Value("${supportbot.vk.download-timeout:30s}") Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    @Override
    public String channel() {
        return VkEvents.CHANNEL;
    }

    @Override
    public FileContent fetch(Attachment attachment) throws AttachmentUnavailable {
        if (attachment.size() > MAX_BYTES) {
            throw tooBig();
        }
        URI url;
        try {
            url = URI.create(String.valueOf(attachment.fileId()));
        } catch (IllegalArgumentException e) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "VK gave no usable link for this file");
        }
        if (!allowed(url, settings.apiUrl())) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "the link is not VK's: not fetched");
        }
        try {
            var response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                if (response.statusCode() == 404 || response.statusCode() == 410 || response.statusCode() == 403) {
                    throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "VK no longer has this file (HTTP " + response.statusCode() + ")");
                }
                if (response.statusCode() != 200) {
                    throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, "VK answered HTTP " + response.statusCode());
                }
                var bytes = readAtMost(body);
                return new FileContent(bytes, response.headers().firstValue("Content-Type").orElse(null));
            }
        } catch (HttpTimeoutException e) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, "VK did not send the file within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, settings.mask("downloading from VK failed: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttachmentUnavailable(AttachmentUnavailable.Reason.FAILED, "interrupted");
        }
    }

    /** Whether a link is VK's own (or on the configured API host): the only ones fetched from or uploaded to. */
    static boolean allowed(URI url, URI apiUrl) {
        var host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (host.equals(apiUrl.getHost())) {
            return scheme.equals("http") || scheme.equals("https");
        }
        return scheme.equals("https") && (host.equals("vk.com") || host.endsWith(".vk.com") || host.endsWith(".userapi.com")
                || host.endsWith(".vk.me") || host.endsWith(".vkuserphoto.ru") || host.endsWith(".mycdn.me"));
    }

    private static byte[] readAtMost(InputStream body) throws IOException, AttachmentUnavailable {
        var bytes = body.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooBig();
        }
        return bytes;
    }

    private static AttachmentUnavailable tooBig() {
        return new AttachmentUnavailable(AttachmentUnavailable.Reason.TOO_BIG, "the file is over " + MAX_MB + " MB: ask the customer to send it another way");
    }
}
