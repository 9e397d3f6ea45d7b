package org.supportbot.store;

/** The store cannot be reached or configured at start-up; the message says what to do. */
public final class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
