package org.supportbot.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one {@code knowledge-base/<intent>.md}: YAML front matter ({@code intent}, {@code buttons}),
 * then {@code ## ru} / {@code ## en} sections whose variations are separated by {@code ---} lines.
 */
final class AnswerFileParser {

    private static final Pattern HEADING = Pattern.compile("^##\\s+(\\S.*?)\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_]+}");
    private static final Set<String> KEYS = Set.of("intent", "buttons");

    /** A button reference and its line, checked against the intents once all files are read. */
    record ButtonAt(String intent, Path file, int line) {
    }

    record Parsed(@Nullable Answer answer, List<ButtonAt> buttons) {
    }

    private final Path file;
    private final String expectedName;
    private final List<ContentProblem> problems;
    /** The placeholders a variation may use, {@code {name}} among them. */
    private final Set<String> placeholders;

    AnswerFileParser(Path file, String expectedName, List<ContentProblem> problems) {
        this(file, expectedName, problems, Set.of(Answer.NAME_PLACEHOLDER));
    }

    AnswerFileParser(Path file, String expectedName, List<ContentProblem> problems, Set<String> placeholders) {
        this.file = file;
        this.expectedName = expectedName;
        this.problems = problems;
        this.placeholders = Set.copyOf(placeholders);
    }

    Parsed parse(String text) {
        if (text.isBlank()) {
            error(1, "the file is empty; an answer needs front matter and '## ru' / '## en' sections");
            return new Parsed(null, List.of());
        }
        var lines = text.lines().toList();
        if (!FrontMatter.opens(lines)) {
            error(1, "the file must start with front matter: a '---' line, 'intent: " + expectedName + "', and another '---' line");
            return new Parsed(null, List.of());
        }
        int close = FrontMatter.closingLine(lines);
        if (close < 0) {
            error(1, "the front matter is not closed: add a '---' line after it");
            return new Parsed(null, List.of());
        }
        var buttons = new ArrayList<ButtonAt>();
        var name = readFrontMatter(String.join("\n", lines.subList(1, close)), buttons);
        var variations = readSections(lines, close + 1);
        if (name == null) {
            return new Parsed(null, buttons);
        }
        return new Parsed(new Answer(name, buttons.stream().map(ButtonAt::intent).toList(), variations), buttons);
    }

    private @Nullable String readFrontMatter(String yaml, List<ButtonAt> buttons) {
        var entries = FrontMatter.entries(yaml, KEYS, file, problems, "the front matter needs 'intent: " + expectedName + "'");
        if (entries == null) {
            return null;
        }
        var buttonsNode = entries.get("buttons");
        if (buttonsNode != null) {
            var items = Yamls.scalars(buttonsNode);
            if (items.isEmpty()) {
                error(Yamls.line(buttonsNode, 2), "'buttons' must be a list of intent names, e.g. [delivery_info, human_operator]");
            } else {
                items.get().forEach(item -> buttons.add(new ButtonAt(item.getValue().strip(), file, Yamls.line(item, 2))));
            }
        }
        var nameNode = entries.get("intent");
        var name = nameNode == null ? null : Yamls.scalar(nameNode).map(String::strip).orElse(null);
        if (name == null) {
            error(2, "the front matter needs 'intent: " + expectedName + "'");
            return null;
        }
        if (!name.equals(expectedName)) {
            error(Yamls.line(nameNode, 2), "the answer is for intent '" + name + "' but the file is named '" + expectedName
                    + ".md'; name the file after the intent");
            return null;
        }
        return name;
    }

    /** The {@code ## ru} / {@code ## en} sections from line index {@code from}: variations per language, checked. */
    Map<Language, List<String>> readSections(List<String> lines, int from) {
        var variations = new EnumMap<Language, List<String>>(Language.class);
        Language current = null;
        var sectionLines = new EnumMap<Language, Integer>(Language.class);
        var block = new ArrayList<String>();
        int blockLine = 0;
        for (int i = from; i <= lines.size(); i++) {
            var line = i < lines.size() ? lines.get(i) : null;
            var heading = line == null ? null : HEADING.matcher(line);
            boolean isHeading = heading != null && heading.matches();
            boolean isFence = line != null && line.strip().equals(FrontMatter.FENCE);
            if (line == null || isHeading || isFence) {
                if (current != null) {
                    addVariation(variations, current, block, blockLine);
                } else if (block.stream().anyMatch(l -> !l.isBlank())) {
                    error(blockLine, "text outside a language section: put it under '## ru' or '## en'");
                }
                block.clear();
                blockLine = i + 2;
            }
            if (line == null) {
                break;
            }
            if (isHeading) {
                var language = Language.fromCode(heading.group(1));
                if (language.isEmpty()) {
                    error(i + 1, "unknown language section '" + heading.group(1) + "' (use '## ru' or '## en')");
                    current = null;
                } else if (variations.containsKey(language.get())) {
                    error(i + 1, "a second '## " + language.get().code() + "' section; keep all variations of a language in one section");
                    current = null;
                } else {
                    current = language.get();
                    variations.put(current, new ArrayList<>());
                    sectionLines.put(current, i + 1);
                }
            } else if (isFence) {
                if (current == null) {
                    error(i + 1, "a '---' separator outside a language section");
                }
            } else {
                if (block.isEmpty()) {
                    blockLine = i + 1;
                }
                block.add(line);
            }
        }
        for (var language : Language.values()) {
            var texts = variations.get(language);
            int sectionLine = sectionLines.getOrDefault(language, 1);
            if (texts == null) {
                error(1, "no '## " + language.code() + "' section: customers writing in " + language.code() + " would get no answer");
                continue;
            }
            if (texts.isEmpty()) {
                error(sectionLine, "the '## " + language.code() + "' section has no text");
            } else if (texts.stream().allMatch(t -> t.contains(Answer.NAME_PLACEHOLDER))) {
                error(sectionLine, "every " + language.code() + " variation uses {name}; add one without it for customers whose name is unknown");
            } else if (texts.size() < 2) {
                problems.add(ContentProblem.warning(file, sectionLine, "only one " + language.code()
                        + " variation: customers will see the same words every time; add another after a '---' line"));
            }
        }
        variations.replaceAll((language, texts) -> List.copyOf(texts));
        return variations;
    }

    private void addVariation(Map<Language, List<String>> variations, Language language, List<String> block, int blockLine) {
        var text = String.join("\n", block).strip();
        if (text.isEmpty()) {
            if (!variations.get(language).isEmpty() || !block.isEmpty()) {
                error(Math.max(blockLine, 1), "empty " + language.code() + " variation (two '---' lines with nothing between them?)");
            }
            return;
        }
        var placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            if (!this.placeholders.contains(placeholders.group())) {
                error(blockLine, "unknown placeholder " + placeholders.group() + (this.placeholders.size() == 1
                        ? " (only " + Answer.NAME_PLACEHOLDER + " is supported)"
                        : " (supported: " + String.join(", ", new java.util.TreeSet<>(this.placeholders)) + ")"));
            }
        }
        variations.get(language).add(text);
    }

    private void error(int line, String message) {
        problems.add(ContentProblem.error(file, Math.max(line, 1), message));
    }
}
