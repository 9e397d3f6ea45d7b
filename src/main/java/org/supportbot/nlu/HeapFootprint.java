package org.supportbot.nlu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;

/** How much heap a model takes, for the evaluation's report. */
final class HeapFootprint {

    private HeapFootprint() {
    }

    /**
     * Roughly how much heap a model takes: the growth of the used heap, after garbage collection,
     * while a copy of it is read back from its serialised form. Asks for full collections, so only
     * for evaluations, never for the serving path.
     */
    static long of(IntentModel model) {
        try {
            var bytes = new ByteArrayOutputStream();
            model.write(bytes);
            var serialised = bytes.toByteArray();
            long before = usedAfterCollection();
            var copy = IntentModel.read(new ByteArrayInputStream(serialised));
            long after = usedAfterCollection();
            Reference.reachabilityFence(copy);
            return Math.max(0, after - before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long usedAfterCollection() {
        var runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
