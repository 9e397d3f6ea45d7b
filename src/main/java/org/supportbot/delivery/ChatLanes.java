package org.supportbot.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.supportbot.store.Outbox;

/**
 * Which chats a worker has, which have replies waiting in the store, and so where a chat's next
 * reply goes: to its worker, to a new worker, or back to the store behind the older ones. Keeps
 * each chat's replies in order while different chats go in parallel. Thread-safe.
 */
final class ChatLanes {

    private final Claims claims;
    /** Replies of a chat were left in the store: a read of the outbox is due soon. */
    private final Runnable repliesLeftInStore;
    /**
     * Chats a worker is sending to, or will: a pass leaves them out, so a chat's replies stay in
     * order, while the others do not wait for its slowest send (or its 1 message/s) as they did
     * when each pass waited for all of its chats. Changed under {@code this}, with {@link #waiting}.
     */
    private final Set<String> busyChats = ConcurrentHashMap.newKeySet();
    /** Replies handed over directly for a busy chat: its worker sends them after the ones it has. */
    private final Map<String, List<Outbox.Entry>> waiting = new HashMap<>();
    /**
     * Chats with replies in the outbox this process does not hold, and the {@link #reads} count when
     * that was seen: their new replies are stored pending, behind those.
     */
    private final Map<String, Long> heldInStore = new ConcurrentHashMap<>();
    /** Counts reads of the outbox: a read forgets only chats held since before it began. */
    private volatile long reads;
    /** True until a read of the outbox saw all of it: until then nothing is handed over directly. */
    private volatile boolean backlogUnknown = true;
    /** Stopping: queued chats give their claims back instead of sending. */
    private volatile boolean closed;

    ChatLanes(Claims claims, Runnable repliesLeftInStore) {
        this.claims = claims;
        this.repliesLeftInStore = repliesLeftInStore;
    }

    /** Starting: nothing goes directly until a read of the outbox has seen all of it. */
    void open() {
        closed = false;
        backlogUnknown = true;
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** Whether a reply to this chat may be handed over as it is stored, without a read of the outbox. */
    boolean acceptsDirectly(String chat) {
        return !backlogUnknown && !closed && !heldInStore.containsKey(chat);
    }

    boolean busy(String chat) {
        return busyChats.contains(chat);
    }

    /** No chat is being sent to, and the last read of the outbox saw all of it with nothing held there. */
    boolean settled() {
        return !backlogUnknown && heldInStore.isEmpty() && busyChats.isEmpty();
    }

    /** How many times the outbox was read for replies to send. */
    long reads() {
        return reads;
    }

    /** A read of the outbox begins: its number. Called by one thread at a time. */
    long beginRead() {
        return ++reads;
    }

    /**
     * Read {@code read} saw replies of these chats in the outbox; {@code all} when it saw all of
     * the outbox, so chats with nothing left there are free again.
     */
    void seenInStore(Set<String> chats, long read, boolean all) {
        chats.forEach(chat -> heldInStore.merge(chat, read, Math::max));
        if (all) {
            heldInStore.entrySet().removeIf(held -> held.getValue() < read && !chats.contains(held.getKey()));
        }
        backlogUnknown = !all;
    }

    /**
     * Replies stored claimed for this loop: the chats that need a new worker, in the order given.
     * Replies of a busy chat wait for its worker; those of a chat with older replies in the store
     * (or all, when closed) go back there, behind them.
     */
    List<ChatDelivery> handOver(List<Outbox.Entry> claimed) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        var byChat = new LinkedHashMap<String, List<Outbox.Entry>>();
        for (var entry : claimed) {
            byChat.computeIfAbsent(ChatDelivery.chatOf(entry), k -> new ArrayList<>()).add(entry);
        }
        var giveBack = new ArrayList<Outbox.Entry>();
        var tasks = new ArrayList<ChatDelivery>();
        synchronized (this) {
            for (var chat : byChat.entrySet()) {
                if (closed || heldInStore.containsKey(chat.getKey())) {
                    giveBack.addAll(chat.getValue()); // older replies wait in the store: these go after them
                } else if (busyChats.contains(chat.getKey())) {
                    waiting.computeIfAbsent(chat.getKey(), k -> new ArrayList<>()).addAll(chat.getValue());
                } else {
                    busyChats.add(chat.getKey());
                    tasks.add(new ChatDelivery(chat.getKey(), chat.getValue(), chat.getValue().get(0).createdAt()));
                }
            }
        }
        if (!giveBack.isEmpty()) {
            claims.giveBack(giveBack);
            repliesLeftInStore.run();
        }
        return tasks;
    }

    /** These chats' replies, claimed by a read of the outbox, go to workers now. */
    synchronized void markBusy(List<ChatDelivery> tasks) {
        tasks.forEach(task -> busyChats.add(task.chat()));
    }

    /**
     * A worker is done with a chat's replies: its next ones, or null when the chat is free. When
     * replies went back to the store ({@code complete} false), the chat's new ones go after them.
     */
    @Nullable ChatDelivery afterChat(String chat, boolean complete) {
        List<Outbox.Entry> more;
        synchronized (this) {
            more = waiting.remove(chat);
            if (complete && !closed && more != null && !heldInStore.containsKey(chat)) {
                return new ChatDelivery(chat, more, more.get(0).createdAt());
            }
            if (!complete) {
                heldInStore.put(chat, reads + 1); // not forgotten by a read that began before
            }
            busyChats.remove(chat);
        }
        if (more != null) {
            claims.giveBack(more);
        }
        if (!complete || more != null || heldInStore.containsKey(chat)) {
            repliesLeftInStore.run(); // replies of this chat are in the outbox, and no worker has them now
        }
        return null;
    }

    /** Closing: the replies handed over for busy chats, to be given back. */
    synchronized List<Outbox.Entry> drainWaiting() {
        var entries = new ArrayList<Outbox.Entry>();
        waiting.values().forEach(entries::addAll);
        waiting.clear();
        return entries;
    }
}
