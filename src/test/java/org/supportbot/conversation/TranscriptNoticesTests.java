package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.store.EmbeddedStoreFixture;

/** The web chat's poll for notices on the embedded store: what a query on MongoDB's index finds, reading only its own. */
class TranscriptNoticesTests {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final int CONVERSATIONS = 10;
    private static final int NOTICES_EACH = 20;

    @TempDir
    Path dir;

    private static ConversationId web(int n) {
        return new ConversationId("web", "c" + n);
    }

    private static void fill(Transcript transcript) {
        for (int i = 0; i < NOTICES_EACH; i++) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                var id = web(c);
                var at = T0.plusSeconds(i * CONVERSATIONS + c);
                transcript.recordNotice("n-" + c + "-" + i, id, i % 2 == 0 ? "operator" : "bot", "Anna",
                        List.of(new OutboundMessage(id, "notice " + i, List.of())), at);
                // A customer's turn between notices: the transcript holds both kinds.
                transcript.record("t-" + c + "-" + i, new InboundMessage(id, "Ivan", new InboundMessage.Text("question " + i)),
                        Transcript.Understanding.NONE, List.of(new OutboundMessage(id, "answer " + i, List.of())), at.plusMillis(500));
            }
        }
    }

    @Test
    void findsWhatTheIndexedQueryFindsReadingOnlyThatConversationsNotices() {
        try (var store = new EmbeddedStoreFixture(dir)) {
            var transcript = new Transcript(store);
            fill(transcript);
            var seven = web(7);
            transcript.noticesSince(seven, T0, 1); // the first question after a start learns the store once

            for (var since : List.of(T0, T0.plusSeconds(10 * CONVERSATIONS + 7), T0.plusSeconds(10 * CONVERSATIONS + 8), T0.plusSeconds(100_000))) {
                for (int limit : new int[] {1, 5, 100}) {
                    long before = store.documentsRead(Transcript.COLLECTION);
                    var notices = transcript.noticesSince(seven, since, limit);
                    long read = store.documentsRead(Transcript.COLLECTION) - before;

                    assertThat(notices).as("since %s, limit %d", since, limit).isEqualTo(transcript.noticesByQuery(seven, since, limit));
                    assertThat(read).as("documents read for %d notices of %d in the transcript", notices.size(), 2 * CONVERSATIONS * NOTICES_EACH)
                            .isEqualTo(notices.size());
                }
            }
            assertThat(transcript.noticesSince(seven, T0, 100)).hasSize(NOTICES_EACH)
                    .allSatisfy(notice -> assertThat(notice.message().conversation()).isEqualTo(seven));
            assertThat(transcript.noticesSince(web(99), T0, 100)).isEmpty();
        }
    }

    @Test
    void aNewProcessFindsTheNoticesAnEarlierOneWrote() {
        try (var store = new EmbeddedStoreFixture(dir)) {
            fill(new Transcript(store));
            var restarted = new Transcript(store);
            var three = web(3);
            restarted.recordNotice("late", three, "bot", null, List.of(new OutboundMessage(three, "after the restart", List.of())),
                    T0.plusSeconds(100_000));

            var notices = restarted.noticesSince(three, T0, 100);

            assertThat(notices).isEqualTo(restarted.noticesByQuery(three, T0, 100)).hasSize(NOTICES_EACH + 1);
            assertThat(notices.get(notices.size() - 1).message().text()).isEqualTo("after the restart");
        }
    }
}
