package org.supportbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.knowledge.Language;

/**
 * Two application instances on one MongoDB-wire server (the real driver over the wire), 200
 * tickets, eight operators claiming them all at once from both instances: every ticket is taken
 * exactly once and no operator holds more than their capacity.
 */
class ConcurrentClaimTests {

    private static final int TICKETS = 200;
    private static final List<String> OPERATORS = List.of("op1", "op2", "op3", "op4", "op5", "op6", "op7", "op8");

    @TempDir
    Path dir;

    private ConfigurableApplicationContext instance(String uri, String name) {
        var args = new ArrayList<String>(List.of("--supportbot.mongodb.uri=" + uri, "--supportbot.data.dir=" + dir.resolve(name),
                "--supportbot.handoff.sla-check-interval=0"));
        for (var login : OPERATORS) {
            args.add("--supportbot.operators.accounts." + login + ".name=" + login);
            args.add("--supportbot.operators.accounts." + login + ".capacity=30");
        }
        return new SpringApplicationBuilder(SupportBotApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    @Test
    void everyTicketIsClaimedByExactlyOneOperatorAcrossTwoInstances() throws Exception {
        var server = new MongoServer(new MemoryBackend());
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // One worker thread, like the embedded store: mongo-java-server has no locks of its own, so only
        // commands handled one at a time are atomic as MongoDB's single-document updates are.
        server.bind(new java.net.InetSocketAddress("127.0.0.1", port), 1, 1);
        var uri = "mongodb://127.0.0.1:" + port + "/claims";
        try (var a = instance(uri, "a"); var b = instance(uri, "b")) {
            var handoffs = List.of(a.getBean(Handoff.class), b.getBean(Handoff.class));
            var numbers = new ArrayList<Long>();
            for (int i = 0; i < TICKETS; i++) {
                var conversation = "test:claim-" + i;
                var opened = handoffs.get(i % 2).open(new Escalation(conversation + "#1", conversation, "test", null, Language.RU, "oos",
                        "out_of_scope", List.of()));
                numbers.add(opened.ticket().number());
            }
            assertThat(numbers).doesNotHaveDuplicates();

            var wins = new ConcurrentHashMap<Long, List<String>>();
            var refused = new AtomicInteger();
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(OPERATORS.size() * 2);
            for (int o = 0; o < OPERATORS.size() * 2; o++) {
                var login = OPERATORS.get(o % OPERATORS.size());
                var handoff = handoffs.get(o % 2); // each operator works on both instances at once
                pool.submit(() -> {
                    start.await();
                    for (var number : numbers) {
                        try {
                            handoff.claim(number, login);
                            wins.computeIfAbsent(number, n -> java.util.Collections.synchronizedList(new ArrayList<>())).add(login);
                        } catch (HandoffException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

            // A claim of one's own ticket again answers it unchanged: count the operators, not the calls.
            assertThat(wins).hasSize(TICKETS);
            wins.forEach((number, winners) -> assertThat(java.util.Set.copyOf(winners)).as("ticket #" + number).hasSize(1));
            var holders = new ConcurrentHashMap<String, Integer>();
            for (var number : numbers) {
                var ticket = handoffs.get(0).find(number).orElseThrow();
                assertThat(ticket.status()).isEqualTo(TicketStatus.ASSIGNED);
                assertThat(ticket.operator()).isEqualTo(wins.get(number).get(0));
                assertThat(ticket.history()).filteredOn(step -> step.action().equals("assigned")).hasSize(1);
                holders.merge(ticket.operator(), 1, Integer::sum);
            }
            assertThat(holders.values()).allSatisfy(held -> assertThat(held).isLessThanOrEqualTo(30));
            Map<String, Integer> load = a.getBean(Operators.class).load();
            holders.forEach((login, held) -> assertThat(load.get(login)).as("capacity count of " + login).isEqualTo(held));
        } finally {
            server.shutdownNow();
        }
    }
}
