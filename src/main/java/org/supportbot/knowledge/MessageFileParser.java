package org.supportbot.knowledge;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one {@code messages/*.yaml}: message keys at the top, under each a text or a list of texts
 * per language. Reports every problem with its line; a message with a problem is left out.
 */
final class MessageFileParser {

    /** A message's texts and the line of its key, to name both places of a message defined twice. */
    record Parsed(Map<Language, List<MessageTemplate>> texts, int line) {
    }

    private static final Pattern UNQUOTED_BRACE = Pattern.compile("^\\s*(-|[a-z]{2}:)\\s*\\{");

    private final Path file;
    private final List<ContentProblem> problems;

    MessageFileParser(Path file, List<ContentProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    Map<MessageKey, Parsed> parse(String text) {
        var messages = new LinkedHashMap<MessageKey, Parsed>();
        if (text.isBlank()) {
            problems.add(ContentProblem.warning(file, 1, "the file is empty"));
            return messages;
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            error(line, "YAML syntax error: " + e.getProblem() + hint(text, e));
            return messages;
        } catch (YAMLException e) {
            error(1, "YAML syntax error: " + e.getMessage());
            return messages;
        }
        if (root == null) {
            problems.add(ContentProblem.warning(file, 1, "the file has only comments"));
            return messages;
        }
        if (!(root instanceof MappingNode mapping)) {
            error(Yamls.line(root, 1), "expected messages by name at the top level, like 'start:'");
            return messages;
        }
        var lines = new LinkedHashMap<String, Integer>();
        for (var tuple : mapping.getValue()) {
            int line = Yamls.line(tuple.getKeyNode(), 1);
            var name = Yamls.scalar(tuple.getKeyNode()).orElse("");
            var first = lines.putIfAbsent(name, line);
            if (first != null) {
                error(line, "message '" + name + "' is already at line " + first);
                continue;
            }
            var key = MessageKey.fromKey(name).orElse(null);
            if (key == null) {
                error(line, "unknown message '" + name + "': the bot has no message by that name (check the spelling)");
                continue;
            }
            var texts = readMessage(key, tuple.getValueNode(), line);
            if (texts != null) {
                messages.put(key, new Parsed(texts, line));
            }
        }
        return messages;
    }

    private @Nullable Map<Language, List<MessageTemplate>> readMessage(MessageKey key, Node node, int line) {
        if (!(node instanceof MappingNode mapping)) {
            error(Yamls.line(node, 1), "'" + key.key() + "' needs its texts by language, 'ru:' and 'en:' on the lines below it");
            return null;
        }
        int before = errors();
        var texts = new EnumMap<Language, List<MessageTemplate>>(Language.class);
        Yamls.entries(mapping).forEach((code, value) -> {
            var language = Language.fromCode(code).orElse(null);
            if (language == null) {
                error(Yamls.line(value, 1), "unknown language '" + code + "' in '" + key.key() + "' (use ru or en)");
            } else {
                texts.put(language, readTexts(key, language, value));
            }
        });
        for (var language : Language.values()) {
            if (!texts.containsKey(language)) {
                error(line, "'" + key.key() + "' has no " + language.code() + " text: customers writing in "
                        + language.code() + " would get none");
            }
        }
        return errors() == before ? texts : null;
    }

    private List<MessageTemplate> readTexts(MessageKey key, Language language, Node node) {
        var items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        var where = "'" + key.key() + "' (" + language.code() + ")";
        if (items.isEmpty()) {
            error(Yamls.line(node, 1), where + " has no text");
        } else if (key.single() && items.size() > 1) {
            error(Yamls.line(node, 1), where + " takes exactly one text, not " + items.size() + ": it is a label or a word");
        }
        var texts = new ArrayList<MessageTemplate>();
        for (var item : items) {
            int line = Yamls.line(item, 1);
            if (item instanceof MappingNode) {
                error(line, where + ": a text that starts with '{' must be in quotes, like \"{name}, hello!\"");
            } else if (!(item instanceof ScalarNode scalar)) {
                error(line, where + ": expected a text, found a list");
            } else if (scalar.getValue().isBlank()) {
                error(line, "empty text in " + where);
            } else {
                var messages = new ArrayList<String>();
                var template = MessageTemplateParser.parse(scalar.getValue(), key.placeholders(), language, messages);
                messages.forEach(message -> error(line, where + ": " + message));
                if (template != null) {
                    texts.add(template);
                }
            }
        }
        if (!texts.isEmpty() && texts.stream().allMatch(text -> text.uses("name"))) {
            error(Yamls.line(node, 1), "every " + language.code() + " text of '" + key.key()
                    + "' uses {name}; add one without it for customers whose name is unknown");
        }
        return texts;
    }

    /** The usual cause: a text starting with a placeholder, which YAML reads as the start of a mapping. */
    private static String hint(String text, MarkedYAMLException e) {
        var lines = text.lines().toList();
        for (var mark : new org.yaml.snakeyaml.error.Mark[] {e.getContextMark(), e.getProblemMark()}) {
            if (mark != null && mark.getLine() < lines.size() && UNQUOTED_BRACE.matcher(lines.get(mark.getLine())).find()) {
                return " (a text that starts with '{' must be in quotes, like \"{name}, hello!\")";
            }
        }
        return "";
    }

    private int errors() {
        return (int) problems.stream().filter(ContentProblem::isError).count();
    }

    private void error(int line, String message) {
        problems.add(ContentProblem.error(file, line, message));
    }
}
