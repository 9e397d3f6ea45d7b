package org.supportbot.operator;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.supportbot.handoff.Operator;

/**
 * One operator's open event stream: events wait in a bounded queue and are written by a task on
 * the senders' executor, one at a time, so a client that stops reading holds up its own task, not
 * the thread that published (a customer's turn, the heartbeat). A stream whose queue overflows is
 * closed: its EventSource reconnects and the console reloads what it missed. Thread-safe.
 */
final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final SseEmitter emitter;
    private final Operator operator;
    private final BlockingQueue<SseEmitter.SseEventBuilder> queue;
    private final Executor senders;
    private final Consumer<EventStream> onClose;
    /** Whether a task is writing this stream's queue: at most one is, so events keep their order. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    EventStream(SseEmitter emitter, Operator operator, int queueSize, Executor senders, Consumer<EventStream> onClose) {
        this.emitter = emitter;
        this.operator = operator;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.senders = senders;
        this.onClose = onClose;
    }

    Operator operator() {
        return operator;
    }

    SseEmitter emitter() {
        return emitter;
    }

    boolean closed() {
        return closed.get();
    }

    /** Queues an event for the client, never waiting for it; a full queue closes the stream. */
    void offer(SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(event)) {
            log.debug("Closing {}'s event stream: {} events unread", operator.login(), queue.size());
            close();
            return;
        }
        schedule();
    }

    /**
     * Closes the stream. The emitter is completed by a sender task: completing waits for a write in
     * progress, which a stalled client may hold.
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClose.accept(this);
            schedule();
        }
    }

    private void schedule() {
        if (writing.compareAndSet(false, true)) {
            try {
                senders.execute(this::write);
            } catch (RuntimeException e) { // the executor is shut down: the application stops
                writing.set(false);
            }
        }
    }

    private void write() {
        try {
            SseEmitter.SseEventBuilder event;
            while (!closed.get() && (event = queue.poll()) != null) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            closed.set(true); // gone; its EventSource reconnects
            queue.clear();
            onClose.accept(this);
        } finally {
            writing.set(false);
        }
        if (closed.get()) {
            complete();
        } else if (!queue.isEmpty()) {
            schedule(); // offered after the loop's last poll
        }
    }

    private void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("Closing an event stream: {}", e.toString());
        }
    }
}
