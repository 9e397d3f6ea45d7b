package org.supportbot.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Tickets and their ratings under one label (a close reason, a tag).
 *
 * @param name the reason or tag
 * @param tickets tickets of the period with it
 * @param ratings how many of those were rated
 * @param csatAverage their average rating 1–5; null without ratings
 */
public record Breakdown(String name, long tickets, long ratings, @Nullable Double csatAverage) {

    /** Counts tickets and ratings per label, then lists them most tickets first. */
    static final class Tally {
        private final Map<String, long[]> byName = new TreeMap<>();

        void add(String name, @Nullable Integer csat) {
            var counts = byName.computeIfAbsent(name, n -> new long[3]);
            counts[0]++;
            if (csat != null && csat >= 1 && csat <= 5) {
                counts[1]++;
                counts[2] += csat;
            }
        }

        List<Breakdown> list() {
            var list = new ArrayList<Breakdown>();
            byName.forEach((name, c) -> list.add(new Breakdown(name, c[0], c[1], c[1] == 0 ? null : (double) c[2] / c[1])));
            list.sort(Comparator.comparingLong(Breakdown::tickets).reversed());
            return list;
        }
    }
}
