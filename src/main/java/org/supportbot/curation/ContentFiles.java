package org.supportbot.curation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.supportbot.knowledge.Language;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Small, diff-friendly edits of the content files. Adding examples inserts one {@code - phrase}
 * line per phrase after the last example of the language's list, leaving every other byte —
 * comments, order, quoting, line endings — as it was; the edited file is parsed again and must
 * hold exactly the old examples plus the new ones, or nothing is written. New intents are written
 * in the style of the existing files. Files are replaced atomically (a temporary file, then a
 * move), so the content watcher never reads half a file.
 */
final class ContentFiles {

    static final String INTENTS = "intents";
    static final String KNOWLEDGE_BASE = "knowledge-base";
    private static final Pattern EXAMPLES_KEY = Pattern.compile("^examples:\\s*(#.*)?$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?!name})([^}]*)}");

    private final Path root;

    ContentFiles(Path root) {
        this.root = root;
    }

    /** The intent's file, {@code intents/<name>.yaml} (or {@code .yml}). */
    Path intentFile(String intent) {
        var yml = root.resolve(INTENTS).resolve(intent + ".yml");
        return Files.exists(yml) && !Files.exists(root.resolve(INTENTS).resolve(intent + ".yaml")) ? yml : root.resolve(INTENTS).resolve(intent + ".yaml");
    }

    Path answerFile(String intent) {
        return root.resolve(KNOWLEDGE_BASE).resolve(intent + ".md");
    }

    String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Appends phrases to the intent's {@code examples.<language>} list.
     *
     * @throws IllegalArgumentException when the file has no {@code examples:} block this can edit safely
     */
    void addExamples(String intent, Language language, List<String> phrases) {
        var file = intentFile(intent);
        var text = read(file);
        var edited = withExamples(text, language, phrases);
        check(text, edited, language, phrases, file);
        write(file, edited);
    }

