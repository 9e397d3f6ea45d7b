package org.supportbot.operator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.TicketAssigned;
import org.supportbot.handoff.TicketClosed;
import org.supportbot.handoff.TicketEvent;
import org.supportbot.handoff.TicketMessaged;
import org.supportbot.handoff.TicketOpened;
import org.supportbot.handoff.TicketOverdue;
import org.supportbot.handoff.TicketReachedFront;
import org.supportbot.handoff.TicketTransferred;

/**
 * The live stream of ticket events for operators ({@code GET /api/operator/events}, server-sent
 * events): each operator gets the events of the queues they serve and of the tickets they hold.
 * A comment line every 20 s keeps idle connections open through proxies. Thread-safe.
 *
 * <p>An operator has at most {@code supportbot.console.streams-per-operator} streams open (3): a
 * new one closes their oldest, so a reloaded or forgotten tab never locks them out. Events reach
 * each stream through its own bounded queue ({@code supportbot.console.stream-queue}, 256),
 * written by a sender thread ({@link EventStream}): publishing never waits for a client.
 */
@Component
class OperatorEvents implements SmartLifecycle {

    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration STREAM_FOR = Duration.ofMinutes(10);

    private final List<EventStream> streams = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ConversationEngine engine;
    private final int streamsPerOperator;
    private final int queueSize;
    /** Writes the streams: one thread per stream at most, and a stream's writer may block on its client. */
    private final ExecutorService senders;
    private volatile @Nullable ScheduledExecutorService heartbeat;

    OperatorEvents(Clock clock, ConversationEngine engine,
            @Value("${supportbot.console.streams-per-operator:3}") int streamsPerOperator,
            @Value("${supportbot.console.stream-queue:256}") int queueSize) {
        if (streamsPerOperator < 1 || queueSize < 1) {
            throw new IllegalArgumentException("supportbot.console.streams-per-operator and stream-queue must be at least 1, got "
                    + streamsPerOperator + " and " + queueSize);
        }
        this.clock = clock;
        this.engine = engine;
        this.streamsPerOperator = streamsPerOperator;
        this.queueSize = queueSize;
        var threads = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(runnable -> {
            var thread = new Thread(runnable, "operator-events-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    SseEmitter subscribe(Operator operator) {
        // Ten minutes, then the browser's EventSource reconnects: through security again, so an ended session ends the stream too.
        var emitter = new SseEmitter(STREAM_FOR.toMillis());
        return open(emitter, operator).emitter();
    }

    /** Opens a stream on an emitter, closing the operator's oldest when they have too many. */
    EventStream open(SseEmitter emitter, Operator operator) {
        var stream = new EventStream(emitter, operator, queueSize, senders, streams::remove);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        synchronized (streams) {
            var own = streams.stream().filter(s -> s.operator().login().equals(operator.login())).toList();
            for (int i = 0; i <= own.size() - streamsPerOperator; i++) {
                own.get(i).close(); // oldest first
            }
            streams.add(stream);
        }
        try {
            // Before the handler returns the emitter buffers this: it never waits for the client.
            emitter.send(SseEmitter.event().name("hello").data(Map.of("operator", operator.login())));
        } catch (IOException e) {
            stream.close();
        }
        return stream;
    }

    int subscribers() {
        return streams.size();
    }

    @EventListener
    void on(TicketEvent event) {
        if (streams.isEmpty()) {
            return;
        }
        // A console reloads the conversation when it hears of it: only once what caused the event is stored.
        engine.afterCurrentTurn(() -> publish(event));
    }

    /** Queues the event for every stream that may see it; returns without waiting for any client. */
    void publish(TicketEvent event) {
        var ticket = event.ticket();
        var payload = Map.of("type", type(event), "ticket", TicketView.summary(ticket, clock.instant()), "detail", detail(event));
        for (var stream : streams) {
            var operator = stream.operator();
            if (operator.serves(ticket.queue()) || operator.login().equals(ticket.operator())) {
                stream.offer(SseEmitter.event().name("ticket").id(event.eventKey()).data(payload));
            }
        }
    }

    static String type(TicketEvent event) {
        if (event instanceof TicketOpened) {
            return "opened";
        } else if (event instanceof TicketAssigned) {
            return "assigned";
        } else if (event instanceof TicketReachedFront) {
            return "front";
        } else if (event instanceof TicketMessaged) {
            return "message";
        } else if (event instanceof TicketTransferred) {
            return "transferred";
        } else if (event instanceof TicketOverdue) {
            return "overdue";
        } else if (event instanceof TicketClosed) {
            return "closed";
        }
        return "changed";
    }

    private static Map<String, Object> detail(TicketEvent event) {
        if (event instanceof TicketMessaged message) {
            return Map.of("author", message.author(), "authorName", message.authorName() == null ? "" : message.authorName(),
                    "text", message.text(), "origin", message.origin());
        }
        return Map.of();
    }

    @Override
    public void start() {
        var executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "operator-events-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        heartbeat = executor;
    }

    private void beat() {
        streams.forEach(stream -> stream.offer(SseEmitter.event().comment("keep-alive")));
    }

    @Override
    public void stop() {
        var executor = heartbeat;
        if (executor != null) {
            executor.shutdownNow();
        }
        heartbeat = null;
        streams.forEach(EventStream::close);
        streams.clear();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }
}
