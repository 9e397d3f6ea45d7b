package org.supportbot.cli;

import java.lang.management.ManagementFactory;
import org.supportbot.store.BenchmarkWrites;
import org.supportbot.store.Store;

/**
 * The store alone: the documents the engine writes for one message, written straight through the
 * driver with no understanding, no locks and no waiting for other callers, a batch of messages
 * per command from one thread ({@link BenchmarkWrites}). What it sustains is the most the engine
 * could reach on this store if everything else cost nothing and every message found others to
 * share its commands with.
 */
final class StoreCeiling {

    /**
     * Messages per second at one batch size, and the CPU the whole process spent per message
     * meanwhile (driver, server, commits: nothing else runs then).
     */
    record Rate(int batch, double messagesPerSecond, double commandsPerSecond, double cpuMillisPerMessage) {
    }

    private final Store store;

    StoreCeiling(Store store) {
        this.store = store;
    }

    /** Writes {@code messages} messages' documents, {@code batch} messages per command, and times it. */
    Rate measure(int batch, int messages, String prefix) {
        var writes = new BenchmarkWrites(store);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int first = 0; first < messages; first += batch) {
            writes.write(first, Math.min(batch, messages - first), prefix);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1e6;
        int batches = (messages + batch - 1) / batch;
        return new Rate(batch, messages / seconds, batches * BenchmarkWrites.COMMANDS_PER_BATCH / seconds, cpuMillis / messages);
    }
}