    /** The file's text with the phrases added to the language's examples. */
    static String withExamples(String text, Language language, List<String> phrases) {
        var newline = text.contains("\r\n") ? "\r\n" : "\n";
        var lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        int examples = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (EXAMPLES_KEY.matcher(lines.get(i)).matches()) {
                examples = i;
                break;
            }
        }
        if (examples < 0) {
            throw new IllegalArgumentException("no top-level 'examples:' block to add to");
        }
        // The block: indented, blank or comment lines after 'examples:'.
        int blockEnd = examples;
        int keyIndent = -1;
        int languageKey = -1;
        var languagePattern = Pattern.compile("^(\\s+)" + language.code() + ":\\s*(.*)$");
        for (int i = examples + 1; i < lines.size(); i++) {
            var line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int indent = indent(line);
            if (indent == 0) {
                break;
            }
            blockEnd = i;
            var match = languagePattern.matcher(line);
            if (keyIndent < 0 && !line.stripLeading().startsWith("-")) {
                keyIndent = indent;
            }
            if (match.matches() && indent == keyIndent) {
                var rest = match.group(2).strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    throw new IllegalArgumentException("the '" + language.code() + "' examples are not a '- phrase' list; add these by hand");
                }
                languageKey = i;
            }
        }
        int keys = keyIndent < 0 ? 2 : keyIndent;
        var added = new ArrayList<String>();
        if (languageKey < 0) {
            added.add(" ".repeat(keys) + language.code() + ":");
            phrases.forEach(p -> added.add(" ".repeat(keys + 2) + "- " + yamlScalar(p)));
            lines.addAll(blockEnd + 1, added);
        } else {
            int itemIndent = -1;
            int last = languageKey;
            for (int i = languageKey + 1; i < lines.size(); i++) {
                var line = lines.get(i);
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                int indent = indent(line);
                if (indent <= keys) {
                    break;
                }
                if (itemIndent < 0 && line.stripLeading().startsWith("-")) {
                    itemIndent = indent;
                }
                last = i;
            }
            int items = itemIndent < 0 ? keys + 2 : itemIndent;
            phrases.forEach(p -> added.add(" ".repeat(items) + "- " + yamlScalar(p)));
            lines.addAll(last + 1, added);
        }
        return String.join(newline, lines);
    }

    /** Parses both versions: the edit must add exactly these phrases to this list and change nothing else. */
    private static void check(String before, String after, Language language, List<String> phrases, Path file) {
        var old = load(before);
        var now = load(after);
        var expected = new ArrayList<>(examples(old, language));
        expected.addAll(phrases);
        if (!expected.equals(examples(now, language))) {
            throw new IllegalStateException("could not add the examples to " + file + " safely (unusual layout); add them by hand");
        }
        now.put("examples", null);
        old.put("examples", null);
        if (!Objects.equals(old, now)) {
            throw new IllegalStateException("adding examples would change more than the examples in " + file + "; add them by hand");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String text) {
        Object root = new Yaml(new LoaderOptions()).load(text);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not an intent file");
        }
        return new java.util.LinkedHashMap<>((Map<String, Object>) map);
    }

    private static List<String> examples(Map<String, Object> intent, Language language) {
        if (intent.get("examples") instanceof Map<?, ?> byLanguage && byLanguage.get(language.code()) instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /**
     * Writes a new intent and its answer in the style of the existing files.
     *
     * @throws IllegalArgumentException when either file exists
     */
    List<Path> createIntent(String name, String comment, Language language, String title, List<String> phrases, String answer) {
        var intentFile = root.resolve(INTENTS).resolve(name + ".yaml");
        var answerFile = answerFile(name);
        if (Files.exists(intentFile) || Files.exists(root.resolve(INTENTS).resolve(name + ".yml")) || Files.exists(answerFile)) {
            throw new IllegalArgumentException("intent '" + name + "' exists already: pick another name, or accept the phrases into it");
        }
        var yaml = new StringBuilder();
        yaml.append("# ").append(EditorText.clean(comment)).append('\n');
        yaml.append("intent: ").append(name).append('\n');
        yaml.append("title:\n  ").append(language.code()).append(": ").append(yamlScalar(title)).append('\n');
        yaml.append("queue: general\n");
        yaml.append("examples:\n  ").append(language.code()).append(":\n");
        phrases.forEach(p -> yaml.append("    - ").append(yamlScalar(p)).append('\n'));
        var draft = markdown(answer);
        var md = new StringBuilder("---\nintent: ").append(name).append("\n---\n");
        for (var section : Language.values()) {
            md.append("## ").append(section.code()).append("\n\n").append(draft).append("\n\n");
        }
        write(intentFile, yaml.toString());
        write(answerFile, md.toString().stripTrailing() + "\n");
        return List.of(intentFile, answerFile);
    }

    /** An answer as a variation of a Markdown section: no lines the answer format reads as structure. */
    static String markdown(String answer) {
        var out = new ArrayList<String>();
        for (var line : answer.strip().split("\r?\n")) {
            var stripped = line.strip();
            if (stripped.equals("---")) {
                line = "—";
            } else if (stripped.startsWith("#")) {
                line = line.replaceFirst("#+\\s*", "");
            }
            out.add(PLACEHOLDER.matcher(line.replaceAll("\\p{Cntrl}", " ").stripTrailing()).replaceAll("($1)"));
        }
        var text = String.join("\n", out).replaceAll("\n{3,}", "\n\n").strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the answer is empty");
        }
        return text;
    }

    /**
     * One line of YAML for a phrase: plain when YAML reads it back as the same string, else in
     * double quotes with escapes. Line breaks and control characters never get through.
     */
    static String yamlScalar(String text) {
        var oneLine = EditorText.clean(text);
        if (!oneLine.isEmpty() && !oneLine.contains("\"") && !oneLine.contains("\\")) {
            try {
                Object read = new Yaml(new LoaderOptions()).load("- " + oneLine);
                if (read instanceof List<?> list && list.size() == 1 && oneLine.equals(list.get(0))) {
                    return oneLine;
                }
            } catch (RuntimeException e) {
                // not plain: quoted below
            }
        }
        return "\"" + oneLine.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Two phrases that differ only in case, «ё», punctuation or spacing are one example (as the content check sees it). */
    static String sameWords(String text) {
        var words = text.toLowerCase(Locale.ROOT).replace('ё', 'е').split("[^\\p{L}\\p{N}]+");
        return String.join(" ", java.util.Arrays.stream(words).filter(w -> !w.isEmpty()).toList());
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no intent file " + file.getFileName() + " in " + file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            // A dot file: the content loader skips it if it sees it before the move.
            var temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

}
