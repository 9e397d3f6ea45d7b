package org.supportbot.curation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.IntentRecognizer;

/**
 * The editors' loop: suggestions from the questions the bot could not serve, and the editors'
 * decisions on them.
 *
 * <p>{@link #suggestions()} groups the open questions (see {@link Grouping}) and proposes for each
 * group the existing intent the serving model finds closest, when its mean confidence over the
 * group is at least {@link #CLOSE} and above the mean confidence in {@code oos}; an intent whose
 * answer a question was rated unhelpful for, and {@code oos}, are never proposed. Suggestions come by falling volume, then latest first.
 *
 * <p>{@link #accept}, {@link #create} and {@link #dismiss} name a suggestion by its id, computed
 * anew on each call: an id that no longer exists (its oldest question was decided meanwhile)
 * gives a {@link NoSuchSuggestionException}. Accepting and creating write the content files and
 * then reload the content, so the bot serves the change at once (a server with hot reload also
 * picks up changes made by the command line). Thread-safe: decisions are taken one at a time.
 */
@Service
public class Curation {

    private static final Logger log = LoggerFactory.getLogger(Curation.class);

    /** The mean confidence at which an existing intent is proposed for a group. */
    public static final double CLOSE = 0.35;
    /** How many of a group's wordings a suggestion shows. */
    static final int EXAMPLES_SHOWN = 20;

    private final MissedQuestions questions;
    private final KnowledgeBase knowledge;
    private final IntentRecognizer nlu;
    private final Clock clock;

    Curation(MissedQuestions questions, KnowledgeBase knowledge, IntentRecognizer nlu, Clock clock) {
        this.questions = questions;
        this.knowledge = knowledge;
        this.nlu = nlu;
        this.clock = clock;
    }

    /** The suggestions from every open question, by falling volume. */
    public List<Suggestion> suggestions() {
        return groups().stream().map(Candidate::suggestion).toList();
    }

    /**
     * Adds the suggestion's wordings (or {@code phrases}, e.g. edited ones) as examples of an
     * existing intent, and closes its questions. Phrases the content has already (in any intent)
     * are skipped.
     *
     * @param intent the intent to teach; null: the proposed one
     * @param phrases the phrases to add; null or empty: every distinct wording of the suggestion
     * @param editor who decided, for the record
     * @throws IllegalArgumentException for an unknown suggestion or intent, or when no intent is given and none is proposed
     */
    public synchronized ContentChange accept(String suggestionId, @Nullable String intent, @Nullable List<String> phrases, String editor) {
        var candidate = find(suggestionId);
        var target = intent != null && !intent.isBlank() ? intent.strip() : candidate.suggestion.proposedIntent();
        if (target == null) {
            throw new IllegalArgumentException("suggestion " + suggestionId + " proposes a new intent: name an existing intent to accept into, or create one");
        }
        var definition = knowledge.content().intent(target)
                .orElseThrow(() -> new IllegalArgumentException("no intent '" + target + "' in the content"));
        if (definition.isOutOfScope()) {
            throw new IllegalArgumentException("'" + target + "' is not an intent customers get answers from: dismiss the suggestion instead");
        }
        var language = candidate.suggestion.language();
        var wanted = phrases == null || phrases.isEmpty() ? candidate.suggestion.examples().stream().map(Suggestion.Example::text).toList() : phrases;
        var known = knownExamples();
        var added = new ArrayList<String>();
        var skipped = new ArrayList<String>();
        for (var phrase : wanted) {
            var clean = EditorText.clean(phrase);
            var key = ContentFiles.sameWords(clean);
            if (key.isEmpty() || !known.add(key)) {
                skipped.add(clean);
            } else {
                added.add(clean);
            }
        }
        var files = files();
        var changed = new ArrayList<String>();
        if (!added.isEmpty()) {
            files.addExamples(target, language, added);
            changed.add(files.relative(files.intentFile(target)));
        }
        long closed = questions.close(candidate.ids(), MissedQuestions.Status.ACCEPTED, target, editor, clock.instant());
        boolean reloaded = !added.isEmpty() && reload();
        log.info("{} accepted suggestion {} into '{}': {} examples added, {} skipped", editor, suggestionId, target, added.size(), skipped.size());
        return new ContentChange(suggestionId, "accepted", target, changed, added, skipped, (int) closed, reloaded);
    }

