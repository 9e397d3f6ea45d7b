package org.supportbot.channel.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.MemoryStore;
import org.supportbot.MovableClock;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentSource;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.OutboundMessage;

/**
 * Files to VK customers through the messages upload flow, with the real client against the fake VK
 * API and its upload servers: the photo, document and voice paths, exactly once, and every way the
 * flow can fail (upload server error, upload server down or stalled, a save error, a file VK refuses).
 */
class VkUploadTests {

    private static final String TOKEN = "vk1.a.upload-test-token";
    private static final long GROUP = 229_000_055;
    private static final long PEER = 6_101;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 7, 7};
    static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OGG = {'O', 'g', 'g', 'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2};

    private final FakeVkApi vk;
    private final MemoryStore memory = new MemoryStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final VkSettings settings;
    private final VkStore store;
    private final AtomicInteger opened = new AtomicInteger();
    private final Map<String, byte[]> files = Map.of("png-1", PNG, "pdf-1", PDF, "ogg-1", OGG, "fake-png", PDF);

    VkUploadTests() throws Exception {
        vk = new FakeVkApi(TOKEN, GROUP);
        settings = new VkSettings(TOKEN, GROUP, URI.create(vk.url()), VkSettings.Mode.LONGPOLL, null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        store = new VkStore(memory, clock);
    }

    @AfterEach
    void close() {
        vk.close();
        memory.close();
    }

    private VkSender sender() {
        var api = new VkApi(settings, VkRateLimiter.communityToken(clock), clock::advance);
        VkUploads.Files source = file -> {
            opened.incrementAndGet();
            var bytes = files.get(file.id());
            if (bytes == null) {
                throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "the file was erased");
            }
            return new AttachmentSource.FileContent(bytes, file.mime());
        };
        return new VkSender(api, store, new VkKeyboards(store), settings, new VkUploads(api, settings, source, Duration.ofSeconds(1)));
    }

    private static OutboundMessage file(String id, String kind, String mime, String name, String caption) {
        var attachment = new Attachment(id, kind, Attachment.STORED, null, mime, 10, name, null, null);
        return new OutboundMessage(new ConversationId("vk", Long.toString(PEER)), caption, List.of(), attachment);
    }

    @Test
    void aPictureGoesAsAPhotoWithItsCaptionOnceEvenWhenTheReplyIsSentAgain() throws Exception {
        var sender = sender();

        sender.send("api:anna:1#0", file("png-1", "photo", "image/png", "label.png", "Распечатайте ярлык"));

        var server = vk.calls("photos.getMessagesUploadServer");
        assertThat(server).hasSize(1);
        assertThat(server.get(0).param("peer_id")).isEqualTo(Long.toString(PEER));
        assertThat(server.get(0).param("v")).isEqualTo("5.199");
        var upload = vk.uploads().uploads().get(0);
        assertThat(upload.target()).isEqualTo("photo");
        assertThat(upload.field()).isEqualTo("photo");
        assertThat(upload.filename()).isEqualTo("label.png");
        assertThat(upload.bytes()).isEqualTo(PNG);
        assertThat(vk.calls("photos.saveMessagesPhoto")).singleElement().satisfies(c -> assertThat(c.param("hash")).isEqualTo("h1"));
        var delivered = vk.deliveredTo(PEER);
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("Распечатайте ярлык");
            assertThat(d.attachment()).isEqualTo("photo-" + GROUP + "_456001_key1");
        });

        // The outbox sends it again (a lost response): nothing uploaded again, nothing delivered twice.
        sender.send("api:anna:1#0", file("png-1", "photo", "image/png", "label.png", "Распечатайте ярлык"));
        assertThat(vk.uploads().uploads()).hasSize(1);
        assertThat(vk.sendCallsTo(PEER)).hasSize(2);
        assertThat(vk.deliveredTo(PEER)).hasSize(1);
    }

    @Test
    void aPdfGoesAsADocumentAVoiceMessageAsAnAudioMessageWithoutCaption() throws Exception {
        var sender = sender();

        sender.send("api:anna:2#0", file("pdf-1", "document", "application/pdf", "накладная.pdf", ""));
        sender.send("api:anna:3#0", file("ogg-1", "voice", "audio/ogg", "voice.ogg", ""));

        assertThat(vk.calls("docs.getMessagesUploadServer")).extracting(c -> c.param("type")).containsExactly("doc", "audio_message");
        assertThat(vk.calls("docs.save")).extracting(c -> c.param("title")).containsExactly("накладная.pdf", "voice.ogg");
        assertThat(vk.uploads().uploads()).extracting(FakeVkUploads.Upload::field).containsExactly("file", "file");
        // The upload server sees an ASCII name with the extension it checks; the document keeps its real name as title.
        assertThat(vk.uploads().uploads()).extracting(FakeVkUploads.Upload::filename).containsExactly("file.pdf", "voice.ogg");
        var delivered = vk.deliveredTo(PEER);
        assertThat(delivered).extracting(FakeVkApi.Delivered::attachment).containsExactly("doc-" + GROUP + "_789001", "doc-" + GROUP + "_789002");
        assertThat(delivered).extracting(FakeVkApi.Delivered::text).containsExactly("", "");
        assertThat(vk.sendCallsTo(PEER).get(0).params()).doesNotContainKey("message");
    }

    @Test
    void aFileIsTypedByItsBytesAPictureVkRefusesAsAPhotoGoesAsADocumentAndALocationGoesAsText() throws Exception {
        var sender = sender();

        sender.send("api:anna:3#0", file("fake-png", "photo", "image/png", "scan.png", "Скан")); // a PDF named and typed as PNG
        vk.uploads().refusePhotos(true);
        sender.send("api:anna:4#0", file("png-1", "photo", "image/png", "scan.png", "Скан"));
        var location = new Attachment("loc-1", "location", "telegram", null, null, 0, "55.75, 37.62", "1/2", null);
        sender.send("api:anna:5#0", new OutboundMessage(new ConversationId("vk", Long.toString(PEER)), "Мы здесь", List.of(), location));

        assertThat(vk.uploads().uploads()).extracting(FakeVkUploads.Upload::target).containsExactly("doc", "photo", "doc");
        var delivered = vk.deliveredTo(PEER);
        assertThat(delivered.get(0).attachment()).startsWith("doc-");
        assertThat(delivered.get(1).attachment()).startsWith("doc-");
        assertThat(delivered.get(1).text()).isEqualTo("Скан");
        assertThat(delivered.get(2).text()).isEqualTo("Мы здесь\n📍 55.75, 37.62");
        assertThat(delivered.get(2).attachment()).isEmpty();
    }

    @Test
    void anUploadServerErrorAFailingOrStalledUploadAndASaveErrorAreRetriedAndTheFileArrivesOnce() throws Exception {
        var sender = sender();
        var message = file("png-1", "photo", "image/png", "label.png", "Ярлык");

        vk.when("photos.getMessagesUploadServer", call -> FakeVkApi.Reply.error(10, "Internal server error"));
        assertThat(retried(sender, message)).contains("photos.getMessagesUploadServer").contains("Internal server error");
        vk.when("photos.getMessagesUploadServer", call -> null);

        vk.uploads().failWith(502);
        assertThat(retried(sender, message)).contains("HTTP 502");
        vk.uploads().failWith(0);

        vk.uploads().stall();
        long started = System.nanoTime();
        assertThat(retried(sender, message)).contains("did not take the file within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        vk.uploads().release();

        vk.when("photos.saveMessagesPhoto", call -> FakeVkApi.Reply.error(121, "Invalid hash"));
        assertThat(retried(sender, message)).contains("Invalid hash");
        vk.when("photos.saveMessagesPhoto", call -> null);

        assertThat(vk.deliveredTo(PEER)).isEmpty();
        sender.send("api:anna:6#0", message);
        assertThat(vk.deliveredTo(PEER)).singleElement().satisfies(d -> assertThat(d.attachment()).startsWith("photo-"));
        assertThat(vk.calls("messages.send")).allSatisfy(c -> assertThat(c.params().toString()).contains("attachment"));
    }

    @Test
    void aFileVkRefusesAFileGoneAndAPermissionErrorAreNotRetried() throws Exception {
        var sender = sender();

        var mp3 = catchThrowableOfType(DeliveryException.class,
                () -> sender.send("api:anna:7#0", file("pdf-1", "audio", "audio/mpeg", "song.mp3", "")));
        assertThat(mp3.kind()).isEqualTo(DeliveryException.Kind.REJECTED);
        assertThat(mp3.getMessage()).contains("VK refused the file").contains("mp3 is not allowed");

        var gone = catchThrowableOfType(DeliveryException.class,
                () -> sender.send("api:anna:8#0", file("erased", "document", "application/pdf", "x.pdf", "")));
        assertThat(gone.kind()).isEqualTo(DeliveryException.Kind.REJECTED);
        assertThat(gone.getMessage()).contains("gone");

        vk.when("docs.getMessagesUploadServer", call -> FakeVkApi.Reply.error(901, "Can't send messages for users without permission"));
        var denied = catchThrowableOfType(DeliveryException.class,
                () -> sender.send("api:anna:9#0", file("pdf-1", "document", "application/pdf", "x.pdf", "")));
        assertThat(denied.kind()).isEqualTo(DeliveryException.Kind.RECIPIENT_GONE);
        assertThat(vk.deliveredTo(PEER)).isEmpty();
        assertThat(List.of(mp3.getMessage(), gone.getMessage(), denied.getMessage())).noneMatch(m -> m.contains(TOKEN));
    }

    private static String retried(VkSender sender, OutboundMessage message) {
        var failure = catchThrowableOfType(DeliveryException.class, () -> sender.send("api:anna:6#0", message));
        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        return failure.getMessage();
    }
}
