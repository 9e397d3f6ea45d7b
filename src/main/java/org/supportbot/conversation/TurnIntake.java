package org.supportbot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;
import org.supportbot.store.Store;

/**
 * Takes turns, exactly once as the customer sees it: an update is stored in the inbox under its
 * platform key before anything else and claimed while its turn is taken; a redelivered update is
 * not taken again; an update stored before a crash but never answered is taken up after it. One
 * turn at a time per conversation, in the order of the calls.
 */
@Component
class TurnIntake {

    private static final Logger log = LoggerFactory.getLogger(TurnIntake.class);

    /** How long an update's turn is ours once we claimed it; a claim that ran out is another's to take. */
    static final Duration CLAIM = Duration.ofSeconds(30);

    private final Inbox inbox;
    private final Outbox outbox;
    private final Conversations conversations;
    private final BotTurn bot;
    private final TurnJournal journal;
    private final ConversationLocks locks;
    private final CurrentTurn currentTurn;
    private final SenderChannels delivery;
    private final Clock clock;
    private final boolean releaseClaimsOnStart;
    private final String owner = "engine-" + UUID.randomUUID();

    TurnIntake(Inbox inbox, Outbox outbox, Conversations conversations, BotTurn bot, TurnJournal journal, ConversationLocks locks,
            CurrentTurn currentTurn, SenderChannels delivery, Store store, Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.conversations = conversations;
        this.bot = bot;
        this.journal = journal;
        this.locks = locks;
        this.currentTurn = currentTurn;
        this.delivery = delivery;
        this.clock = clock;
        // With the embedded store this process is the only one: claims left by a crash are ours.
        this.releaseClaimsOnStart = store.embedded();
    }

    /** See {@link ConversationEngine#receive}; {@code origin} as {@link Turn#origin}. */
    List<OutboundMessage> receive(String updateKey, InboundMessage original, String origin) {
        var message = CardMasking.masked(original); // before the inbox: no card number is written or logged anywhere
        var receipt = inbox.store(updateKey, message.conversation().toString(), MessageCodec.inbound(message), owner, CLAIM);
        if (receipt == Inbox.Receipt.DONE) {
            outbox.commit(); // what told us it is done may not be committed yet: acknowledge only what is
            return List.of();
        }
        return process(updateKey, message, receipt == Inbox.Receipt.NEW, origin);
    }

    /** Takes the bot's turn for updates stored before a crash but never processed, oldest first. */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        if (releaseClaimsOnStart) {
            long released = outbox.releaseAllClaims();
            if (released > 0) {
                log.info("Released {} replies that were being sent when the bot stopped", released);
            }
            // Updates the crashed process had claimed: without this, a redelivery found them claimed
            // and was acknowledged, and no one answered them until the next restart.
            long unclaimed = inbox.releaseAllClaims();
            if (unclaimed > 0) {
                log.info("Released {} updates that were being processed when the bot stopped", unclaimed);
            }
        }
        int recovered = takeStrandedTurns();
        if (recovered > 0) {
            log.info("Recovered {} updates received before the last stop", recovered);
            delivery.queuedEverywhere();
        }
    }

    /**
     * Takes the bot's turn for stored updates that are not processed and that no one holds a
     * claim on — left by a process that died (on a shared store, another instance), oldest first.
     * Runs at start-up and then periodically ({@link StrandedUpdates}).
     *
     * @return how many updates it took up
     */
    int takeStrandedTurns() {
        int taken = 0;
        var tried = new HashSet<String>();
        while (true) {
            var pending = inbox.unclaimed(clock.instant(), 500);
            // An update another instance claims between our read and our claim is skipped: ask again
            // only for ones not tried yet, so a batch of those cannot keep this loop going.
            var fresh = pending.stream().filter(entry -> tried.add(entry.key())).toList();
            for (var entry : fresh) {
                var message = MessageCodec.inbound(entry.payload());
                // Where a stranded message came from is not stored: its conversation's own limit still holds.
                process(entry.key(), message, false, message.conversation().toString());
                taken++;
            }
            if (fresh.isEmpty() || pending.size() < 500) {
                return taken;
            }
        }
    }

    /**
     * @param claimed true when {@link #receive} just stored (and so claimed) the update: the first
     *        attempt, nothing of it can be stored yet
     * @param origin as {@link Turn#origin}
     */
    private List<OutboundMessage> process(String key, InboundMessage message, boolean claimed, String origin) {
        var lock = locks.of(message.conversation());
        lock.lock();
        Turn turn;
        try {
            if (!claimed && !inbox.claim(key, owner, CLAIM)) {
                // Processed meanwhile, or being processed elsewhere: whoever holds the claim answers,
                // or, if it died, takeStrandedTurns does once the claim runs out. The caller may
                // acknowledge the update: make sure what it acknowledges is committed (a rare path,
                // so holding the lock meanwhile costs little).
                outbox.commit();
                return List.of();
            }
            var state = conversations.get(message.conversation());
            if (message.languageHint() != null && state.stored == null) {
                state.language = message.languageHint(); // a new conversation: greet in the customer's language
            }
            if (message.customerName() != null) {
                state.name = KnowledgeBase.firstName(message.customerName());
            }
            turn = new Turn(state, key, origin);
            currentTurn.enter(turn);
            try {
                bot.take(turn, message.body());
                turn.replies.addAll(turn.later);
            } finally {
                currentTurn.leave();
            }
            journal.store(turn, message, clock.instant(), claimed);
        } finally {
            lock.unlock();
        }
        // The update, its transcript and replies: durable before the platform hears it arrived.
        outbox.commit();
        turn.afterward.forEach(Runnable::run);
        if (!turn.replies.isEmpty() && delivery.handles(message.conversation().channel())) {
            delivery.queued(message.conversation().channel());
        }
        return turn.replies;
    }
}
