package org.supportbot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.MessageCodec;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.store.Outbox;

/**
 * Sends one chat's claimed replies in order through the channel's sender, and records in the
 * outbox what became of each: sent, failed, or to be tried again.
 */
final class ChatWorker {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** What a worker did with a chat's replies: how many it sent, and whether it is done with all of them. */
    record Outcome(int sent, boolean complete) {
    }

    private final Outbox outbox;
    private final Senders senders;
    private final Claims claims;
    private final SentNotMarked sentNotMarked;
    private final Clock clock;
    private final BooleanSupplier stopping;

    ChatWorker(Outbox outbox, Senders senders, Claims claims, SentNotMarked sentNotMarked, Clock clock, BooleanSupplier stopping) {
        this.outbox = outbox;
        this.senders = senders;
        this.claims = claims;
        this.sentNotMarked = sentNotMarked;
        this.clock = clock;
        this.stopping = stopping;
    }

    /**
     * Sends one chat's claimed replies in order; gives back the claims of those it stops before.
     * Stops when half the lease is gone: a reply is never sent on a claim about to run out (another
     * instance could take it then and send it too).
     */
    Outcome deliver(ChatDelivery task) {
        var entries = task.replies();
        var sendUntil = task.claimedAt().plus(Claims.LEASE.dividedBy(2));
        int sent = 0;
        int next = 0;
        try {
            while (next < entries.size()) {
                if (stopping.getAsBoolean() || clock.instant().isAfter(sendUntil)) {
                    return new Outcome(sent, false); // the next read of the outbox claims the rest afresh
                }
                var entry = entries.get(next++);
                if (sentNotMarked.contains(entry.id())) {
                    next--; // not ours to send again: marked at the start of the next pass
                    return new Outcome(sent, false);
                }
                var sender = senders.forChannel(entry.channel());
                if (sender == null) {
                    outbox.markFailed(entry.id(), "no sender for channel '" + entry.channel() + "'");
                    continue;
                }
                try {
                    sender.send(entry.id(), entry.original() instanceof OutboundMessage reply ? reply : MessageCodec.outbound(entry.body()));
                } catch (DeliveryException e) {
                    if (e.kind() == DeliveryException.Kind.RETRY) {
                        retry(entry, e.getMessage(), e.retryAfter());
                        return new Outcome(sent, false);
                    }
                    log.warn("Reply {} to {}:{} not delivered ({}): {}", entry.id(), entry.channel(), entry.chat(), e.kind(), e.getMessage());
                    outbox.markFailed(entry.id(), e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    log.warn("Sending reply {} failed unexpectedly; will retry", entry.id(), e);
                    retry(entry, e.toString(), null);
                    return new Outcome(sent, false);
                }
                sent++;
                try {
                    outbox.markSent(entry.id());
                } catch (RuntimeException e) {
                    // The platform has the reply; only its mark is missing (the store is down). Sending it
                    // again would show it twice: remember it and mark it when the store is back.
                    sentNotMarked.remember(entry.id());
                    log.warn("Reply {} was sent but could not be marked sent; marking it once the store answers: {}", entry.id(), e.toString());
                    return new Outcome(sent, false);
                }
            }
            return new Outcome(sent, true);
        } finally {
            claims.giveBack(entries.subList(next, entries.size()));
        }
    }

    private void retry(Outbox.Entry entry, @Nullable String error, @Nullable Duration retryAfter) {
        var decision = Backoff.after(entry.createdAt(), entry.attempts(), entry.failures(), clock.instant(), error, retryAfter);
        if (decision instanceof Backoff.GiveUp giveUp) {
            outbox.markFailed(entry.id(), giveUp.reason());
        } else if (decision instanceof Backoff.RetryAt retry) {
            outbox.retryAt(entry.id(), retry.at(), error, retry.failure());
        }
    }
}
