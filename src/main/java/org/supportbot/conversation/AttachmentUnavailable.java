package org.supportbot.conversation;

import java.util.Objects;

/** An attachment's bytes cannot be had; {@link #reason()} says why, for a clear message to whoever asked. */
public final class AttachmentUnavailable extends Exception {

    /** Why. */
    public enum Reason {
        /** Unknown or expired on the platform (Telegram's "file not found", a VK URL answering 404). */
        GONE,
        /** Over what the platform lets a bot download (Telegram: 20 MB) or what we accept. */
        TOO_BIG,
        /** The platform did not answer in time, or failed: try again later. */
        FAILED
    }

    private final Reason reason;

    public AttachmentUnavailable(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
