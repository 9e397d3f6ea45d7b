package org.supportbot.nlu;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What the bot does with a message: answer it, ask which of two it meant, or hand it to a person. */
public sealed interface Decision {

    /** The wire name: {@code answer}, {@code clarify} or {@code escalate}. */
    String kind();

    /** Confident: answer {@code intent} from the knowledge base. */
    record Answer(String intent, double confidence) implements Decision {
        public Answer {
            Objects.requireNonNull(intent, "intent");
        }

        @Override
        public String kind() {
            return "answer";
        }
    }

    /** Two close candidates: "Did you mean {@code first} or {@code second}?". */
    record Clarify(String first, String second) implements Decision {
        public Clarify {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
        }

        @Override
        public String kind() {
            return "clarify";
        }
    }

    /**
     * A person should take this: the reason, and the intent the bot recognised if any (for
     * routing to a queue).
     */
    record Escalate(Reason reason, @Nullable String intent) implements Decision {
        public Escalate {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "escalate";
        }
    }

    /** Why a message goes to a person. */
    enum Reason {
        /** The intent itself asks for a person ({@code human_operator}, {@code complaint}). */
        INTENT_NEEDS_PERSON,
        /** The message is about something the bot has no answer for. */
        OUT_OF_SCOPE,
        /** The bot is not sure enough to answer. */
        LOW_CONFIDENCE,
        /** The customer asked for a person with a command or a button. */
        CUSTOMER_REQUEST,
        /** The bot failed the customer several times in a row. */
        REPEATED_FAILURE
    }
}
