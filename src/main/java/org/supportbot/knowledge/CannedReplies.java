package org.supportbot.knowledge;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** Filling a saved reply's placeholders for one customer. */
final class CannedReplies {

    private static final String NAME = "{name}";

    private CannedReplies() {
    }

    /** One fitting variation, filled: the personal ones when the name is known, since that is why they were written. */
    static String render(CannedReply reply, Language language, @Nullable String firstName, @Nullable String operatorName,
            Map<String, String> context, RandomGenerator random) {
        var all = reply.variations(language);
        var fitting = all.stream().filter(text -> text.contains(NAME) == (firstName != null)).toList();
        if (fitting.isEmpty()) {
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
                .replace("{order}", context.getOrDefault("order", ""))
                .replace("{order_status}", context.getOrDefault("order_status", context.getOrDefault("status", "")));
    }
}
