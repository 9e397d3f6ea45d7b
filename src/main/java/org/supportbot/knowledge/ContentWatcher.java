package org.supportbot.knowledge;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.Files;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hot reload: watches {@code intents/}, {@code knowledge-base/}, {@code messages/}, {@code replies/}, {@code actions/} and the
 * editors' {@code synonyms.yaml} at the content root, and reloads the content once
 * the files have been quiet for a moment (editors save several files, and editors save in
 * several writes).
 */
@Component
@ConditionalOnProperty(name = "supportbot.content.hot-reload", havingValue = "true", matchIfMissing = true)
class ContentWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContentWatcher.class);

    /** The nlu module's synonyms file, read on {@link ContentChanged}: the only root file whose change reloads. */
    private static final String SYNONYMS = "synonyms.yaml";

    private final KnowledgeBase knowledge;
    private final Duration quietPeriod;
    private volatile @Nullable WatchKey rootKey;
    private volatile @Nullable WatchService watchService;
    private volatile @Nullable Thread thread;

    ContentWatcher(KnowledgeBase knowledge, @Value("${supportbot.content.reload-quiet-period:300ms}") Duration quietPeriod) {
        this.knowledge = knowledge;
        this.quietPeriod = quietPeriod;
    }

    @Override
    public void start() {
        try {
            var service = FileSystems.getDefault().newWatchService();
            // actions/ belongs to the actions module, which reloads its files on ContentChanged.
            for (var folder : new String[] {ContentLoader.INTENTS, ContentLoader.KNOWLEDGE_BASE, MessageBundles.FOLDER, ContentLoader.REPLIES, "actions"}) {
                var dir = knowledge.contentDir().resolve(folder);
                if (Files.isDirectory(dir)) {
                    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
            rootKey = knowledge.contentDir().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            watchService = service;
            var worker = new Thread(() -> watch(service), "content-watcher");
            worker.setDaemon(true);
            worker.start();
            thread = worker;
        } catch (IOException e) {
            log.warn("Hot reload is off: cannot watch {}: {}", knowledge.contentDir(), e.getMessage());
        }
    }

    private void watch(WatchService service) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                var key = service.take();
                boolean relevant = relevant(key, key.pollEvents());
                key.reset();
                // Wait until the editor has finished saving: no event for a quiet period.
                while (true) {
                    var next = service.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        break;
                    }
                    relevant |= relevant(next, next.pollEvents());
                    next.reset();
                }
                if (!relevant) {
                    continue;
                }
                try {
                    knowledge.reload();
                } catch (RuntimeException e) {
                    log.error("Content reload failed; the previous content keeps serving", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events in the watched folders count; at the root only those of the synonyms (editors' temp files there do not). */
    private boolean relevant(WatchKey key, List<WatchEvent<?>> events) {
        return key != rootKey || events.stream().anyMatch(event -> event.kind() == StandardWatchEventKinds.OVERFLOW
                || event.context() instanceof Path file && file.toString().equals(SYNONYMS));
    }

    @Override
    public void stop() {
        var service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                log.debug("closing the watch service", e);
            }
        }
        var worker = thread;
        if (worker != null) {
            worker.interrupt();
        }
        watchService = null;
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
