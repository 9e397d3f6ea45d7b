package org.supportbot.actions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.supportbot.knowledge.ContentChanged;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;

/**
 * The store actions that are serving, and the calls they make.
 *
 * <p>An action is on when every {@code ${VARIABLE}} its calls use is set (in the environment or
 * as a property): without {@code SUPPORTBOT_STORE_API_URL} the intents keep their static answers.
 * Action files are read at start (errors there stop the start, like other content errors) and again
 * after each content reload ({@link ContentChanged}); a reload with errors keeps the previous
 * actions. Successful lookups and "not found" are cached for the call's {@code cache} time; a
 * change (any other method) that succeeds empties the cache. Thread-safe.
 */
@Service
public class StoreActions {

    private static final Logger log = LoggerFactory.getLogger(StoreActions.class);

    private final KnowledgeBase knowledge;
    private final StoreCall calls;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Templates templates = new Templates();
    private final AtomicReference<Map<String, StoreAction>> byIntent = new AtomicReference<>(Map.of());
    private final Cache<String, Cached> cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    /** Wrong proofs per order (in this process): past {@link #MAX_WRONG_PROOFS} in an hour, no proof is accepted for it. */
    private final Cache<String, java.util.concurrent.atomic.AtomicInteger> wrongProofs =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();

    /**
     * Wrong proofs an order may get in an hour, over all conversations: three tries per question would
     * otherwise let someone who restarts the question (or opens new chats) try all 10,000 endings.
     */
    public static final int MAX_WRONG_PROOFS = 10;

    private record Cached(StoreReply reply, Instant until) {
    }

    StoreActions(KnowledgeBase knowledge, Environment environment, Clock clock) {
        this.knowledge = knowledge;
        this.clock = clock;
        this.calls = new StoreCall(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(),
                name -> Optional.ofNullable(environment.getProperty(name)));
        var load = load(knowledge.contentDir(), knowledge.content().intents().keySet());
        load.problems().stream().filter(p -> !p.isError()).forEach(p -> log.warn("{}", p));
        if (load.hasErrors()) {
            throw new IllegalStateException("The action files have errors:\n" + String.join("\n",
                    load.problems().stream().filter(p -> p.isError()).map(Object::toString).toList()));
        }
        serve(load);
    }

    /**
     * Reads and checks the action files under {@code contentDir} against {@code intents}, without serving them.
     *
     * @throws java.io.UncheckedIOException when the folder cannot be listed
     */
    public static ActionLoad load(Path contentDir, Set<String> intents) {
        return ActionLoader.load(contentDir, intents);
    }

    @EventListener
    void on(ContentChanged changed) {
        var load = load(knowledge.contentDir(), changed.content().intents().keySet());
        if (load.hasErrors()) {
            load.problems().forEach(p -> log.error("{}", p));
            log.error("Action files not reloaded: the previous actions keep serving");
            return;
        }
        serve(load);
    }

    private void serve(ActionLoad load) {
        byIntent.set(Map.copyOf(ActionLoader.byIntent(load)));
        templates.clear();
        cache.invalidateAll();
        var on = load.actions().values().stream().filter(this::configured).map(StoreAction::name).sorted().toList();
        log.info("Store actions: {} read, on: {}", load.actions().size(), on.isEmpty() ? "none (SUPPORTBOT_STORE_API_URL unset)" : on);
    }

    private boolean configured(StoreAction action) {
        return calls.configured(action.lookup()) && (action.call() == null || calls.configured(action.call()));
    }

    /** The action {@code intent} starts, when there is one and its store is configured. */
    public Optional<StoreAction> forIntent(String intent) {
        return Optional.ofNullable(byIntent.get().get(intent)).filter(this::configured);
    }

    /** The serving action named {@code name}, configured or not (a dialogue in progress names it). */
    public Optional<StoreAction> named(String name) {
        return byIntent.get().values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Runs the action's lookup with {@code slots}; cached for the call's {@code cache} time. */
    public StoreReply lookup(StoreAction action, Map<String, String> slots) {
        var call = action.lookup();
        var url = calls.url(call, slots);
        var key = call.method() + " " + url;
        var now = clock.instant();
        var hit = cache.getIfPresent(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.reply();
        }
        var reply = calls.send(action.name(), call, url);
        if (!call.cache().isZero() && (reply instanceof StoreReply.Found || reply instanceof StoreReply.NotFound)) {
            cache.put(key, new Cached(reply, now.plus(call.cache())));
        }
        return reply;
    }

    /** Counts a wrong proof (wrong digits, a stranger's contact, or no such order) for the order {@code slots} name. */
    public void wrongProof(StoreAction action, Map<String, String> slots) {
        wrongProofs.get(calls.url(action.lookup(), slots), key -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    /** Whether the order {@code slots} name got too many wrong proofs lately: then even the right one is refused. */
    public boolean proofLocked(StoreAction action, Map<String, String> slots) {
        var count = wrongProofs.getIfPresent(calls.url(action.lookup(), slots));
        return count != null && count.get() >= MAX_WRONG_PROOFS;
    }

    /** Runs the action's change ({@code call}); never cached, never repeated. A success empties the lookup cache. */
    public StoreReply perform(StoreAction action, Map<String, String> slots) {
        var call = action.call() == null ? action.lookup() : action.call();
        var reply = calls.send(action.name(), call, calls.url(call, slots));
        if (reply instanceof StoreReply.Found || reply instanceof StoreReply.Rejected) {
            cache.invalidateAll();
        }
        return reply;
    }

    /** One variation of {@code texts} in {@code language}, rendered over {@code data}; empty when there is none. */
    public String render(StoreAction.Texts texts, Language language, Map<String, Object> data) {
        var variations = texts.in(language);
        if (variations.isEmpty()) {
            return "";
        }
        return templates.render(variations.get(random.nextInt(variations.size())), data);
    }

    /** What the action says for {@code say}; empty when its file has no such text. */
    public String say(StoreAction action, StoreAction.Say say, Language language, Map<String, Object> data) {
        var texts = action.texts().get(say);
        return texts == null ? "" : render(texts, language, data);
    }

    /** What a ticket learns from the action's {@code context}, rendered; entries that render empty are left out. */
    public Map<String, String> learnt(StoreAction action, Map<String, Object> data) {
        var learnt = new LinkedHashMap<String, String>();
        action.context().forEach((name, template) -> {
            var value = templates.render(template, data);
            if (!value.isBlank()) {
                learnt.put(name, value);
            }
        });
        return learnt;
    }
}
