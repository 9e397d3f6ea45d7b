package org.supportbot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the bot's wording comes from: the texts built into the jar ({@code /messages/*.yaml} on the
 * classpath), each replaced by the same message from the content folder's {@code messages/} when
 * that defines it. A content folder without {@code messages/} speaks the built-in texts, so that a
 * deployment or a test needs no copy of them.
 */
final class MessageBundles {

    static final String FOLDER = "messages";
    /** The built-in files; a classpath folder cannot be listed inside a jar. */
    private static final List<String> BUILT_IN = List.of("bot.yaml", "operators.yaml");

    private MessageBundles() {
    }

    /** The built-in texts, read once. */
    static Messages defaults() {
        return Defaults.MESSAGES;
    }

    /** The built-in texts overridden by the folder's, message by message; problems are added. */
    static Messages load(ContentFolder folder, List<ContentProblem> problems) {
        var files = folder.optionalFiles(FOLDER, problems, ".yaml", ".yml");
        var texts = new EnumMap<MessageKey, Map<Language, List<MessageTemplate>>>(MessageKey.class);
        var places = new HashMap<MessageKey, String>();
        for (var file : files) {
            var text = folder.read(file, problems);
            if (text == null) {
                continue;
            }
            var relative = folder.relative(file);
            new MessageFileParser(relative, problems).parse(text).forEach((key, parsed) -> {
                var first = places.putIfAbsent(key, relative + ":" + parsed.line());
                if (first != null) {
                    problems.add(ContentProblem.error(relative, parsed.line(), "message '" + key.key() + "' is also at " + first));
                } else {
                    texts.put(key, parsed.texts());
                }
            });
        }
        if (!files.isEmpty()) {
            var absent = Stream.of(MessageKey.values()).filter(key -> !places.containsKey(key)).map(MessageKey::key).toList();
            if (!absent.isEmpty()) {
                problems.add(ContentProblem.warning(folder.relative(folder.root().resolve(FOLDER)), 0,
                        "the built-in texts are used for messages not in these files: " + String.join(", ", absent)));
            }
        }
        var merged = new EnumMap<MessageKey, Map<Language, List<MessageTemplate>>>(MessageKey.class);
        for (var key : MessageKey.values()) {
            merged.put(key, texts.containsKey(key) ? texts.get(key) : byLanguage(defaults(), key));
        }
        return new Messages(merged);
    }

    private static Map<Language, List<MessageTemplate>> byLanguage(Messages messages, MessageKey key) {
        var byLanguage = new EnumMap<Language, List<MessageTemplate>>(Language.class);
        for (var language : Language.values()) {
            byLanguage.put(language, messages.variations(key, language));
        }
        return byLanguage;
    }

    /** Reads the built-in files; any problem in them is a bug in the build, not an editor's mistake. */
    static Messages readBuiltIn() {
        var problems = new ArrayList<ContentProblem>();
        var texts = new EnumMap<MessageKey, Map<Language, List<MessageTemplate>>>(MessageKey.class);
        for (var name : BUILT_IN) {
            var path = Path.of(FOLDER, name);
            new MessageFileParser(path, problems).parse(resource(name)).forEach((key, parsed) -> {
                if (texts.putIfAbsent(key, parsed.texts()) != null) {
                    problems.add(ContentProblem.error(path, parsed.line(), "message '" + key.key() + "' is defined twice"));
                }
            });
        }
        var missing = Stream.of(MessageKey.values()).filter(key -> !texts.containsKey(key)).map(MessageKey::key).toList();
        if (!problems.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("The built-in messages are broken (missing: " + missing + "):\n"
                    + problems.stream().map(ContentProblem::toString).collect(Collectors.joining("\n")));
        }
        return new Messages(texts);
    }

    private static String resource(String name) {
        try (InputStream in = MessageBundles.class.getResourceAsStream("/" + FOLDER + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in messages file /" + FOLDER + "/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holder: the built-in texts are read on first use, once. */
    private static final class Defaults {
        static final Messages MESSAGES = readBuiltIn();
    }
}
