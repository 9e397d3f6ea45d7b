package org.supportbot.privacy;

import java.util.List;
import java.util.Map;

/**
 * What an erase did.
 *
 * @param conversations the conversations erased ({@code <channel>:<chat>}); empty when nothing matched
 * @param removed documents removed, by collection
 * @param anonymised documents kept for the totals of reports, with everything personal removed, by collection
 */
public record Erasure(List<String> conversations, Map<String, Long> removed, Map<String, Long> anonymised) {
    public Erasure {
        conversations = List.copyOf(conversations);
        removed = Map.copyOf(removed);
        anonymised = Map.copyOf(anonymised);
    }

    /** Whether any customer matched. */
    public boolean found() {
        return !conversations.isEmpty();
    }
}
