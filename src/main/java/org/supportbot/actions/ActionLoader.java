package org.supportbot.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.supportbot.knowledge.ContentProblem;

/**
 * Reads {@code actions/*.yaml} under a content folder, or the starter actions built into the jar
 * when the folder has no {@code actions/} (those whose intent the content lacks are left out),
 * and checks them against the intents.
 */
final class ActionLoader {

    static final String FOLDER = "actions";
    /** The built-in files; a classpath folder cannot be listed inside a jar. */
    static final List<String> BUILT_IN = List.of("order_status.yaml", "order_cancel.yaml");

    private ActionLoader() {
    }

    static ActionLoad load(Path root, Set<String> intents) {
        var problems = new ArrayList<ContentProblem>();
        var actions = new TreeMap<String, StoreAction>();
        var dir = root.resolve(FOLDER);
        if (Files.isDirectory(dir)) {
            for (var file : files(root, dir, problems)) {
                var relative = relative(root, file);
                var text = read(file, relative, problems);
                var name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                var action = text == null ? null : new ActionFileParser(relative, name, problems).parse(text);
                if (action != null) {
                    add(action, intents, actions, problems);
                }
            }
        } else {
            for (var name : BUILT_IN) {
                var action = new ActionFileParser(Path.of(FOLDER, name), name.replace(".yaml", ""), problems).parse(builtIn(name));
                if (action != null && intents.contains(action.intent())) {
                    actions.put(action.name(), action);
                }
            }
        }
        return new ActionLoad(actions, problems);
    }

    private static void add(StoreAction action, Set<String> intents, TreeMap<String, StoreAction> actions, List<ContentProblem> problems) {
        if (!intents.contains(action.intent())) {
            problems.add(new ContentProblem(action.file(), 1, ContentProblem.Severity.ERROR,
                    "the action names an unknown intent '" + action.intent() + "': add intents/" + action.intent() + ".yaml or fix 'intent:'"));
            return;
        }
        var other = actions.values().stream().filter(a -> a.intent().equals(action.intent())).findFirst();
        if (other.isPresent()) {
            problems.add(new ContentProblem(action.file(), 1, ContentProblem.Severity.ERROR,
                    "intent '" + action.intent() + "' already starts the action in " + other.get().file() + ": one action per intent"));
            return;
        }
        for (var button : action.buttons()) {
            if (!intents.contains(button)) {
                problems.add(new ContentProblem(action.file(), 1, ContentProblem.Severity.ERROR, "button names an unknown intent '" + button + "'"));
            }
        }
        actions.put(action.name(), action);
    }

    private static List<Path> files(Path root, Path dir, List<ContentProblem> problems) {
        try (Stream<Path> stream = Files.list(dir)) {
            var accepted = new ArrayList<Path>();
            for (var file : stream.filter(Files::isRegularFile).sorted().toList()) {
                var name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith("~")) {
                    continue; // editors' swap and backup files
                }
                var lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                    accepted.add(file);
                } else {
                    problems.add(new ContentProblem(relative(root, file), 0, ContentProblem.Severity.WARNING, "ignored: only .yaml files are read here"));
                }
            }
            return accepted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static @org.jspecify.annotations.Nullable String read(Path file, Path relative, List<ContentProblem> problems) {
        try {
            var text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.add(new ContentProblem(relative, 1, ContentProblem.Severity.ERROR, "not UTF-8 text: save the file in UTF-8"));
        } catch (IOException e) {
            problems.add(new ContentProblem(relative, 1, ContentProblem.Severity.ERROR, "cannot read: " + e.getMessage()));
        }
        return null;
    }

    private static String builtIn(String name) {
        try (InputStream in = ActionLoader.class.getResourceAsStream("/" + FOLDER + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in action /" + FOLDER + "/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path relative(Path root, Path file) {
        try {
            return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return file;
        }
    }

    static HashMap<String, StoreAction> byIntent(ActionLoad load) {
        var map = new HashMap<String, StoreAction>();
        load.actions().values().forEach(a -> map.put(a.intent(), a));
        return map;
    }
}
