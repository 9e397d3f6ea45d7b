package org.supportbot.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one {@code replies/<shortcut>.md}: YAML front matter ({@code shortcut}, {@code title}),
 * then {@code ## ru} / {@code ## en} sections as in {@code knowledge-base/}, checked the same way.
 */
final class ReplyFileParser {

    private static final Set<String> KEYS = Set.of("shortcut", "title");
    static final Pattern SHORTCUT = Pattern.compile("[a-z0-9_]{1,32}");

    private final Path file;
    private final String expectedName;
    private final List<ContentProblem> problems;

    ReplyFileParser(Path file, String expectedName, List<ContentProblem> problems) {
        this.file = file;
        this.expectedName = expectedName;
        this.problems = problems;
    }

    @Nullable CannedReply parse(String text) {
        var lines = text.lines().toList();
        if (!FrontMatter.opens(lines)) {
            error(1, "the file must start with front matter: a '---' line, 'shortcut: " + expectedName + "', 'title: …' and another '---' line");
            return null;
        }
        int close = FrontMatter.closingLine(lines);
        if (close < 0) {
            error(1, "the front matter is not closed: add a '---' line after it");
            return null;
        }
        var frontMatter = readFrontMatter(String.join("\n", lines.subList(1, close)));
        var variations = new AnswerFileParser(file, expectedName, problems, CannedReply.PLACEHOLDERS).readSections(lines, close + 1);
        return frontMatter == null ? null : new CannedReply(expectedName, frontMatter, variations);
    }

    /** The title, when the front matter is right. */
    private @Nullable String readFrontMatter(String yaml) {
        var entries = FrontMatter.entries(yaml, KEYS, file, problems, "the front matter needs 'shortcut: " + expectedName + "' and 'title: …'");
        if (entries == null) {
            return null;
        }
        if (!SHORTCUT.matcher(expectedName).matches()) {
            error(1, "the file name '" + expectedName + "' is not a shortcut: use up to 32 lower-case letters a-z, digits or '_'");
            return null;
        }
        var shortcutNode = entries.get("shortcut");
        var shortcut = shortcutNode == null ? null : Yamls.scalar(shortcutNode).map(String::strip).orElse(null);
        if (shortcut == null) {
            error(2, "the front matter needs 'shortcut: " + expectedName + "'");
            return null;
        }
        if (!shortcut.equals(expectedName)) {
            error(Yamls.line(shortcutNode, 2), "the shortcut is '" + shortcut + "' but the file is named '" + expectedName
                    + ".md'; name the file after the shortcut");
            return null;
        }
        var titleNode = entries.get("title");
        var title = titleNode == null ? null : Yamls.scalar(titleNode).map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (title == null) {
            error(titleNode == null ? 2 : Yamls.line(titleNode, 2), "the front matter needs a 'title:' saying what the reply is for");
            return null;
        }
        return title;
    }

    private void error(int line, String message) {
        problems.add(ContentProblem.error(file, Math.max(line, 1), message));
    }
}
