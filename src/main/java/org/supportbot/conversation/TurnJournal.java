package org.supportbot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;
import org.supportbot.store.WriteCombiner;

/**
 * Writes what turns and ticket notices leave behind, in an order a crash between any two writes
 * cannot spoil: the transcript, the conversation's state, the replies to deliver, then the update's
 * processed mark. Replies go to the outbox (for channels with a {@link MessageSender}) under ids
 * {@code <key>#<n>}, so storing them twice stores them once. Turns of different conversations
 * stored at the same time share their writes.
 */
@Component
class TurnJournal {

    private final Transcript transcript;
    private final Conversations conversations;
    private final Inbox inbox;
    private final Outbox outbox;
    private final SenderChannels delivery;
    private final WriteCombiner<TurnRecord, @Nullable Void> turnRecords = new WriteCombiner<>(128, this::recordAll);

    TurnJournal(Transcript transcript, Conversations conversations, Inbox inbox, Outbox outbox, SenderChannels delivery) {
        this.transcript = transcript;
        this.conversations = conversations;
        this.inbox = inbox;
        this.outbox = outbox;
        this.delivery = delivery;
    }

    /** What a turn writes: its transcript, the conversation's state, its replies to deliver and its inbox mark. */
    private record TurnRecord(String key, Document transcript, ConversationState state, List<Outbox.Message> replies) {
    }

    /**
     * Stores a taken turn and marks its update processed; the caller commits. Called under the
     * conversation's lock.
     *
     * @param firstAttempt true when the update was just received: nothing of the turn can be
     *        stored yet, and the turn's writes go with other conversations' in one round of
     *        commands; false when it is taken again after a crash: its replies may be stored, or sent
     */
    void store(Turn turn, InboundMessage message, Instant at, boolean firstAttempt) {
        var record = new TurnRecord(turn.key, transcript.turn(turn.key, message, turn.understanding, turn.replies, at), turn.conversation,
                outboxEntries(message.conversation(), turn.key, turn.replies));
        if (firstAttempt) {
            turnRecords.submit(record);
        } else {
            record(List.of(record), true);
        }
    }

    /**
     * Stores what a ticket event changed in a conversation and, if it says anything, the notice:
     * in the transcript, and in the outbox under ids {@code <eventKey>#<n>}. Called under the
     * conversation's lock.
     */
    void storeNotice(String eventKey, ConversationState state, String author, @Nullable String authorName, List<OutboundMessage> replies,
            Instant at) {
        conversations.save(state);
        if (!replies.isEmpty()) {
            transcript.recordNotice(eventKey, state.id, author, authorName, replies, at);
            outbox.enqueue(outboxEntries(state.id, eventKey, replies), true);
        }
    }

    private List<@Nullable Void> recordAll(List<TurnRecord> records) {
        record(records, false);
        return Collections.nCopies(records.size(), null);
    }

    /** Writes turns in this order: transcripts, states, replies, then the updates' processed marks. */
    private void record(List<TurnRecord> records, boolean repliesMayExist) {
        var transcripts = new ArrayList<Document>(records.size());
        var states = new ArrayList<ConversationState>(records.size());
        var replies = new ArrayList<Outbox.Message>();
        var keys = new ArrayList<String>(records.size());
        for (var record : records) {
            transcripts.add(record.transcript());
            states.add(record.state());
            replies.addAll(record.replies());
            keys.add(record.key());
        }
        transcript.recordAll(transcripts);
        conversations.saveAll(states);
        outbox.enqueue(replies, repliesMayExist);
        inbox.markProcessed(keys);
    }

    /** Replies for the outbox, for channels with a sender; ids {@code <key>#<n>} make storing twice store once. */
    private List<Outbox.Message> outboxEntries(ConversationId id, String key, List<OutboundMessage> replies) {
        if (replies.isEmpty() || !delivery.handles(id.channel())) {
            return List.of();
        }
        var entries = new ArrayList<Outbox.Message>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            var reply = replies.get(i);
            // The reply itself rides along: delivery in this process sends it as it is, without decoding it again.
            entries.add(new Outbox.Message(key + "#" + i, reply.conversation().channel(), reply.conversation().chat(),
                    MessageCodec.outbound(reply), reply));
        }
        return entries;
    }
}
