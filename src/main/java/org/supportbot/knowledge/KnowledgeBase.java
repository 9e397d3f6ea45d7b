package org.supportbot.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The content that is serving: intents, answers and the bot's own messages, swapped atomically on
 * reload.
 *
 * <p>Thread-safe. Content is read once at construction; a construction with content errors
 * fails with every problem listed. Later reloads ({@link #reload()}) that find errors keep the
 * previous content serving. A successful reload publishes {@link ContentChanged}.
 */
@Service
public class KnowledgeBase {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final int MAX_NAME_LENGTH = 32;

    private final Path contentDir;
    private final ApplicationEventPublisher events;
    private final RandomGenerator random;
    private final AtomicReference<Content> current = new AtomicReference<>();

    @Autowired // the constructor for Spring; the other one lets tests fix the randomness
    KnowledgeBase(@Value("${supportbot.content.dir}") String contentDir, ApplicationEventPublisher events) {
        // A String, not a Path: Spring would resolve a Path property as a resource location.
        this(Path.of(contentDir), events, RandomGenerator.getDefault());
    }

    KnowledgeBase(Path contentDir, ApplicationEventPublisher events, RandomGenerator random) {
        this.contentDir = contentDir;
        this.events = events;
        this.random = random;
        var load = load(contentDir);
        load.problems().stream().filter(p -> !p.isError()).forEach(p -> log.warn("{}", p));
        if (load.hasErrors()) {
            throw new InvalidContentException(contentDir, load.errors());
        }
        current.set(load.content());
        log.info("Content loaded from {}: {} intents, {} answers", contentDir.toAbsolutePath().normalize(),
                load.content().intents().size(), load.content().answers().size());
    }

    /**
     * Reads and checks the content under {@code contentDir} without serving it.
     *
     * @throws java.io.UncheckedIOException when a folder cannot be listed
     */
    public static ContentLoad load(Path contentDir) {
        return new ContentLoader(contentDir).load();
    }

    /** The content now serving; never null. */
    public Content content() {
        return current.get();
    }

    public Path contentDir() {
        return contentDir;
    }

    /**
     * Reads the content again. Without errors it replaces the serving content and publishes
     * {@link ContentChanged} (listeners run on the calling thread); with errors the previous
     * content keeps serving and the errors are logged as {@code file:line: message}.
     */
    public ContentLoad reload() {
        var load = load(contentDir);
        if (load.hasErrors()) {
            log.error("Content not reloaded, the previous content keeps serving. Fix these problems:\n{}",
                    load.errors().stream().map(ContentProblem::toString).collect(Collectors.joining("\n")));
            return load;
        }
        current.set(load.content());
        log.info("Content reloaded: {} intents, {} answers", load.content().intents().size(), load.content().answers().size());
        events.publishEvent(new ContentChanged(load.content()));
        return load;
    }

    /**
     * Renders the answer to {@code intent}: one of its variations in {@code language}, picked at
     * random among those that fit (a variation with {@code {name}} only when the name is known),
     * with its quick-reply buttons. Empty when the intent has no answer.
     */
    public Optional<Reply> render(String intent, Language language, @Nullable String customerName) {
        var content = current.get();
        var answer = content.answer(intent).orElse(null);
        if (answer == null) {
            return Optional.empty();
        }
        var name = firstName(customerName);
        var candidates = answer.variations(language).stream()
                .filter(text -> name != null || !text.contains(Answer.NAME_PLACEHOLDER))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        var text = candidates.get(random.nextInt(candidates.size()));
        if (name != null) {
            text = text.replace(Answer.NAME_PLACEHOLDER, name);
        }
        return Optional.of(new Reply(text, buttons(answer.buttons(), language)));
    }

    /**
     * What the bot says in its own words: one of the message's texts in {@code language}, picked at
     * random among those that fit (a text with {@code {name}} only when {@code name} is not null),
     * with {@code {name}} and the placeholders in {@code values} filled. Reads the serving content, so
     * an edit of {@code messages/} shows after the reload. See {@link Messages#text}.
     *
     * @param name the customer's name as it should appear (see {@link #firstName}), or null when unknown
     */
    public String message(MessageKey key, Language language, @Nullable String name, RandomGenerator random, Map<String, String> values) {
        return current.get().messages().text(key, language, name, random, values);
    }

    /** A button label or another one-text message ({@link MessageKey#single()}) in {@code language}. */
    public String label(MessageKey key, Language language) {
        return current.get().messages().label(key, language, Map.of());
    }

    /** A wait as a customer reads it: "5 минут", "about 2 hours"; see {@link Messages#duration}. */
    public String duration(Duration duration, Language language) {
        return current.get().messages().duration(duration, language);
    }

    /** When something happens, as a customer reads it: "в понедельник в 09:00 (Europe/Moscow)". */
    public String when(ZonedDateTime at, Language language) {
        return current.get().messages().when(at, language);
    }

    /** The operators' saved replies, by shortcut. */
    public Map<String, CannedReply> replies() {
        return current.get().replies();
    }

    /**
     * Renders a saved reply for a customer: one of its variations in {@code language} (those with
     * {@code {name}} when the name is known, those without when not), with {@code {name}},
     * {@code {operator}} and the order placeholders filled; a placeholder with no value becomes
     * empty. Empty when there is no such reply.
     *
     * @param context the ticket's context ({@code order}, {@code order_status}), possibly empty
     */
    public Optional<String> renderReply(String shortcut, Language language, @Nullable String customerName, @Nullable String operatorName,
            Map<String, String> context) {
        var reply = current.get().replies().get(shortcut);
        return reply == null ? Optional.empty() : Optional.of(CannedReplies.render(reply, language, firstName(customerName), operatorName, context, random));
    }

    /** Quick-reply buttons for these intents, labelled with their titles; unknown intents are skipped. */
    public List<Reply.QuickReply> buttons(List<String> intents, Language language) {
        var content = current.get();
        return intents.stream()
                .flatMap(name -> content.intent(name).stream())
                .map(intent -> new Reply.QuickReply(intent.title(language), intent.name()))
                .toList();
    }

    /** The button label of an intent in a language; the intent's name when it is unknown. */
    public String title(String intent, Language language) {
        return current.get().intent(intent).map(i -> i.title(language)).orElse(intent);
    }

    /**
     * The customer's first name as a greeting can use it: the first word of a display name,
     * without control characters, at most 32 characters; null when there is nothing usable.
     */
    public static @Nullable String firstName(@Nullable String displayName) {
        if (displayName == null) {
            return null;
        }
        var cleaned = displayName.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        if (cleaned.isEmpty()) {
            return null;
        }
        var first = cleaned.split("\\s+", 2)[0];
        if (first.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        return first.length() > MAX_NAME_LENGTH ? first.substring(0, MAX_NAME_LENGTH) : first;
    }

    /** Thrown at start-up when the content has errors; its message lists them for the editor. */
    public static final class InvalidContentException extends IllegalStateException {
        private final List<ContentProblem> problems;

        InvalidContentException(Path dir, List<ContentProblem> problems) {
            super("The content in " + dir.toAbsolutePath().normalize() + " has errors (run 'validate' for details):\n"
                    + problems.stream().map(ContentProblem::toString).collect(Collectors.joining("\n")));
            this.problems = List.copyOf(Objects.requireNonNull(problems));
        }

        public List<ContentProblem> problems() {
            return problems;
        }
    }
}
