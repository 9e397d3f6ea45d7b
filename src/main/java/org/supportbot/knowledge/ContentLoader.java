package org.supportbot.knowledge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code intents/}, {@code knowledge-base/}, {@code messages/} and {@code replies/} (optional: without it, the
 * starter replies built into the jar) under a content folder and
 * checks them as a whole: duplicate examples across intents, intents without answers, answers without intents,
 * buttons naming unknown intents.
 */
final class ContentLoader {

    static final String INTENTS = "intents";
    static final String KNOWLEDGE_BASE = "knowledge-base";
    static final String REPLIES = "replies";

    private final Path root;
    private final ContentFolder folder;

    ContentLoader(Path root) {
        this.root = root;
        this.folder = new ContentFolder(root);
    }

    ContentLoad load() {
        var problems = new ArrayList<ContentProblem>();
        var intents = new TreeMap<String, IntentDefinition>();
        var answers = new TreeMap<String, Answer>();
        var examples = new ArrayList<IntentFileParser.ExampleAt>();
        var buttons = new ArrayList<AnswerFileParser.ButtonAt>();
        var answerFiles = new HashMap<String, Path>();

        for (var file : folder.files(INTENTS, problems, ".yaml", ".yml")) {
            var name = ContentFolder.baseName(file);
            var text = folder.read(file, problems);
            if (text == null) {
                continue;
            }
            var parsed = new IntentFileParser(folder.relative(file), name, problems).parse(text);
            examples.addAll(parsed.examples());
            if (parsed.intent() != null) {
                intents.put(name, parsed.intent());
            }
        }
        for (var file : folder.files(KNOWLEDGE_BASE, problems, ".md")) {
            var name = ContentFolder.baseName(file);
            var text = folder.read(file, problems);
            if (text == null) {
                continue;
            }
            var parsed = new AnswerFileParser(folder.relative(file), name, problems).parse(text);
            buttons.addAll(parsed.buttons());
            if (parsed.answer() != null) {
                answers.put(name, parsed.answer());
                answerFiles.put(name, folder.relative(file));
            }
        }
        var replies = new TreeMap<String, CannedReply>();
        if (!java.nio.file.Files.isDirectory(root.resolve(REPLIES))) {
            replies.putAll(BuiltInReplies.load(problems)); // no replies/ of its own: the starter ones from the jar
        }
        for (var file : folder.optionalFiles(REPLIES, problems, ".md")) {
            var text = folder.read(file, problems);
            var reply = text == null ? null : new ReplyFileParser(folder.relative(file), ContentFolder.baseName(file), problems).parse(text);
            if (reply != null) {
                replies.put(reply.shortcut(), reply);
            }
        }
        var messages = MessageBundles.load(folder, problems);
        checkDuplicates(examples, problems);
        for (var intent : intents.values()) {
            if (!intent.escalate() && !answers.containsKey(intent.name())) {
                problems.add(ContentProblem.error(folder.relative(root.resolve(INTENTS).resolve(intent.name() + ".yaml")), 1,
                        "intent '" + intent.name() + "' has no answer: add " + KNOWLEDGE_BASE + "/" + intent.name() + ".md"));
            }
        }
        answers.forEach((name, answer) -> {
            if (!intents.containsKey(name)) {
                problems.add(ContentProblem.error(answerFiles.get(name), 1,
                        "answer for an unknown intent '" + name + "': add " + INTENTS + "/" + name + ".yaml or remove this file"));
            }
        });
        for (var button : buttons) {
            if (!intents.containsKey(button.intent())) {
                problems.add(ContentProblem.error(button.file(), button.line(), "button names an unknown intent '" + button.intent() + "'"));
            } else if (intents.get(button.intent()).isOutOfScope()) {
                problems.add(ContentProblem.error(button.file(), button.line(), "a button cannot lead to '" + button.intent() + "'"));
            }
        }
        return new ContentLoad(new Content(intents, answers, messages, fingerprint(intents), replies), problems);
    }

    private static void checkDuplicates(List<IntentFileParser.ExampleAt> examples, List<ContentProblem> problems) {
        var seen = new HashMap<String, IntentFileParser.ExampleAt>();
        for (var example : examples) {
            var key = duplicateKey(example.text());
            if (key.isEmpty()) {
                problems.add(ContentProblem.error(example.file(), example.line(), "example '" + example.text() + "' has no words"));
                continue;
            }
            var first = seen.putIfAbsent(key, example);
            if (first != null) {
                problems.add(ContentProblem.error(example.file(), example.line(), "duplicate example '" + example.text()
                        + "' (already at " + first.file() + ":" + first.line() + ")"));
            }
        }
    }

    /** Two examples that differ only in case, «ё», punctuation or spacing teach the model nothing new. */
    static String duplicateKey(String text) {
        var builder = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (space && !builder.isEmpty()) {
                    builder.append(' ');
                }
                space = false;
                builder.appendCodePoint(cp == 'ё' || cp == 'Ё' ? 'е' : Character.toLowerCase(cp));
            } else {
                space = true;
            }
        }
        return builder.toString();
    }

    private static String fingerprint(Map<String, IntentDefinition> intents) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            intents.values().forEach(intent -> {
                digest.update(("#" + intent.name() + "\n").getBytes(StandardCharsets.UTF_8));
                for (var language : Language.values()) {
                    intent.examples(language).forEach(e -> digest.update((language.code() + "\t" + e + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
