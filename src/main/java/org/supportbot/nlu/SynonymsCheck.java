package org.supportbot.nlu;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.supportbot.knowledge.ContentProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Checks the editors' {@code synonyms.yaml} for {@code validate}: every entry the bot would ignore
 * or misread is reported as {@code synonyms.yaml:line: what is wrong}. The bot itself skips such
 * entries (and logs them) rather than refusing to start, so these are errors only for the editors'
 * check, where they are cheap to fix.
 */
public final class SynonymsCheck {

    private SynonymsCheck() {
    }

    /** The problems of {@code synonyms.yaml} in a content folder; none when there is no such file. */
    public static List<ContentProblem> problems(Path contentDir) {
        var file = Path.of(Synonyms.FILE);
        String text;
        try {
            text = Files.readString(contentDir.resolve(Synonyms.FILE));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of(error(file, 0, "cannot be read: " + e.getMessage()));
        }
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            return List.of(error(file, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + e.getProblem()));
        } catch (RuntimeException e) {
            return List.of(error(file, 0, "not valid YAML: " + e.getMessage()));
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode mapping)) {
            return List.of(error(file, line(root), "must be 'phrase: what to read instead' entries, one per line"));
        }
        return check(file, mapping);
    }

    private static List<ContentProblem> check(Path file, MappingNode mapping) {
        var problems = new ArrayList<ContentProblem>();
        var seen = new HashMap<String, Integer>();
        var replacements = new ArrayList<String[]>();
        for (var tuple : mapping.getValue()) {
            int line = line(tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || !(tuple.getValueNode() instanceof ScalarNode value)) {
                problems.add(error(file, line, "write one 'phrase: what to read instead' per line (no lists or nested entries)"));
                continue;
            }
            var phrase = TextNormalizer.tokens(key.getValue());
            var replacement = TextNormalizer.tokens(value.getValue());
            if (phrase.length == 0) {
                problems.add(error(file, line, "'" + key.getValue() + "' has no words to replace"));
            } else if (phrase.length > Synonyms.LONGEST) {
                problems.add(error(file, line, "'" + key.getValue() + "' has " + phrase.length
                        + " words; a phrase may have 1 to " + Synonyms.LONGEST));
            } else if (replacement.length == 0) {
                problems.add(error(file, line, "'" + key.getValue() + "' has nothing to read instead; write the words after the colon"));
            } else {
                var joined = String.join(" ", phrase);
                var earlier = seen.putIfAbsent(joined, line);
                if (earlier != null) {
                    problems.add(error(file, line, "'" + joined + "' is already listed on line " + earlier));
                } else if (joined.equals(String.join(" ", replacement))) {
                    problems.add(warning(file, line, "'" + joined + "' is replaced by itself; the line does nothing"));
                }
                replacements.add(new String[] {joined, String.join(" ", replacement), String.valueOf(line)});
            }
        }
        for (var entry : replacements) {
            for (var word : entry[1].split(" ")) {
                if (!word.equals(entry[0]) && seen.containsKey(word)) {
                    problems.add(warning(file, Integer.parseInt(entry[2]), "'" + entry[0] + "' is replaced by '" + entry[1]
                            + "', but '" + word + "' is itself replaced (line " + seen.get(word)
                            + ") and replacements are not applied twice: write the final words"));
                    break;
                }
            }
        }
        return problems;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static ContentProblem error(Path file, int line, String message) {
        return new ContentProblem(file, line, ContentProblem.Severity.ERROR, message);
    }

    private static ContentProblem warning(Path file, int line, String message) {
        return new ContentProblem(file, line, ContentProblem.Severity.WARNING, message);
    }
}
