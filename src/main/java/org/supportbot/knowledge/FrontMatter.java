package org.supportbot.knowledge;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The YAML front matter that opens an answer or a saved reply: the lines between a first {@code ---}
 * line and the next. Problems are reported with the file's line numbers (the YAML starts on line 2).
 */
final class FrontMatter {

    static final String FENCE = "---";

    private FrontMatter() {
    }

    /** Whether line index 0 opens front matter. */
    static boolean opens(List<String> lines) {
        return !lines.isEmpty() && lines.get(0).strip().equals(FENCE);
    }

    /** The index of the {@code ---} line closing the front matter, or -1 when it is not closed. */
    static int closingLine(List<String> lines) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(FENCE)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The front matter's keys and values, or null after reporting why not; a key not in {@code known} gets a
     * warning that it is ignored.
     *
     * @param notAMapping the error when the YAML is not {@code key: value} lines
     */
    static @Nullable Map<String, Node> entries(String yaml, Set<String> known, Path file, List<ContentProblem> problems,
            String notAMapping) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            error(file, problems, mark == null ? 2 : mark.getLine() + 2, "YAML syntax error in the front matter: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            error(file, problems, 2, "YAML syntax error in the front matter: " + e.getMessage());
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            error(file, problems, 2, notAMapping);
            return null;
        }
        var entries = Yamls.entries(mapping);
        var list = String.join(", ", new TreeSet<>(known));
        entries.forEach((key, value) -> {
            if (!known.contains(key)) {
                problems.add(ContentProblem.warning(file, Yamls.line(value, 2), "unknown key '" + key + "' is ignored (known keys: " + list + ")"));
            }
        });
        return entries;
    }

    private static void error(Path file, List<ContentProblem> problems, int line, String message) {
        problems.add(ContentProblem.error(file, Math.max(line, 1), message));
    }
}
