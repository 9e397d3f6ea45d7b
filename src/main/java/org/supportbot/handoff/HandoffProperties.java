package org.supportbot.handoff;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tickets are handled ({@code supportbot.handoff.*}).
 *
 * @param autoAssign give a new ticket to the least busy operator of its queue who has room, instead of waiting for a claim
 * @param sla the first-response target of every queue without one of its own
 * @param queueSla first-response targets per queue, e.g. {@code supportbot.handoff.queue-sla.payments=5m}
 * @param priorityIntents intents whose tickets go first (complaints)
 * @param handlingTime the handling time assumed for the wait estimate until a queue has resolved tickets to learn from
 * @param pickupTime the time to pick up a ticket assumed while operators have room and no history says otherwise
 * @param closeReasons why an operator may close a ticket; the first is the default of a plain close, and
 *        {@code spam} asks the customer for no rating
 */
@ConfigurationProperties("supportbot.handoff")
record HandoffProperties(@DefaultValue("false") boolean autoAssign, @DefaultValue("15m") Duration sla,
        @DefaultValue Map<String, Duration> queueSla, @DefaultValue("complaint") List<String> priorityIntents,
        @DefaultValue("10m") Duration handlingTime, @DefaultValue("2m") Duration pickupTime,
        @DefaultValue({"resolved", "duplicate", "spam", "no_reply"}) List<String> closeReasons) {

    HandoffProperties {
        if (sla.isNegative() || sla.isZero()) {
            throw new IllegalArgumentException("supportbot.handoff.sla must be positive, got " + sla);
        }
        closeReasons = closeReasons.stream().map(r -> r.strip().toLowerCase(java.util.Locale.ROOT)).filter(r -> !r.isEmpty()).distinct().toList();
        if (closeReasons.isEmpty()) {
            throw new IllegalArgumentException("supportbot.handoff.close-reasons needs at least one reason, e.g. resolved,duplicate,spam");
        }
        closeReasons.forEach(reason -> {
            if (!reason.matches("[a-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("supportbot.handoff.close-reasons: '" + reason + "' is not a word of a-z, 0-9, '_' or '-'");
            }
        });
        queueSla.forEach((queue, target) -> {
            if (target.isNegative() || target.isZero()) {
                throw new IllegalArgumentException("supportbot.handoff.queue-sla." + queue + " must be positive, got " + target);
            }
        });
    }

    Duration slaOf(String queue) {
        return queueSla.getOrDefault(queue, sla);
    }
}
