package org.supportbot.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.MemoryStore;
import org.supportbot.MovableClock;

class RetentionTests {

    private final MemoryStore store = new MemoryStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Retention retention = new Retention(store, Duration.ofDays(90), Duration.ofDays(365), Duration.ofDays(365), Duration.ofDays(180));

    @AfterEach
    void close() {
        store.close();
    }

    private void insert(String collection, Document doc) {
        store.database().getCollection(collection).insertOne(doc);
    }

    private long count(String collection) {
        return store.database().getCollection(collection).countDocuments();
    }

    @Test
    void removesEachKindOfDataOnlyOnceItsPeriodIsOver() {
        var now = Date.from(clock.instant());
        insert("messages", new Document("conversation", "telegram:1").append("at", now));
        insert("conversations", new Document("_id", "telegram:1").append("status", "WITH_BOT").append("updatedAt", now));
        insert("conversations", new Document("_id", "telegram:2").append("status", "WAITING_FOR_OPERATOR").append("updatedAt", now));
        insert("tickets", new Document("_id", 1L).append("status", "resolved").append("closedAt", now));
        insert("tickets", new Document("_id", 2L).append("status", "waiting")); // open: no closedAt, never expires
        insert("feedback", new Document("conversation", "telegram:1").append("at", now));
        insert("curation_questions", new Document("conversation", "telegram:1").append("at", now));

        clock.advance(Duration.ofDays(89));
        assertThat(retention.expire(clock.instant())).isZero();

        clock.advance(Duration.ofDays(2));
        assertThat(retention.expire(clock.instant())).isEqualTo(2);
        assertThat(count("messages")).isZero();
        assertThat(count("conversations")).as("one waiting for an operator stays").isEqualTo(1);

        clock.advance(Duration.ofDays(90));
        assertThat(retention.expire(clock.instant())).isEqualTo(1);
        assertThat(count("curation_questions")).isZero();

        clock.advance(Duration.ofDays(185));
        assertThat(retention.expire(clock.instant())).isEqualTo(2);
        assertThat(count("feedback")).isZero();
        assertThat(store.database().getCollection("tickets").find().map(doc -> doc.get("_id")).into(new java.util.ArrayList<>())).containsExactly(2L);
    }

    @Test
    void aPeriodOfZeroKeepsForEverAndAPeriodUnderADayIsRefused() {
        var forever = new Retention(store, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        insert("messages", new Document("conversation", "telegram:1").append("at", Date.from(clock.instant())));
        clock.advance(Duration.ofDays(3650));
        assertThat(forever.expire(clock.instant())).isZero();
        assertThat(count("messages")).isEqualTo(1);
        assertThatThrownBy(() -> new Retention(store, Duration.ofHours(1), Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("supportbot.privacy.retention.transcripts").hasMessageContaining("PT1H");
    }
}
