package org.supportbot.handoff;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An operator's presence: only an {@link #ONLINE} one is given tickets automatically. */
public enum OperatorStatus {
    ONLINE, AWAY, OFFLINE;

    /** {@code online}, {@code away} or {@code offline}, in any case; empty for anything else. */
    public static Optional<OperatorStatus> parse(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (var status : values()) {
            if (status.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
