package org.supportbot.actions;

import java.util.Map;
import java.util.Objects;

/** What the store answered to one call, as the dialogue needs it. */
public sealed interface StoreReply {

    /** 2xx with a JSON object. */
    record Found(Map<String, Object> data) implements StoreReply {
        public Found {
            data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data)); // JSON may hold nulls
        }
    }

    /** 404: no such thing (to the customer this looks exactly like a wrong phone). */
    record NotFound() implements StoreReply {
    }

    /** 409: the store refused the change; {@code data} says why (e.g. {@code reason.ru}). */
    record Rejected(Map<String, Object> data) implements StoreReply {
        public Rejected {
            data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data)); // JSON may hold nulls
        }
    }

    /**
     * The store gave nothing usable: a timeout, a 5xx, 401 or 403 (our token), a body that is not a
     * JSON object or is too large, or no connection.
     *
     * @param reason for logs and operators, never for customers
     */
    record Unavailable(String reason) implements StoreReply {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
