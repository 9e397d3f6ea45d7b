package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.supportbot.FakeStoreApi;

/**
 * What an action adds to the bot's turn, with the store answering in 50 ms (run by
 * {@code bench/actions.sh}, which prints the line this test prints): the turn that calls the store
 * (the customer's four digits) against a turn answered from the knowledge base, each lookup a new
 * order so nothing comes from the cache. A benchmark, not a test: its name keeps it out of the
 * suite (timings on a shared machine are noise), and it asserts no timing, only that the store's
 * time was really spent inside the turn.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class StoreActionLatencyBenchmark {

    static final FakeStoreApi STORE = new FakeStoreApi();
    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    private static final Duration STORE_TIME = Duration.ofMillis(50);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("SUPPORTBOT_STORE_API_URL", STORE::url);
        registry.add("SUPPORTBOT_STORE_API_TOKEN", () -> FakeStoreApi.TOKEN);
    }

    @AfterAll
    static void stop() {
        STORE.close();
    }

    @Autowired
    ConversationEngine engine;

    private long turn(ConversationId id, String text) {
        long started = System.nanoTime();
        engine.handle(new InboundMessage(id, null, new InboundMessage.Text(text)));
        return System.nanoTime() - started;
    }

    @Test
    void anActionAddsLittleMoreThanTheStoresOwnTimeToATurn() {
        STORE.delay(STORE_TIME);
        var withStore = new ArrayList<Long>();
        var fromKnowledge = new ArrayList<Long>();
        for (int i = 0; i < RUNS + 20; i++) {
            var number = Integer.toString(100_000 + i);
            STORE.order(number, "shipped", "+7 900 000-" + number.substring(2, 4) + "-" + number.substring(4, 6));
            var id = new ConversationId("web", "latency-" + i + "-" + System.nanoTime());
            turn(id, "где мой заказ " + number);
            long store = turn(id, number.substring(2, 6));
            long faq = turn(new ConversationId("web", "faq-" + i + "-" + System.nanoTime()), "как вернуть товар");
            if (i >= 20) { // the first turns warm the JIT up
                withStore.add(store);
                fromKnowledge.add(faq);
            }
        }
        var line = String.format(Locale.ROOT,
                "actions: %d lookups, store answering in %d ms: turn with the store p50 %.1f ms, p99 %.1f ms; "
                        + "knowledge-base turn p50 %.1f ms, p99 %.1f ms; added by the action beyond the store's own 50 ms: p50 %.1f ms, p99 %.1f ms",
                RUNS, STORE_TIME.toMillis(), ms(withStore, 50), ms(withStore, 99), ms(fromKnowledge, 50), ms(fromKnowledge, 99),
                ms(withStore, 50) - STORE_TIME.toMillis(), ms(withStore, 99) - STORE_TIME.toMillis());
        System.out.println(line);

        assertThat(ms(withStore, 50)).isGreaterThanOrEqualTo(STORE_TIME.toMillis()); // the store's time really was in the turn
    }

    private static double ms(List<Long> nanos, int percentile) {
        var sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
