package org.supportbot.actions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/**
 * One action as its file describes it. Immutable.
 *
 * @param name the file's name without {@code .yaml}
 * @param intent the intent whose recognition starts it
 * @param file where it was read from, for messages
 * @param slots what the bot must know before calling, in the order it asks
 * @param lookup the call that finds what verification checks (and the answer shows when {@code call} is null)
 * @param call the call that does the work after verification and confirmation; null when the lookup is all
 * @param verifyField the field of the lookup's answer holding the order's phone; null: no verification
 * @param verifyTries wrong answers allowed before the bot refuses and hands over
 * @param confirm the question asked before {@code call}, with its yes and no labels; null: no question
 * @param texts what the bot says, by {@link Say}
 * @param buttons intents offered under the answer
 * @param context what a ticket learns from the action, name → template, shown to operators
 */
public record StoreAction(String name, String intent, Path file, List<Slot> slots, Call lookup, @Nullable Call call,
        @Nullable String verifyField, int verifyTries, @Nullable Confirm confirm, Map<Say, Texts> texts,
        List<String> buttons, Map<String, String> context) {

    public StoreAction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(intent, "intent");
        slots = List.copyOf(slots);
        Objects.requireNonNull(lookup, "lookup");
        texts = Map.copyOf(texts);
        buttons = List.copyOf(buttons);
        context = Map.copyOf(context);
    }

    /** What an action may say; each is a template over the slots and the store's answer. */
    public enum Say {
        /** The result, after the call succeeded. */
        ANSWER,
        /** A wrong phone or no such order: the customer cannot tell which. */
        NOT_VERIFIED,
        /** The last wrong try: the bot refuses and hands over. */
        REFUSED,
        /** The store did not answer usefully (timeout, 5xx, 401, bad JSON): the bot apologises and hands over. */
        FAILURE,
        /** The store said no (409) to {@code call}: its reason is passed on. */
        REJECTED,
        /** The customer answered "no" to {@code confirm}. */
        DECLINED;

        /** The key in the action file. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A value the bot needs. {@code pattern} must match the whole value; a value that does not is
     * asked for again and never sent to the store.
     */
    public record Slot(String name, @Nullable String entity, Pattern pattern, int tries, Texts ask, Texts retry) {
        public Slot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(ask, "ask");
            Objects.requireNonNull(retry, "retry");
        }

        /** Whether {@code value} is an acceptable value. */
        public boolean accepts(String value) {
            return pattern.matcher(value).matches();
        }
    }

    /** An HTTP call: {@code url} may hold {@code {{slot}}} (URL-encoded) and {@code ${ENV}} placeholders, so may header values. */
    public record Call(String method, String url, Map<String, String> headers, Duration timeout, Duration cache) {
        public Call {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(cache, "cache");
        }
    }

    /** The question before the call, and its buttons' labels. */
    public record Confirm(Texts question, Texts yes, Texts no) {
    }

    /** Texts per language, each with variations (one is picked at random). */
    public record Texts(Map<Language, List<String>> variations) {
        public Texts {
            variations = Map.copyOf(variations);
        }

        /** The variations in {@code language}, or in the other language when this one has none. */
        public List<String> in(Language language) {
            var own = variations.get(language);
            if (own != null && !own.isEmpty()) {
                return own;
            }
            return variations.values().stream().filter(v -> !v.isEmpty()).findFirst().orElse(List.of());
        }

        static final Texts NONE = new Texts(Map.of());
    }
}
