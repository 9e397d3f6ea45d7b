package org.supportbot.store.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.supportbot.store.StoreUnavailableException;

/** Turns a store that cannot be reached at start-up into two plain sentences instead of a stack trace. */
public final class StoreFailureAnalyzer extends AbstractFailureAnalyzer<StoreUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start MongoDB or correct MONGODB_URI; without MONGODB_URI the bot uses its embedded store in ./data.", cause);
    }
}
