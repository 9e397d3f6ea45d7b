package org.supportbot.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the public endpoints ({@code supportbot.limits.*}), per client address. Each rate is
 * a bucket of that many requests, refilled evenly over a minute, so a burst of a minute's worth
 * passes at once.
 *
 * @param enabled whether the rates are enforced at all (the body limit always is)
 * @param behindProxy trust {@code X-Forwarded-For} from proxies on private or loopback addresses
 * @param maxBody the largest body a public endpoint reads
 * @param newSessionsPerMinute {@code POST /api/chat/session}: web chats opened (a page opens one and keeps it)
 * @param messagesPerMinute {@code POST /api/chat}: messages and button presses
 * @param updatesPerMinute {@code GET /api/chat/updates}: a page asks every 3 s while a person is involved
 * @param parsePerMinute {@code POST /api/nlu/parse}: a developers' tool, each call runs the classifier
 * @param maxAddresses how many addresses' buckets are kept; the least recently seen go first
 * @param idle how long an address's buckets are kept after its last request
 */
@ConfigurationProperties("supportbot.limits")
record EdgeProperties(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean behindProxy,
        @DefaultValue("64KB") DataSize maxBody, @DefaultValue("10") int newSessionsPerMinute,
        @DefaultValue("60") int messagesPerMinute, @DefaultValue("120") int updatesPerMinute,
        @DefaultValue("30") int parsePerMinute, @DefaultValue("100000") int maxAddresses,
        @DefaultValue("10m") Duration idle) {

    EdgeProperties {
        requirePositive("max-body", maxBody.toBytes());
        requirePositive("new-sessions-per-minute", newSessionsPerMinute);
        requirePositive("messages-per-minute", messagesPerMinute);
        requirePositive("updates-per-minute", updatesPerMinute);
        requirePositive("parse-per-minute", parsePerMinute);
        requirePositive("max-addresses", maxAddresses);
        requirePositive("idle", idle.toMillis());
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("supportbot.limits." + name + " must be positive, got " + value);
        }
    }
}
