package org.supportbot.knowledge;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** Filling a saved reply's placeholders for one customer. */
final class CannedReplies {

    private static final String NAME = "{name}";
    private static final String ORDER = "{order}";
    private static final String ORDER_STATUS = "{order_status}";

    private CannedReplies() {
    }

    /**
     * One fitting variation, filled: never one that needs a value we lack ({@code {name}}, {@code {order}},
     * {@code {order_status}}) while another does not, and among those, one using the most of what we know,
     * since that is why such variations were written.
     */
    static String render(CannedReply reply, Language language, @Nullable String firstName, @Nullable String operatorName,
            Map<String, String> context, RandomGenerator random) {
        var order = blankToNull(context.get("order"));
        var status = blankToNull(context.getOrDefault("order_status", context.get("status")));
        var all = reply.variations(language);
        var usable = all.stream()
                .filter(text -> (firstName != null || !text.contains(NAME)) && (order != null || !text.contains(ORDER))
                        && (status != null || !text.contains(ORDER_STATUS)))
                .toList();
        List<String> fitting;
        if (!usable.isEmpty()) {
            int best = usable.stream().mapToInt(CannedReplies::personal).max().orElse(0);
            fitting = usable.stream().filter(text -> personal(text) == best).toList();
        } else {
            fitting = all.stream().filter(text -> !text.contains(NAME)).toList(); // validation keeps one without {name}
        }
        if (fitting.isEmpty()) {
            fitting = all;
        }
        if (fitting.isEmpty()) {
            return "";
        }
        var text = fitting.get(random.nextInt(fitting.size()));
        return text.replace(NAME, firstName == null ? "" : firstName)
                .replace("{operator}", operatorName == null ? "" : operatorName)
                .replace(ORDER_STATUS, status == null ? "" : status)
                .replace(ORDER, order == null ? "" : order);
    }

    /** How many of the customer's own values a variation uses. */
    private static int personal(String text) {
        return (text.contains(NAME) ? 1 : 0) + (text.contains(ORDER) ? 1 : 0) + (text.contains(ORDER_STATUS) ? 1 : 0);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
