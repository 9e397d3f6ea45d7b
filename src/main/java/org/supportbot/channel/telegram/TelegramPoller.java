package org.supportbot.channel.telegram;

import com.mongodb.MongoException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.store.Lease;
import org.supportbot.store.Store;
import org.supportbot.store.StoreUnavailableException;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Long polling ({@code TELEGRAM_MODE=polling}), on one instance at a time: the one holding the
 * {@code telegram-polling} lease ({@link Lease}) calls {@code getUpdates}; the others check
 * now and then whether it expired.
 *
 * <p><b>Nothing is confirmed before it is stored.</b> Telegram forgets updates below the
 * {@code offset} of the next {@code getUpdates}; the offset moves past an update only after
 * {@link TelegramUpdates#accept} returned for it. If storing fails, polling pauses and asks again
 * from that update. An instance taking over starts without an offset, so Telegram resends what the
 * previous holder had not confirmed; the inbox recognises what was stored already.
 *
 * <p>Not TelegramBots' {@code TelegramBotsLongPollingApplication}: its session moves the offset
 * before the consumer ran, and a consumer that throws ends its polling task for good.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);
    /** An update that fails this often for a reason other than the store is skipped (a bug must not stop the bot). */
    static final int MAX_ATTEMPTS = 5;
    /** Chats of one polled batch (at most 100 updates) handled at the same time. */
    static final int LANES = 8;

    private final TelegramApi api;
    private final TelegramUpdates updates;
    private final TelegramSettings settings;
    private final Lease lease;
    private final Clock clock;
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable Call call;
    /** Updates given up on after {@link #MAX_ATTEMPTS}: left out when Telegram sends them again. */
    private final Set<Long> skipped = ConcurrentHashMap.newKeySet();
    private volatile @Nullable ChatLanes lanes;

    TelegramPoller(TelegramApi api, TelegramUpdates updates, TelegramSettings settings, Store store, Clock clock) {
        this.api = api;
        this.updates = updates;
        this.settings = settings;
        this.clock = clock;
        this.lease = new Lease(store, "telegram-polling", "poller-" + UUID.randomUUID(), settings.lease(), clock);
    }

    @Override
    public void start() {
        if (settings.mode() != TelegramSettings.Mode.POLLING) {
            return;
        }
        running = true;
        lanes = new ChatLanes(LANES);
        var poller = new Thread(this::run, "telegram-polling");
        poller.setDaemon(true);
        thread = poller;
        poller.start();
    }

    private void run() {
        // Never give up (its default waits 15 minutes once failures went on that long): 0.5 s growing to 30 s.
        var backOff = new ExponentialBackOff.Builder()
                .setInitialIntervalMillis(500)
                .setMaxIntervalMillis(30_000)
                .setMaxElapsedTimeMillis(Integer.MAX_VALUE)
                .build();
        boolean holding = false;
        long offset = 0;
        long failedUpdate = -1;
        int failures = 0;
        Instant renewed = Instant.MIN;
        while (running) {
            try {
                if (!lease.acquire()) {
                    if (holding) {
                        log.info("Another instance polls Telegram now");
                        holding = false;
                    }
                    pause(settings.lease().toMillis() / 3);
                    continue;
                }
                renewed = clock.instant();
                if (!holding) {
                    holding = true;
                    offset = 0; // whatever the last holder did not confirm comes again
                    dropWebhook();
                    log.info("Polling Telegram at {} for updates", settings.apiUrl());
                }
                var current = api.getUpdates(offset, (int) settings.pollTimeout().toSeconds(), TelegramUpdates.ALLOWED);
                call = current;
                if (!running) {
                    break;
                }
                var batch = api.updates(current);
                backOff.reset();
                if (clock.instant().isAfter(renewed.plus(settings.lease().dividedBy(3)))) {
                    if (!lease.acquire()) {
                        holding = false;
                        continue;
                    }
                    renewed = clock.instant();
                }
                var failed = acceptAll(batch);
                if (failed == null) {
                    if (!batch.isEmpty()) {
                        offset = batch.get(batch.size() - 1).updateId() + 1;
                        long confirmed = offset;
                        skipped.removeIf(id -> id < confirmed); // Telegram will not send those again
                    }
                    continue;
                }
                // Confirm up to the first update that failed; the ones after it come again, and
                // those that were stored meanwhile (other chats) are recognised by the inbox.
                offset = failed.updateId();
                if (failed.error() instanceof MongoException || failed.error() instanceof StoreUnavailableException) {
                    throw failed.error();
                }
                failures = failed.updateId() == failedUpdate ? failures + 1 : 1;
                failedUpdate = failed.updateId();
                if (failures < MAX_ATTEMPTS) {
                    throw failed.error();
                }
                log.error("Skipped Telegram update {} after {} failed attempts", failed.updateId(), failures, failed.error());
                skipped.add(failed.updateId());
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                long delay = backOff.nextBackOffMillis();
                log.warn("Telegram polling paused for {} ms: {}", delay, settings.mask(e.toString()));
                pause(delay);
            } finally {
                call = null;
            }
        }
        if (holding) {
            try {
                lease.release();
            } catch (RuntimeException e) {
                log.debug("Could not release the polling lease: {}", e.toString());
            }
        }
    }

    private ChatLanes.@Nullable Failure acceptAll(List<TelegramApi.Polled> batch) {
        var fresh = batch.stream().filter(polled -> !skipped.contains(polled.updateId())).toList();
        var pool = lanes;
        if (pool == null) {
            return fresh.isEmpty() ? null : new ChatLanes.Failure(fresh.get(0).updateId(), new IllegalStateException("polling stopped"));
        }
        return pool.accept(fresh, updates::accept, () -> running);
    }

    /** Telegram refuses getUpdates while a webhook is set. */
    private void dropWebhook() {
        try {
            api.client().execute(new DeleteWebhook());
        } catch (TelegramApiException e) {
            log.warn("Could not delete the Telegram webhook: {}", settings.mask(e.getMessage()));
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(Math.max(millis, 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        var current = call;
        if (current != null) {
            current.cancel();
        }
        var poller = thread;
        if (poller != null) {
            poller.interrupt();
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        var pool = lanes;
        if (pool != null) {
            pool.close();
        }
        lanes = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
