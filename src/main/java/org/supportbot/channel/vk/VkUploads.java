package org.supportbot.channel.vk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentSource;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.Attachments;
import org.supportbot.conversation.FileTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Puts a file into a VK dialog the way VK wants it: a messages upload server for the peer, the file
 * POSTed there as multipart, the upload saved — the result is what {@code messages.send} takes as
 * {@code attachment}. Pictures (JPEG, PNG, GIF) go as photos (a picture VK refuses as a photo goes as
 * a document), voice messages as {@code audio_message}, everything else as a document.
 *
 * <p>A saved upload is remembered per delivery for an hour (as long as VK remembers a
 * {@code random_id}), so a reply the outbox sends again is not uploaded again. Upload servers are
 * VK's (or on the configured API host); the upload has {@code supportbot.vk.upload-timeout} (30 s).
 */
@Component
@Conditional(VkEnabled.class)
class VkUploads {

    /** Where the bytes of an attachment come from. */
    @FunctionalInterface
    interface Files {
        AttachmentSource.FileContent open(Attachment attachment) throws AttachmentUnavailable;
    }

    /** The pictures VK takes as message photos. */
    private static final java.util.Set<String> PHOTOS = java.util.Set.of("image/jpeg", "image/png", "image/gif");

    private final VkApi api;
    private final VkSettings settings;
    private final Files files;
    private final Duration timeout;
    private final RestClient http;
    private final Cache<String, String> saved = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();

    @Autowired
    VkUploads(VkApi api, VkSettings settings, Attachments attachments, @Value("${supportbot.vk.upload-timeout:30s}") Duration timeout) {
        this(api, settings, attachments::open, timeout);
    }

    VkUploads(VkApi api, VkSettings settings, Files files, Duration timeout) {
        this.api = api;
        this.settings = settings;
        this.files = files;
        this.timeout = timeout;
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build());
        factory.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /**
     * The {@code attachment} for {@code messages.send}: the file uploaded to the peer's dialog and saved.
     *
     * @throws VkApiException VK refused or did not answer (classified by the sender)
     * @throws AttachmentUnavailable the file's bytes could not be had
     */
    String upload(String deliveryId, long peer, Attachment file) throws VkApiException, AttachmentUnavailable {
        var key = deliveryId + "|" + file.id();
        var known = saved.getIfPresent(key);
        if (known != null) {
            return known;
        }
        var content = files.open(file);
        var target = target(file, content);
        String attachment;
        try {
            attachment = upload(target, peer, file, content.bytes());
        } catch (VkApiException e) {
            if (target != VkUploadMethods.Target.PHOTO || e.code() != VkApiException.UPLOAD_REFUSED) {
                throw e;
            }
            attachment = upload(VkUploadMethods.Target.DOC, peer, file, content.bytes()); // not a picture to VK: a file then
        }
        saved.put(key, attachment);
        return attachment;
    }

    /** Photos for what VK shows as a photo (by the bytes: a stated type can lie), voice messages as such, else a document. */
    static VkUploadMethods.Target target(Attachment file, AttachmentSource.FileContent content) {
        var sniffed = FileTypes.sniff(content.bytes());
        if (file.kind().equals("voice") && sniffed.equals("audio/ogg")) {
            return VkUploadMethods.Target.AUDIO_MESSAGE;
        }
        return PHOTOS.contains(sniffed) ? VkUploadMethods.Target.PHOTO : VkUploadMethods.Target.DOC;
    }

    private String upload(VkUploadMethods.Target target, long peer, Attachment file, byte[] bytes) throws VkApiException {
        var url = api.call(new VkUploadMethods.GetUploadServer(target, peer), VkSender.MAX_WAIT_HERE);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new VkApiException(VkApiException.NO_ANSWER, "VK named an upload server that is not a URL", null);
        }
        if (!VkFiles.allowed(uri, settings.apiUrl())) {
            throw new VkApiException(VkApiException.NO_ANSWER, "VK named an upload server that is not VK's: " + uri.getHost(), null);
        }
        var answer = post(uri, target, uploadName(name(file, target)), bytes);
        if (target == VkUploadMethods.Target.PHOTO) {
            var photo = answer.path("photo").asString("");
            if (photo.isBlank() || photo.equals("[]")) {
                throw refused(answer);
            }
            return api.call(new VkUploadMethods.SaveMessagesPhoto(photo, answer.path("server").asString(""), answer.path("hash").asString("")),
                    VkSender.MAX_WAIT_HERE);
        }
        var saved = answer.path("file").asString("");
        if (saved.isBlank()) {
            throw refused(answer);
        }
        return api.call(new VkUploadMethods.SaveDoc(saved, name(file, target)), VkSender.MAX_WAIT_HERE);
    }

    private JsonNode post(URI uri, VkUploadMethods.Target target, String name, byte[] bytes) throws VkApiException {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentDisposition(ContentDisposition.formData().name(target.field()).filename(name).build());
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add(target.field(), new HttpEntity<>(new ByteArrayResource(bytes), headers));
        Raw raw;
        try {
            raw = http.post().uri(uri).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                    .exchange((req, res) -> new Raw(res.getStatusCode().value(), res.getBody().readAllBytes()));
        } catch (RestClientException | IllegalStateException e) {
            throw new VkApiException(VkApiException.NO_ANSWER, timedOut(e)
                    ? "VK's upload server did not take the file within " + timeout.toSeconds() + " s"
                    : settings.mask("VK's upload server did not answer: " + e.getMessage()), null);
        }
        if (raw == null || raw.status() != 200) {
            throw new VkApiException(VkApiException.NO_ANSWER, "VK's upload server answered HTTP " + (raw == null ? 0 : raw.status()), null);
        }
        try {
            var tree = VkApi.JSON.readTree(raw.body());
            if (tree != null && tree.isObject()) {
                return tree;
            }
        } catch (JacksonException e) {
            // not JSON: below
        }
        throw new VkApiException(VkApiException.NO_ANSWER, "VK's upload server answered something that is not JSON", null);
    }

    private record Raw(int status, byte[] body) {
    }

    private static boolean timedOut(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static VkApiException refused(JsonNode answer) {
        var why = answer.path("error").asString("");
        var description = answer.path("error_descr").asString("");
        var text = (why + (description.isBlank() ? "" : ": " + description)).strip();
        return new VkApiException(VkApiException.UPLOAD_REFUSED, "VK refused the file" + (text.isEmpty() ? "" : " (" + text + ")"), null);
    }

    /**
     * The name the upload server sees: plain ASCII with the extension kept, which is what it checks
     * (an encoded non-ASCII name could hide it); the real name is the document's title.
     */
    static String uploadName(String name) {
        if (name.matches("[A-Za-z0-9._ -]{1,100}")) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        var extension = dot < 0 ? "" : name.substring(dot);
        return "file" + (extension.matches("\\.[A-Za-z0-9]{1,8}") ? extension : "");
    }

    private static String name(Attachment file, VkUploadMethods.Target target) {
        if (file.name() != null && !file.name().isBlank()) {
            return file.name();
        }
        return switch (target) {
            case PHOTO -> "photo.jpg";
            case AUDIO_MESSAGE -> "voice.ogg";
            case DOC -> file.kind();
        };
    }
}
