package org.supportbot.cli;

import java.io.PrintStream;
import org.supportbot.nlu.Evaluation;

/** A progress bar on stderr, redrawn at most a few times a second and only once a run takes a while. */
final class ProgressBar implements Evaluation.Progress {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public void update(int done, int total) {
        long now = System.nanoTime();
        if (total <= 0 || now - started < SHOW_AFTER_NANOS || (now - lastDrawn < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        int filled = (int) ((long) WIDTH * done / total);
        err.print("\revaluating [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + (100L * done / total) + "%");
        err.flush();
    }

    void finish() {
        if (drawn) {
            err.println();
        }
    }
}
