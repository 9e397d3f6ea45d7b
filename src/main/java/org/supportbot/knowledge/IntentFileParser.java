package org.supportbot.knowledge;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one {@code intents/<name>.yaml}, reporting every problem with its line. */
final class IntentFileParser {

    static final String DEFAULT_QUEUE = "general";
    private static final Set<String> KEYS = Set.of("intent", "title", "queue", "threshold", "escalate", "examples");

    /** An example phrase and where it stands, for duplicate detection across files. */
    record ExampleAt(String text, Language language, Path file, int line) {
    }

    record Parsed(@Nullable IntentDefinition intent, List<ExampleAt> examples) {
    }

    private final Path file;
    private final String expectedName;
    private final List<ContentProblem> problems;

    IntentFileParser(Path file, String expectedName, List<ContentProblem> problems) {
        this.file = file;
        this.expectedName = expectedName;
        this.problems = problems;
    }

    Parsed parse(String text) {
        if (text.isBlank()) {
            problems.add(ContentProblem.error(file, 1, "the file is empty; an intent needs 'intent:' and 'examples:'"));
            return new Parsed(null, List.of());
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            problems.add(ContentProblem.error(file, line, "YAML syntax error: " + e.getProblem()));
            return new Parsed(null, List.of());
        } catch (YAMLException e) {
            problems.add(ContentProblem.error(file, 1, "YAML syntax error: " + e.getMessage()));
            return new Parsed(null, List.of());
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(ContentProblem.error(file, root == null ? 1 : Yamls.line(root, 1),
                    "expected keys such as 'intent:' and 'examples:' at the top level"));
            return new Parsed(null, List.of());
        }
        return read(mapping);
    }

    private Parsed read(MappingNode mapping) {
        var entries = Yamls.entries(mapping);
        for (var key : entries.keySet()) {
            if (!KEYS.contains(key)) {
                warn(entries.get(key), "unknown key '" + key + "' is ignored (known keys: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        var name = readName(entries.get("intent"), mapping);
        var titles = readTitles(entries.get("title"));
        var queue = entries.containsKey("queue") ? readQueue(entries.get("queue")) : DEFAULT_QUEUE;
        var threshold = readThreshold(entries.get("threshold"));
        var escalate = readEscalate(entries.get("escalate"));
        var examples = readExamples(entries.get("examples"), mapping);

        if (name == null) {
            return new Parsed(null, examples);
        }
        var perLanguage = new EnumMap<Language, List<String>>(Language.class);
        for (var example : examples) {
            perLanguage.computeIfAbsent(example.language(), l -> new ArrayList<>()).add(example.text());
        }
        if (examples.isEmpty() && !escalate) {
            problems.add(ContentProblem.error(file, Yamls.line(mapping, 1), "intent '" + name + "' has no examples to learn from"));
        }
        for (var language : Language.values()) {
            if (!examples.isEmpty() && perLanguage.getOrDefault(language, List.of()).size() < 5) {
                problems.add(ContentProblem.warning(file, Yamls.line(mapping, 1), "fewer than 5 " + language.code()
                        + " examples: the bot will hardly recognise this intent in " + language.code()));
            }
            if (!titles.containsKey(language)) {
                problems.add(ContentProblem.warning(file, Yamls.line(mapping, 1), "no " + language.code()
                        + " title: buttons will show '" + name + "'"));
            }
        }
        return new Parsed(new IntentDefinition(name, titles, queue == null ? DEFAULT_QUEUE : queue, threshold, escalate, perLanguage), examples);
    }

    private @Nullable String readName(@Nullable Node node, MappingNode mapping) {
        if (node == null) {
            error(mapping, "missing 'intent:' (the intent's name, e.g. 'intent: " + expectedName + "')");
            return null;
        }
        var name = Yamls.scalar(node).orElse(null);
        if (name == null || !IntentDefinition.NAME.matcher(name).matches()) {
            error(node, "'intent' must be a name of lower case letters, digits and underscores, like 'order_status'");
            return null;
        }
        if (!name.equals(expectedName)) {
            error(node, "intent '" + name + "' is in a file named '" + expectedName + ".yaml'; name the file after the intent");
            return null;
        }
        return name;
    }

    private Map<Language, String> readTitles(@Nullable Node node) {
        var titles = new EnumMap<Language, String>(Language.class);
        if (node == null) {
            return titles;
        }
        if (!(node instanceof MappingNode mapping)) {
            error(node, "'title' must map languages to labels, e.g. 'ru: Где мой заказ'");
            return titles;
        }
        Yamls.entries(mapping).forEach((code, value) -> {
            var language = Language.fromCode(code);
            var label = Yamls.scalar(value).map(String::strip).orElse("");
            if (language.isEmpty()) {
                error(value, "unknown language '" + code + "' in 'title' (use ru or en)");
            } else if (label.isEmpty()) {
                error(value, "the " + code + " title is empty");
            } else {
                titles.put(language.get(), label);
            }
        });
        return titles;
    }

    private @Nullable String readQueue(Node node) {
        var queue = Yamls.scalar(node).map(String::strip).orElse("");
        if (!IntentDefinition.NAME.matcher(queue).matches()) {
            error(node, "'queue' must be a queue name such as 'payments' or 'delivery'");
            return null;
        }
        return queue;
    }

    private @Nullable Double readThreshold(@Nullable Node node) {
        if (node == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(Yamls.scalar(node).orElse("x"));
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        error(node, "'threshold' must be a number between 0 and 1, like 0.6");
        return null;
    }

    private boolean readEscalate(@Nullable Node node) {
        if (node == null) {
            return false;
        }
        var value = Yamls.scalar(node).orElse("");
        if (!value.equals("true") && !value.equals("false")) {
            error(node, "'escalate' must be true or false");
            return false;
        }
        return Boolean.parseBoolean(value);
    }

    private List<ExampleAt> readExamples(@Nullable Node node, MappingNode mapping) {
        var examples = new ArrayList<ExampleAt>();
        if (node == null) {
            error(mapping, "missing 'examples:' with 'ru:' and 'en:' lists of phrases");
            return examples;
        }
        if (!(node instanceof MappingNode byLanguage)) {
            error(node, "'examples' must have 'ru:' and 'en:' lists of phrases");
            return examples;
        }
        Yamls.entries(byLanguage).forEach((code, value) -> {
            var language = Language.fromCode(code);
            if (language.isEmpty()) {
                error(value, "unknown language '" + code + "' in 'examples' (use ru or en)");
                return;
            }
            var items = Yamls.scalars(value);
            if (items.isEmpty()) {
                error(value, "'" + code + "' examples must be a list of phrases, one '- phrase' per line");
                return;
            }
            for (var item : items.get()) {
                var phrase = item.getValue().strip();
                if (phrase.isEmpty()) {
                    error(item, "empty example");
                } else {
                    examples.add(new ExampleAt(phrase, language.get(), file, Yamls.line(item, 1)));
                }
            }
        });
        return examples;
    }

    private void error(Node node, String message) {
        problems.add(ContentProblem.error(file, Yamls.line(node, 1), message));
    }

    private void warn(Node node, String message) {
        problems.add(ContentProblem.warning(file, Yamls.line(node, 1), message));
    }
}
