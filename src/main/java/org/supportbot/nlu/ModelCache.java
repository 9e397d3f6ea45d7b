package org.supportbot.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained models on disk, named by a hash of what they were trained from, so a restart with
 * unchanged content skips training. A damaged file is ignored and replaced.
 */
final class ModelCache {

    private static final Logger log = LoggerFactory.getLogger(ModelCache.class);
    private static final int KEEP = 5;

    private final Path dir;

    ModelCache(Path dir) {
        this.dir = dir;
    }

    Optional<IntentModel> get(String key) {
        var file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(IntentModel.read(in));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the damaged cached model {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void put(String key, IntentModel model) {
        try {
            Files.createDirectories(dir);
            var temp = Files.createTempFile(dir, "model", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                model.write(out);
            }
            Files.move(temp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException e) {
            log.warn("Cannot cache the model in {} (the next start will train again): {}", dir, e.toString());
        }
    }

    private void prune() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".bin"))
                    .sorted(Comparator.comparing(ModelCache::modified).reversed())
                    .skip(KEEP)
                    .forEach(f -> f.toFile().delete());
        }
    }

    private static long modified(Path file) {
        return file.toFile().lastModified();
    }

    private Path file(String key) {
        return dir.resolve(key + ".bin");
    }
}
