package org.supportbot.channel.telegram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Handles a polled batch of updates chat by chat: each chat's updates in the order Telegram sent
 * them, different chats at the same time, so that their writes share round trips to the store
 * instead of queueing behind each other. Not thread-safe: one poller thread calls {@link #accept}.
 */
final class ChatLanes implements AutoCloseable {

    /** The first update of a batch that could not be accepted, and why. */
    record Failure(long updateId, RuntimeException error) {
    }

    private final ExecutorService pool;
    private final int lanes;

    /**
     * @param lanes how many chats are handled at the same time; 1 handles the batch on the caller's thread
     */
    ChatLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
        }
        this.lanes = lanes;
        this.pool = Executors.newFixedThreadPool(lanes, runnable -> {
            var lane = new Thread(runnable, "telegram-polling-lane");
            lane.setDaemon(true);
            return lane;
        });
    }

    /**
     * Hands every update of {@code batch} to {@code accept}. A chat stops at its first failure, so
     * nothing of that chat overtakes the failed update; the other chats go on. Updates without a
     * body (ones this bot cannot read) are passed over.
     *
     * @param running checked before each update: once false, the remaining updates are not handed over
     * @return the failure with the lowest update id, or null when every update was accepted
     */
    @Nullable Failure accept(List<TelegramApi.Polled> batch, Consumer<Update> accept, BooleanSupplier running) {
        var byChat = new LinkedHashMap<String, List<TelegramApi.Polled>>();
        for (var polled : batch) {
            if (polled.update() != null) {
                byChat.computeIfAbsent(TelegramUpdates.chatOf(polled.update()), chat -> new ArrayList<>()).add(polled);
            }
        }
        var failures = new ConcurrentLinkedQueue<Failure>();
        var tasks = new ArrayList<Callable<Void>>(byChat.size());
        for (var chat : byChat.values()) {
            tasks.add(() -> {
                for (var polled : chat) {
                    if (!running.getAsBoolean()) {
                        failures.add(new Failure(polled.updateId(), new IllegalStateException("polling stopped")));
                        return null;
                    }
                    try {
                        accept.accept(polled.update());
                    } catch (RuntimeException e) {
                        failures.add(new Failure(polled.updateId(), e));
                        return null;
                    }
                }
                return null;
            });
        }
        try {
            if (tasks.size() <= 1 || lanes == 1) {
                for (var task : tasks) {
                    task.call();
                }
            } else {
                for (var done : pool.invokeAll(tasks)) {
                    done.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(new Failure(batch.get(0).updateId(), new IllegalStateException("interrupted", e)));
        } catch (Exception e) { // the tasks catch what accept throws: this would be a bug in a task itself
            failures.add(new Failure(batch.get(0).updateId(), new IllegalStateException(e)));
        }
        return failures.stream().min(Comparator.comparingLong(Failure::updateId)).orElse(null);
    }

    /**
     * Lets the updates being handled finish (a lane is not interrupted: an interrupt in the middle of
     * a store write can break the embedded store's file), waiting up to {@code timeoutMillis}.
     */
    void close(long timeoutMillis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
