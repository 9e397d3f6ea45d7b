package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.MemoryStore;
import org.supportbot.MovableClock;

/** Files follow the transcripts' retention period: the housekeeping job's {@link AttachmentExpiry}, on a clock tests move. */
class AttachmentExpiryTests {

    private final MemoryStore store = new MemoryStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AttachmentStore attachmentStore = new AttachmentStore(store);
    private final Attachments attachments = new Attachments(attachmentStore, List.of(), clock);
    private final ConversationId customer = ConversationId.parse("web:0123456789abcdef");

    @AfterEach
    void close() {
        store.close();
    }

    private long count(String collection) {
        return store.database().getCollection(collection).countDocuments();
    }

    @Test
    void removesFilesAndTheirBytesOnceTheTranscriptPeriodIsOverAndKeepsYoungerOnes() {
        var expiry = new AttachmentExpiry(attachmentStore, Duration.ofDays(90));
        var old = attachments.keep(customer, "photo", "old.jpg", "image/jpeg", new byte[AttachmentStore.CHUNK + 10]); // two chunks
        var reference = new Attachment(Attachments.newId(), "photo", "telegram", "file-1", "image/jpeg", 10, null, null, null);
        attachments.remember(customer, List.of(reference));
        clock.advance(Duration.ofDays(30));
        var young = attachments.keep(customer, "document", "young.pdf", "application/pdf", new byte[] {1, 2, 3});
        assertThat(count(AttachmentStore.CHUNKS)).isEqualTo(3);

        clock.advance(Duration.ofDays(59));
        assertThat(expiry.expire(clock.instant())).as("89 days: nothing is due").isZero();

        clock.advance(Duration.ofDays(2));
        assertThat(expiry.expire(clock.instant())).as("two chunks and two references").isEqualTo(4);
        assertThat(attachments.find(old.id())).isEmpty();
        assertThat(attachments.find(reference.id())).isEmpty();
        assertThat(attachmentStore.bytes(old.id())).isEmpty();
        assertThat(attachmentStore.bytes(young.id())).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
        assertThat(count(AttachmentStore.CHUNKS)).isEqualTo(1);

        clock.advance(Duration.ofDays(30));
        assertThat(expiry.expire(clock.instant())).isEqualTo(2);
        assertThat(count(AttachmentStore.COLLECTION)).isZero();
        assertThat(count(AttachmentStore.CHUNKS)).isZero();
    }

    @Test
    void aPeriodOfZeroKeepsFilesForEver() {
        var forever = new AttachmentExpiry(attachmentStore, Duration.ZERO);
        var file = attachments.keep(customer, "photo", "a.jpg", "image/jpeg", new byte[] {7});
        clock.advance(Duration.ofDays(3650));

        assertThat(forever.expire(clock.instant())).isZero();
        assertThat(attachmentStore.bytes(file.id())).isPresent();
    }
}
