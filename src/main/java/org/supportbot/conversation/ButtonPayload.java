package org.supportbot.conversation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a pressed button asks for, read once from its payload at the start of the turn.
 *
 * <p>The payloads are a wire format: channels hand them back as they got them, and buttons already
 * sent (in chats, in the outbox) carry them for days. {@link #wire()} writes and {@link #parse}
 * reads exactly {@code intent:<intent>}, {@code choice:<intent>}, {@code feedback:yes:<intent>}
 * (or {@code no}), {@code csat:<ticket>:<score>} and {@code handoff:cancel}. Anything else — a
 * payload of an older version, or forged — is {@link Unknown}: parsing never fails.
 */
sealed interface ButtonPayload {

    /** The prefix of {@link Intent} payloads. */
    String INTENT = "intent:";
    /** The prefix of {@link Choice} payloads. */
    String CHOICE = "choice:";
    /** The prefix of {@link Feedback} payloads. */
    String FEEDBACK = "feedback:";
    /** The prefix of {@link Rating} payloads. */
    String CSAT = "csat:";
    /** The payload of {@link CancelWaiting}. */
    String CANCEL_WAITING = "handoff:cancel";
    /** The prefix of {@link ActionConfirm} payloads. */
    String ACTION = "action:";

    /** The payload as the button carries it. */
    String wire();

    /** What {@code payload} asks for; {@link Unknown} when it is none of the above. */
    static ButtonPayload parse(String payload) {
        if (payload.startsWith(INTENT)) {
            var intent = payload.substring(INTENT.length());
            return intent.isEmpty() ? new Unknown(payload) : new Intent(intent);
        } else if (payload.startsWith(CHOICE)) {
            var intent = payload.substring(CHOICE.length());
            return intent.isEmpty() ? new Unknown(payload) : new Choice(intent);
        } else if (payload.startsWith(FEEDBACK)) {
            // Every feedback: payload is an answer to "did this help?": anything but "yes" reads as no.
            var value = payload.substring(FEEDBACK.length());
            int colon = value.indexOf(':');
            var answer = colon < 0 ? value : value.substring(0, colon);
            return new Feedback(answer.equals("yes"), colon < 0 ? null : value.substring(colon + 1));
        } else if (payload.startsWith(CSAT)) {
            var value = payload.substring(CSAT.length());
            int colon = value.indexOf(':');
            if (colon < 0) {
                return new Unknown(payload);
            }
            try {
                // The score's range is Handoff's rule: a rating it refuses is still thanked for.
                return new Rating(Long.parseLong(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return new Unknown(payload);
            }
        } else if (payload.equals(CANCEL_WAITING)) {
            return CancelWaiting.INSTANCE;
        } else if (payload.equals(ACTION + "yes") || payload.equals(ACTION + "no")) {
            return new ActionConfirm(payload.equals(ACTION + "yes"));
        }
        return new Unknown(payload);
    }

    /** A topic button: answer {@code intent} (or hand over, for an intent that needs a person). */
    record Intent(String intent) implements ButtonPayload {
        public Intent {
            requireName(intent);
        }

        @Override
        public String wire() {
            return INTENT + intent;
        }
    }

    /** An option of a "did you mean…?" question: answered like {@link Intent}, but belongs to that one question. */
    record Choice(String intent) implements ButtonPayload {
        public Choice {
            requireName(intent);
        }

        @Override
        public String wire() {
            return CHOICE + intent;
        }
    }

    /** The answer to "did this help?" after the answer of {@code intent} (null in payloads that do not name it). */
    record Feedback(boolean helpful, @Nullable String intent) implements ButtonPayload {
        @Override
        public String wire() {
            return FEEDBACK + (helpful ? "yes" : "no") + (intent == null ? "" : ":" + intent);
        }
    }

    /** The customer's rating of the help with a resolved {@code ticket}. */
    record Rating(long ticket, int score) implements ButtonPayload {
        @Override
        public String wire() {
            return CSAT + ticket + ":" + score;
        }
    }

    /** Stop waiting for an operator. */
    record CancelWaiting() implements ButtonPayload {
        static final CancelWaiting INSTANCE = new CancelWaiting();

        @Override
        public String wire() {
            return CANCEL_WAITING;
        }
    }

    /** The answer to a store action's question before it acts ("Yes, cancel"), for the action in progress. */
    record ActionConfirm(boolean yes) implements ButtonPayload {
        @Override
        public String wire() {
            return ACTION + (yes ? "yes" : "no");
        }
    }

    /** A payload this version does not know: the button no longer works. */
    record Unknown(String payload) implements ButtonPayload {
        public Unknown {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String wire() {
            return payload;
        }
    }

    private static void requireName(String intent) {
        Objects.requireNonNull(intent, "intent");
        if (intent.isEmpty()) {
            throw new IllegalArgumentException("an intent button names its intent");
        }
    }
}
