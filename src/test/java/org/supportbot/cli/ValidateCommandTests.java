package org.supportbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} on small content folders under {@code src/test/resources/content/}: a valid one,
 * and a broken one with one problem of each kind at a known line; and the valid one with a broken
 * {@code messages/} file.
 */
class ValidateCommandTests {

    private static final Path VALID = Path.of("src/test/resources/content/valid");
    private static final Path BROKEN = Path.of("src/test/resources/content/broken");

    @Test
    void passesValidContentWithExitZero() {
        var run = validate(VALID);

        assertThat(run.status()).isZero();
        assertThat(run.outLines()).containsExactly("OK: 3 intents, 42 examples, 3 answers; 0 errors, 0 warnings");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void failsBrokenContentWithExitOne() {
        var run = validate(BROKEN);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.outLines()).last().asString().startsWith("FAILED: ").endsWith("; 9 errors, 0 warnings");
    }

    @Test
    void reportsAYamlSyntaxErrorAtTheLineOfTheMistake() {
        assertThat(validate(BROKEN).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("intents/syntax_error.yaml:9: YAML syntax error: "));
    }

    @Test
    void reportsADuplicateExampleAcrossIntentsWithBothPlaces() {
        assertThat(validate(BROKEN).outLines()).contains(
                "intents/beta.yaml:9: duplicate example 'Где посмотреть статус ЗАКАЗА?!' (already at intents/alpha.yaml:11)");
    }

    @Test
    void reportsAnIntentWithoutAnAnswer() {
        assertThat(validate(BROKEN).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("intents/no_answer.yaml:1: intent 'no_answer' has no answer")
                        .contains("knowledge-base/no_answer.md"));
    }

    @Test
    void reportsAnAnswerWithoutAnIntent() {
        assertThat(validate(BROKEN).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("knowledge-base/orphan.md:1: answer for an unknown intent 'orphan'")
                        .contains("intents/orphan.yaml"));
    }

    @Test
    void reportsAnEmptyFile() {
        assertThat(validate(BROKEN).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("intents/empty.yaml:1: the file is empty"));
    }

    @Test
    void reportsAnAnswerWithoutFrontMatterAndTheIntentItLeavesUnanswered() {
        assertThat(validate(BROKEN).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("knowledge-base/delta.md:1: the file must start with front matter"))
                .anySatisfy(line -> assertThat(line).startsWith("intents/delta.yaml:1: intent 'delta' has no answer"));
    }

    @Test
    void reportsAButtonNamingAnUnknownIntentAtTheButtonsLine() {
        assertThat(validate(BROKEN).outLines())
                .contains("knowledge-base/alpha.md:5: button names an unknown intent 'no_such_intent'");
    }

    @Test
    void reportsALanguageSectionWhoseEveryVariationUsesTheNameAtThatSectionsHeading() {
        assertThat(validate(BROKEN).outLines())
                .anySatisfy(line -> assertThat(line).startsWith("knowledge-base/gamma.md:4: every ru variation uses {name}"))
                .noneSatisfy(line -> assertThat(line).startsWith("knowledge-base/gamma.md").contains(" en "));
    }

    @Test
    void printsEveryProblemAsFileColonLineColonMessage() {
        var problems = validate(BROKEN).outLines().stream().filter(line -> !line.startsWith("FAILED")).toList();

        assertThat(problems).hasSize(9)
                .allSatisfy(line -> assertThat(line).matches("(intents|knowledge-base)/[a-z_]+\\.(yaml|md):[1-9][0-9]*: \\S.*"));
    }

    @Test
    void reportsAProblemInTheBotsMessagesAtItsLine(@TempDir Path content) throws IOException {
        for (var folder : List.of("intents", "knowledge-base")) {
            var target = Files.createDirectories(content.resolve(folder));
            try (var files = Files.list(VALID.resolve(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        Files.createDirectories(content.resolve("messages"));
        Files.writeString(content.resolve("messages/bot.yaml"), """
                empty:
                  ru: "Пусто?"
                  en: "Empty?"
                queued:
                  ru: "Ваш номер — {position}, ожидание — около {wiat}."
                  en: "You're number {position} in the queue; the wait is about {wait}."
                """);

        var run = validate(content);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.outLines()).contains(
                "messages/bot.yaml:5: 'queued' (ru): unknown placeholder {wiat} here (this message takes {name}, {position}, {wait})");
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).startsWith("messages:1: warning: the built-in texts are used for"));
        assertThat(run.outLines()).last().asString().startsWith("FAILED: ").endsWith("; 1 error, 1 warning");
    }

    @Test
    void listsTheProblemsOfActionFilesWithTheContents(@TempDir Path content) throws IOException {
        for (var folder : List.of("intents", "knowledge-base")) {
            var target = Files.createDirectories(content.resolve(folder));
            try (var files = Files.list(VALID.resolve(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        Files.createDirectories(content.resolve("actions"));
        Files.writeString(content.resolve("actions/where.yaml"), "action: where\nintent: delivery_info\nlookup:\n  url: ftp://x\n");

        var run = validate(content);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.outLines()).contains("actions/where.yaml:4: 'lookup.url' must start with http://, https:// or a ${VARIABLE} holding the base URL");
        assertThat(run.outLines()).last().asString().startsWith("FAILED: 3 intents").endsWith("; 3 errors, 0 warnings");
    }

    @Test
    void listsTheProblemsOfTheSynonymsWithTheContents(@TempDir Path content) throws IOException {
        for (var folder : List.of("intents", "knowledge-base")) {
            var target = Files.createDirectories(content.resolve(folder));
            try (var files = Files.list(VALID.resolve(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        Files.writeString(content.resolve("synonyms.yaml"), "акк: аккаунт\nлк:\nзаказ: заказ\n");

        var run = validate(content);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.outLines()).contains("synonyms.yaml:2: 'лк' has nothing to read instead; write the words after the colon",
                "synonyms.yaml:3: warning: 'заказ' is replaced by itself; the line does nothing");
        assertThat(run.outLines()).last().asString().startsWith("FAILED: 3 intents").endsWith("; 1 error, 1 warning");
    }

    static Run validate(Path contentDir) {
        return Run.of(new String[] {"validate"}, contentDir);
    }

    /** One command run: its exit status and what it printed. */
    record Run(int status, String out, String err) {

        static Run of(String[] args, Path contentDir) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int status;
            try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                    var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                status = CommandLine.run(args, outStream, errStream, contentDir);
            }
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        List<String> outLines() {
            return out.lines().toList();
        }
    }
}
