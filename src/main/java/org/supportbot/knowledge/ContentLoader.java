package org.supportbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code intents/} and {@code knowledge-base/} under a content folder and checks them as a
 * whole: duplicate examples across intents, intents without answers, answers without intents,
 * buttons naming unknown intents.
 */
final class ContentLoader {

    static final String INTENTS = "intents";
    static final String KNOWLEDGE_BASE = "knowledge-base";

    private final Path root;

    ContentLoader(Path root) {
        this.root = root;
    }

    ContentLoad load() {
        var problems = new ArrayList<ContentProblem>();
        var intents = new TreeMap<String, IntentDefinition>();
        var answers = new TreeMap<String, Answer>();
        var examples = new ArrayList<IntentFileParser.ExampleAt>();
        var buttons = new ArrayList<AnswerFileParser.ButtonAt>();
        var answerFiles = new HashMap<String, Path>();

        for (var file : files(INTENTS, problems, ".yaml", ".yml")) {
            var name = baseName(file);
            var text = read(file, problems);
            if (text == null) {
                continue;
            }
            var parsed = new IntentFileParser(relative(file), name, problems).parse(text);
            examples.addAll(parsed.examples());
            if (parsed.intent() != null) {
                intents.put(name, parsed.intent());
            }
        }
        for (var file : files(KNOWLEDGE_BASE, problems, ".md")) {
            var name = baseName(file);
            var text = read(file, problems);
            if (text == null) {
                continue;
            }
            var parsed = new AnswerFileParser(relative(file), name, problems).parse(text);
            buttons.addAll(parsed.buttons());
            if (parsed.answer() != null) {
                answers.put(name, parsed.answer());
                answerFiles.put(name, relative(file));
            }
        }
        checkDuplicates(examples, problems);
        for (var intent : intents.values()) {
            if (!intent.escalate() && !answers.containsKey(intent.name())) {
                problems.add(ContentProblem.error(relative(root.resolve(INTENTS).resolve(intent.name() + ".yaml")), 1,
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
        return new ContentLoad(new Content(intents, answers, fingerprint(intents)), problems);
    }

    private List<Path> files(String folder, List<ContentProblem> problems, String... extensions) {
        var dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            problems.add(ContentProblem.error(relative(dir), 0, "the folder '" + folder + "' is missing in " + root.toAbsolutePath().normalize()));
            return List.of();
        }
        try (Stream<Path> stream = Files.list(dir)) {
            var all = stream.filter(Files::isRegularFile).sorted().toList();
            var accepted = new ArrayList<Path>();
            for (var file : all) {
                var name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith("~")) {
                    continue; // editor swap and backup files
                }
                if (Stream.of(extensions).anyMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
                    accepted.add(file);
                } else {
                    problems.add(ContentProblem.warning(relative(file), 0, "ignored: only " + String.join(", ", extensions) + " files are read here"));
                }
            }
            return accepted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private String read(Path file, List<ContentProblem> problems) {
        try {
            var bytes = Files.readAllBytes(file);
            var text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.add(ContentProblem.error(relative(file), 1, "not UTF-8 text: save the file in UTF-8"));
        } catch (IOException e) {
            problems.add(ContentProblem.error(relative(file), 1, "cannot read: " + e.getMessage()));
        }
        return null;
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

    private Path relative(Path file) {
        try {
            return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return file;
        }
    }

    private static String baseName(Path file) {
        var name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
