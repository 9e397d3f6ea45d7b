package org.supportbot.actions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.ContentProblem;
import org.supportbot.knowledge.Language;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reading values out of an action file's YAML nodes, each problem reported at its line. */
final class ActionYaml {

    private final Path file;
    private final List<ContentProblem> problems;

    ActionYaml(Path file, List<ContentProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    void error(@Nullable Node node, String message) {
        problems.add(new ContentProblem(file, node == null ? 1 : line(node), ContentProblem.Severity.ERROR, message));
    }

    void warn(Node node, String message) {
        problems.add(new ContentProblem(file, line(node), ContentProblem.Severity.WARNING, message));
    }

    /** The entries of a mapping, warning about keys outside {@code known}; null (with an error) when it is not a mapping. */
    @Nullable Map<String, Node> mapping(Node node, String what, Set<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, "'" + what + "' must be a set of keys (" + String.join(", ", known.stream().sorted().toList()) + ")");
            return null;
        }
        var entries = new LinkedHashMap<String, Node>();
        for (var tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                if (!known.isEmpty() && !known.contains(key.getValue())) {
                    warn(key, "unknown key '" + key.getValue() + "' in '" + what + "' is ignored (known keys: "
                            + String.join(", ", known.stream().sorted().toList()) + ")");
                }
                entries.put(key.getValue(), tuple.getValueNode());
            }
        }
        return entries;
    }

    @Nullable String text(@Nullable Node node, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
            return scalar.getValue();
        }
        error(node, "'" + what + "' must be a text");
        return null;
    }

    /** {@code ru: text} or {@code ru: [variation, …]} for each language; empty (with an error) when malformed. */
    StoreAction.Texts texts(Node node, String what) {
        var byLanguage = mapping(node, what, Set.of("ru", "en"));
        var variations = new EnumMap<Language, List<String>>(Language.class);
        if (byLanguage == null) {
            return StoreAction.Texts.NONE;
        }
        byLanguage.forEach((code, value) -> {
            var language = Language.fromCode(code);
            if (language.isEmpty()) {
                return;
            }
            var list = new ArrayList<String>();
            if (value instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                list.add(scalar.getValue().strip());
            } else if (value instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
                for (var item : sequence.getValue()) {
                    if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                        list.add(scalar.getValue().strip());
                    } else {
                        error(item, "each variation of '" + what + "." + code + "' must be a text");
                    }
                }
            } else {
                error(value, "'" + what + "." + code + "' must be a text or a list of texts");
            }
            variations.put(language.get(), list);
        });
        for (var language : Language.values()) {
            if (!variations.containsKey(language)) {
                error(node, "'" + what + "' has no text in '" + language.code() + "'");
            }
        }
        return new StoreAction.Texts(variations);
    }

    /** The scalar items of a list; empty (with an error) otherwise. */
    List<String> list(Node node, String what) {
        var items = new ArrayList<String>();
        if (node instanceof SequenceNode sequence) {
            for (var item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    items.add(scalar.getValue());
                } else {
                    error(item, "each item of '" + what + "' must be a name");
                }
            }
        } else {
            error(node, "'" + what + "' must be a list, like [delivery_info, human_operator]");
        }
        return items;
    }

    int number(@Nullable Node node, String what, int fallback, int min, int max) {
        if (node == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(node instanceof ScalarNode scalar ? scalar.getValue().strip() : "");
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(node, "'" + what + "' must be a whole number from " + min + " to " + max);
        return fallback;
    }

    void errorAt(int line, String message) {
        problems.add(new ContentProblem(file, line, ContentProblem.Severity.ERROR, message));
    }
}
