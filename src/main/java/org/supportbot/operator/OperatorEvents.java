package org.supportbot.operator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@Component
class OperatorEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OperatorEvents.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration STREAM_FOR = Duration.ofMinutes(10);

    private record Subscriber(SseEmitter emitter, Operator operator) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ConversationEngine engine;
    private volatile @Nullable ScheduledExecutorService heartbeat;

    OperatorEvents(Clock clock, ConversationEngine engine) {
        this.clock = clock;
        this.engine = engine;
    }

    SseEmitter subscribe(Operator operator) {
        // Ten minutes, then the browser's EventSource reconnects: through security again, so an ended session ends the stream too.
        var emitter = new SseEmitter(STREAM_FOR.toMillis());
        var subscriber = new Subscriber(emitter, operator);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        try {
            emitter.send(SseEmitter.event().name("hello").data(Map.of("operator", operator.login())));
        } catch (IOException e) {
            subscribers.remove(subscriber);
        }
        return emitter;
    }

    int subscribers() {
        return subscribers.size();
    }

    @EventListener
    void on(TicketEvent event) {
        if (subscribers.isEmpty()) {
            return;
        }
        // A console reloads the conversation when it hears of it: only once what caused the event is stored.
        engine.afterCurrentTurn(() -> send(event));
    }

    private void send(TicketEvent event) {
        var ticket = event.ticket();
        var payload = Map.of("type", type(event), "ticket", TicketView.summary(ticket, clock.instant()), "detail", detail(event));
        for (var subscriber : subscribers) {
            var operator = subscriber.operator();
            if (!operator.serves(ticket.queue()) && !operator.login().equals(ticket.operator())) {
                continue;
            }
            try {
                subscriber.emitter().send(SseEmitter.event().name("ticket").id(event.eventKey()).data(payload));
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(subscriber); // gone; its EventSource reconnects
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
        for (var subscriber : subscribers) {
            try {
                subscriber.emitter().send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(subscriber);
            }
        }
    }

    @Override
    public void stop() {
        var executor = heartbeat;
        if (executor != null) {
            executor.shutdownNow();
        }
        heartbeat = null;
        subscribers.forEach(s -> {
            try {
                s.emitter().complete();
            } catch (RuntimeException e) {
                log.debug("Closing an event stream: {}", e.toString());
            }
        });
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }
}
