package org.supportbot.channel.vk;

import com.mongodb.MongoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.store.Lease;
import org.supportbot.store.Store;
import org.supportbot.store.StoreUnavailableException;

/**
 * Bots Long Poll ({@code VK_MODE=longpoll}), on one instance at a time: the one holding the
 * {@code vk-longpoll} lease ({@link Lease}) asks {@code groups.getLongPollServer} for a
 * server and key, then calls {@code a_check} with {@code wait} (25 s) again and again; the others
 * check now and then whether the lease expired.
 *
 * <p><b>Nothing is confirmed before it is stored.</b> The {@code ts} moves past a batch of events
 * only after {@link VkEvents#accept} returned for each of them; it is then saved in the store, so a
 * restart — or another instance taking over — goes on from there. If storing fails, polling pauses
 * and asks again from the same {@code ts}: VK sends the batch again, and the inbox recognises what
 * was stored already. Refusals: {@code failed: 1} — go on from the {@code ts} VK gives (events in
 * between are lost to VK's history); {@code 2} — get a new key; {@code 3} — get a new key and {@code ts}.
 */
@Component
@Conditional(VkEnabled.class)
class VkPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VkPoller.class);
    /** An event that fails this often for a reason other than the store is skipped (a bug must not stop the bot). */
    static final int MAX_ATTEMPTS = 5;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final VkApi api;
    private final VkEvents events;
    private final VkUsers users;
    private final VkStore store;
    private final VkSettings settings;
    private final Lease lease;
    private final Clock clock;
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    VkPoller(VkApi api, VkEvents events, VkUsers users, VkStore store, VkSettings settings, Store database, Clock clock) {
        this.api = api;
        this.events = events;
        this.users = users;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.lease = new Lease(database, "vk-longpoll-" + settings.groupId(), "poller-" + UUID.randomUUID(), settings.lease(), clock);
    }

    @Override
    public void start() {
        if (settings.mode() != VkSettings.Mode.LONGPOLL) {
            return;
        }
        running = true;
        var poller = new Thread(this::run, "vk-longpoll");
        poller.setDaemon(true);
        thread = poller;
        poller.start();
    }

    private void run() {
        boolean holding = false;
        VkMethod.GetLongPollServer.@Nullable Server server = null;
        String ts = "";
        String failedEvent = "";
        int failures = 0;
        int errors = 0;
        Instant renewed = Instant.MIN;
        while (running) {
            try {
                if (!lease.acquire()) {
                    if (holding) {
                        log.info("Another instance polls VK now");
                        holding = false;
                    }
                    pause(settings.lease().toMillis() / 3);
                    continue;
                }
                renewed = clock.instant();
                if (!holding) {
                    holding = true;
                    server = null; // whatever the last holder did not confirm comes again from the saved ts
                }
                if (server == null) {
                    server = api.call(new VkMethod.GetLongPollServer(settings.groupId()), Duration.ofSeconds(5));
                    var saved = store.longPollTs(settings.groupId());
                    ts = saved != null ? saved : server.ts();
                    log.info("Polling VK for community {} events from ts {}", settings.groupId(), ts);
                }
                var check = api.check(server, ts, settings.pollWait());
                if (!running) {
                    break;
                }
                errors = 0;
                if (check instanceof VkApi.Failed failed) {
                    switch (failed.code()) {
                        case 1 -> {
                            log.warn("VK long poll: ts {} is too old, events may have been lost; going on from {}", ts, failed.ts());
                            if (failed.ts() != null) {
                                ts = failed.ts();
                                store.saveLongPollTs(settings.groupId(), ts);
                            } else {
                                server = null;
                            }
                        }
                        case 2 -> {
                            log.debug("VK long poll key expired: getting a new one");
                            var fresh = api.call(new VkMethod.GetLongPollServer(settings.groupId()), Duration.ofSeconds(5));
                            server = fresh; // ts stays: nothing after it is confirmed yet
                        }
                        default -> {
                            log.info("VK long poll lost its state (failed {}): new key and ts", failed.code());
                            var fresh = api.call(new VkMethod.GetLongPollServer(settings.groupId()), Duration.ofSeconds(5));
                            server = fresh;
                            ts = fresh.ts();
                            store.saveLongPollTs(settings.groupId(), ts);
                        }
                    }
                    continue;
                }
                var batch = (VkApi.Events) check;
                var senders = new ArrayList<Long>();
                for (var event : batch.updates()) {
                    if ("message_new".equals(event.path("type").asString(""))) {
                        var object = event.path("object");
                        var message = object.has("message") ? object.path("message") : object;
                        senders.add(message.path("from_id").asLong(0));
                    }
                }
                users.prefetch(senders);
                boolean complete = true;
                for (var event : batch.updates()) {
                    if (!running) {
                        complete = false;
                        break;
                    }
                    if (clock.instant().isAfter(renewed.plus(settings.lease().dividedBy(3)))) {
                        if (!lease.acquire()) {
                            holding = false;
                            complete = false;
                            break;
                        }
                        renewed = clock.instant();
                    }
                    var id = event.path("event_id").asString("") + event.path("type").asString("");
                    try {
                        events.accept(event);
                    } catch (VkEvents.MalformedEvent e) {
                        log.warn("Skipped a VK event {}: {}", event.path("event_id").asString(""), e.getMessage());
                    } catch (MongoException | StoreUnavailableException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        failures = id.equals(failedEvent) ? failures + 1 : 1;
                        failedEvent = id;
                        if (failures < MAX_ATTEMPTS) {
                            throw e;
                        }
                        log.error("Skipped VK event {} after {} failed attempts", id, failures, e);
                    }
                }
                if (complete) {
                    ts = batch.ts();
                    store.saveLongPollTs(settings.groupId(), ts);
                }
            } catch (VkApiException | RuntimeException e) {
                if (!running) {
                    break;
                }
                errors++;
                if (e instanceof VkApiException api && api.code() > 0) {
                    server = null; // VK refused getLongPollServer itself (a wrong token or group id?): ask again after the pause
                }
                long delay = backoff(errors).toMillis();
                log.warn("VK long polling paused for {} ms: {}", delay, settings.mask(e.toString()));
                pause(delay);
            }
        }
        if (holding) {
            Thread.interrupted(); // stop() interrupts a waiting a_check; the store's driver refuses work on an interrupted thread
            try {
                lease.release();
            } catch (RuntimeException e) {
                log.debug("Could not release the long-poll lease: {}", e.toString());
            }
        }
    }

    /** 0.5 s, 1 s, 2 s … capped at 30 s. */
    static Duration backoff(int errors) {
        long millis = 500L << Math.min(Math.max(errors - 1, 0), 10);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
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
        var poller = thread;
        if (poller != null) {
            poller.interrupt(); // also ends a waiting a_check: the JDK client gives up on interrupt
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
