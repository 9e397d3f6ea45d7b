package org.supportbot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;

/**
 * On a store this process alone uses (the embedded one), the keys of each conversation's notices,
 * oldest first, kept in memory: the embedded store ignores secondary indexes, so asking it for
 * "this conversation's notices since" read the whole transcript on its one worker thread, once per
 * web chat poll. The store is read in full once, on the first question after a start; from then
 * on {@link #add} keeps up. Thread-safe.
 */
final class NoticeIndex {

    /** One notice's place: when it was said, its transcript key. */
    record Entry(Instant at, String key) {
        static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at).thenComparing(Entry::key);
    }

    private final Map<String, NavigableSet<Entry>> byConversation = new ConcurrentHashMap<>();
    /** Reads every notice in the store: (conversation, entry) pairs. */
    private final Supplier<Iterable<Map.Entry<String, Entry>>> everything;
    private volatile boolean complete;

    NoticeIndex(Supplier<Iterable<Map.Entry<String, Entry>>> everything) {
        this.everything = everything;
    }

    /** Takes a notice just stored. */
    void add(String conversation, Entry entry) {
        byConversation.computeIfAbsent(conversation, c -> new ConcurrentSkipListSet<>(Entry.ORDER)).add(entry);
    }

    /** The keys of the conversation's notices said at or after {@code since}, oldest first, at most {@code limit}. */
    List<String> since(String conversation, Instant since, int limit) {
        learnOnce();
        var notices = byConversation.get(conversation);
        var keys = new ArrayList<String>();
        if (notices == null) {
            return keys;
        }
        for (var entry : notices.tailSet(new Entry(since, ""), true)) {
            if (keys.size() == limit) {
                break;
            }
            keys.add(entry.key());
        }
        return keys;
    }

    /** Forgets a notice the store no longer has (erased). */
    void forget(String conversation, String key) {
        var notices = byConversation.get(conversation);
        if (notices != null) {
            notices.removeIf(entry -> entry.key().equals(key));
        }
    }

    private void learnOnce() {
        if (complete) {
            return;
        }
        synchronized (this) {
            if (!complete) {
                // Notices stored meanwhile are added twice at most: a set keeps one.
                for (var notice : everything.get()) {
                    add(notice.getKey(), notice.getValue());
                }
                complete = true;
            }
        }
    }
}
