package org.supportbot.conversation;

import java.util.List;

/** Intents the dialog itself relies on; the knowledge base defines them. */
final class Topics {

    /** Offered with the greeting. */
    static final List<String> POPULAR = List.of("order_status", "delivery_info", "payment_methods", "return_refund", "human_operator");
    /** The "talk to a person" button. */
    static final String HUMAN_OPERATOR = "human_operator";
    /** What the bot can do: the answer to {@code /help}. */
    static final String CAPABILITIES = "bot_capabilities";
    private static final List<String> SMALL_TALK = List.of("greeting", "goodbye", "thanks", CAPABILITIES);

    private Topics() {
    }

    /** Small talk gets no "did this help?", and is no comment on a rating. */
    static boolean isSmallTalk(String intent) {
        return SMALL_TALK.contains(intent);
    }
}