    /**
     * Creates a new intent from a suggestion: its wordings as examples, and as the draft answer
     * {@code answer}, or else the operator's reply to one of its questions.
     *
     * @param name the new intent's name: lower case letters, digits and underscores
     * @param title the button label; null: the first wording
     * @throws IllegalArgumentException for an unknown suggestion, a bad or taken name, or no answer to draft from
     */
    public synchronized ContentChange create(String suggestionId, String name, @Nullable String title, @Nullable String answer, String editor) {
        Objects.requireNonNull(name, "name");
        if (!IntentDefinition.NAME.matcher(name).matches() || name.length() > 64) {
            throw new IllegalArgumentException("intent name must be lower case letters, digits and underscores, like 'gift_cards', but was '" + name + "'");
        }
        if (knowledge.content().intent(name).isPresent()) {
            throw new IllegalArgumentException("intent '" + name + "' exists already: accept the phrases into it instead");
        }
        var candidate = find(suggestionId);
        var draft = answer != null && !answer.isBlank() ? answer : candidate.suggestion.operatorReply();
        if (draft == null || draft.isBlank()) {
            throw new IllegalArgumentException("no operator reply to draft the answer from: give the answer text");
        }
        var known = knownExamples();
        var phrases = new ArrayList<String>();
        var skipped = new ArrayList<String>();
        for (var example : candidate.suggestion.examples()) {
            if (known.add(ContentFiles.sameWords(example.text()))) {
                phrases.add(example.text());
            } else {
                skipped.add(example.text());
            }
        }
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("every wording of suggestion " + suggestionId + " is an example of an intent already");
        }
        var label = title != null && !title.isBlank() ? EditorText.clean(title) : title(phrases.get(0));
        var files = files();
        var comment = "Drafted from " + candidate.suggestion.volume() + " customer questions (suggestion " + suggestionId
                + "): check the examples, the title and the answer in knowledge-base/" + name + ".md";
        var written = files.createIntent(name, comment, candidate.suggestion.language(), label, phrases, draft);
        long closed = questions.close(candidate.ids(), MissedQuestions.Status.CREATED, name, editor, clock.instant());
        boolean reloaded = reload();
        log.info("{} created intent '{}' from suggestion {}", editor, name, suggestionId);
        return new ContentChange(suggestionId, "created", name, written.stream().map(files::relative).toList(), phrases, skipped, (int) closed, reloaded);
    }

    /** Closes a suggestion's questions without changing the content. */
    public synchronized ContentChange dismiss(String suggestionId, String editor) {
        var candidate = find(suggestionId);
        long closed = questions.close(candidate.ids(), MissedQuestions.Status.DISMISSED, null, editor, clock.instant());
        return new ContentChange(suggestionId, "dismissed", null, List.of(), List.of(), List.of(), (int) closed, false);
    }

    private boolean reload() {
        var load = knowledge.reload();
        return !load.hasErrors();
    }

    private ContentFiles files() {
        return new ContentFiles(knowledge.contentDir());
    }

    private Set<String> knownExamples() {
        var known = new HashSet<String>();
        for (var intent : knowledge.content().intents().values()) {
            for (var language : Language.values()) {
                intent.examples(language).forEach(e -> known.add(ContentFiles.sameWords(e)));
            }
        }
        return known;
    }

    private Candidate find(String suggestionId) {
        Objects.requireNonNull(suggestionId, "suggestionId");
        return groups().stream().filter(c -> c.suggestion.id().equals(suggestionId.strip())).findFirst()
                .orElseThrow(() -> new NoSuchSuggestionException(suggestionId));
    }

    /** A suggestion and the ids of its questions. */
    private record Candidate(Suggestion suggestion, List<MissedQuestions.Question> members) {
        List<String> ids() {
            return members.stream().map(MissedQuestions.Question::id).toList();
        }
    }

    private List<Candidate> groups() {
        var open = questions.open();
        var groups = Grouping.group(open);
        var tickets = new HashSet<Long>();
        open.forEach(q -> {
            if (q.ticket() != null) {
                tickets.add(q.ticket());
            }
        });
        var replies = questions.resolvedReplies(tickets);
        var content = knowledge.content();
        var candidates = new ArrayList<Candidate>(groups.size());
        for (var group : groups) {
            candidates.add(new Candidate(suggestion(group, replies, content), group.members()));
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.suggestion.volume()).reversed()
                .thenComparing(c -> c.suggestion.lastAsked(), Comparator.reverseOrder()));
        return candidates;
    }

    private Suggestion suggestion(Grouping.Group group, Map<Long, List<String>> replies, org.supportbot.knowledge.Content content) {
        var members = group.members();
        var language = group.oldest().language();
        // Wordings that differ only in case or punctuation count as one.
        var wordings = new LinkedHashMap<String, String>();
        var counts = new HashMap<String, Integer>();
        var kinds = new TreeMap<String, Integer>();
        var excluded = new HashSet<String>();
        excluded.add(IntentDefinition.OUT_OF_SCOPE);
        var scores = new HashMap<String, Double>();
        for (var question : members) {
            var key = ContentFiles.sameWords(question.text());
            wordings.putIfAbsent(key, question.text());
            counts.merge(key, 1, Integer::sum);
            kinds.merge(question.kind(), 1, Integer::sum);
            if (question.answeredIntent() != null) {
                excluded.add(question.answeredIntent());
            }
            for (var score : nlu.parse(question.text(), language).ranking()) {
                scores.merge(score.intent(), score.confidence(), Double::sum);
            }
        }
        String proposed = null;
        double closeness = 0;
        for (var entry : scores.entrySet()) {
            double mean = entry.getValue() / members.size();
            if (!excluded.contains(entry.getKey()) && content.intent(entry.getKey()).isPresent() && mean > closeness) {
                proposed = entry.getKey();
                closeness = mean;
            }
        }
        // Close enough, and closer than "none of the intents" (oos): else it is a topic of its own.
        double outOfScope = scores.getOrDefault(IntentDefinition.OUT_OF_SCOPE, 0.0) / members.size();
        if (closeness < CLOSE || closeness <= outOfScope) {
            proposed = null;
        }
        var examples = wordings.entrySet().stream()
                .map(e -> new Suggestion.Example(e.getValue(), counts.get(e.getKey())))
                .sorted(Comparator.comparingInt(Suggestion.Example::count).reversed())
                .limit(EXAMPLES_SHOWN)
                .toList();
        String reply = null;
        var latestFirst = new ArrayList<>(members);
        latestFirst.sort(Comparator.comparing(MissedQuestions.Question::at).reversed());
        for (var question : latestFirst) {
            var ticketReplies = question.ticket() == null ? null : replies.get(question.ticket());
            if (ticketReplies != null) {
                reply = ticketReplies.stream().max(Comparator.comparingInt(String::length)).orElse(null);
                break;
            }
        }
        var lastAsked = latestFirst.get(0).at();
        return new Suggestion(id(group.oldest().id()), language, members.size(), examples, proposed, Math.round(closeness * 1000) / 1000.0,
                kinds, reply, lastAsked);
    }

    /** A short id that stays while the group's oldest question is open. */
    static String id(String questionId) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(questionId.getBytes(StandardCharsets.UTF_8));
            return "s" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A button label from a customer's wording: capitalised, at most 40 characters, cut at a word. */
    static String title(String phrase) {
        var text = phrase.strip().replaceAll("[?!.]+$", "");
        if (text.length() > 40) {
            int cut = text.lastIndexOf(' ', 40);
            text = text.substring(0, cut > 10 ? cut : 40);
        }
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
