package org.supportbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.supportbot.cli.ValidateCommandTests.Run;
import tools.jackson.databind.json.JsonMapper;

/** {@code evaluate --gate}: the repository's content against its baseline, and a harmful change that must not pass. */
class QualityGateTests {

    private static final Path WORK = Path.of("target", "test-content");

    @BeforeAll
    static void quietTrainingLog() {
        if (LoggerFactory.getLogger("opennlp") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Test
    void passesOnTheRepositoryContentAsItIs() {
        var run = Run.of(new String[] {"evaluate", "--gate"}, Path.of("."));

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Quality gate (5-fold cross-validation and 2 hold-out files, tolerance 0.0100)")
                .contains("eval/holdout-ru.tsv").contains("PASSED").doesNotContain("WORSE");
    }

    /**
     * All but five examples of delivery_info pasted into order_status, and of payment_methods into
     * payment_failed: valid content, a mislabelling an editor could make in one paste.
     */
    @Test
    void failsOnADeliberatelyHarmfulContentChange() throws IOException {
        var content = copyOfContent();
        moveExamples(content, "delivery_info", "order_status");
        moveExamples(content, "payment_methods", "payment_failed");
        assertThat(Run.of(new String[] {"validate"}, content).status()).as("a valid change: only the gate can catch it").isZero();

        var run = Run.of(new String[] {"evaluate", "--gate"}, content);

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("WORSE").contains("FAILED");
        var ru = run.out().substring(run.out().indexOf("eval/holdout-ru.tsv"));
        assertThat(ru.lines().skip(1).limit(2)).as("the Russian hold-out set answers worse and more often wrongly").allMatch(l -> l.endsWith("WORSE"));
    }

    /** Moves all but the first five examples of each language from one intent's list to the other's. */
    private static void moveExamples(Path content, String from, String to) throws IOException {
        var source = new ArrayList<>(Files.readAllLines(content.resolve("intents/" + from + ".yaml")));
        var target = new ArrayList<>(Files.readAllLines(content.resolve("intents/" + to + ".yaml")));
        for (var language : List.of("  ru:", "  en:")) {
            int start = source.indexOf(language) + 6;
            int end = start;
            while (end < source.size() && source.get(end).startsWith("    - ")) {
                end++;
            }
            var moved = new ArrayList<>(source.subList(start, end));
            source.subList(start, end).clear();
            target.addAll(target.indexOf(language) + 1, moved);
        }
        Files.write(content.resolve("intents/" + from + ".yaml"), source);
        Files.write(content.resolve("intents/" + to + ".yaml"), target);
    }

    @Test
    void writesABaselineThatTheSameContentThenPasses() throws IOException {
        var baseline = Files.createDirectories(WORK).resolve("baseline-" + UUID.randomUUID() + ".json");
        var valid = Path.of("src/test/resources/content/valid");

        var write = Run.of(new String[] {"evaluate", "--gate", "--baseline", baseline.toString(), "--update-baseline"}, valid);
        var check = Run.of(new String[] {"evaluate", "--gate", "--baseline", baseline.toString(), "--tolerance", "0"}, valid);

        assertThat(write.status()).as(write.err()).isZero();
        var json = JsonMapper.builder().build().readTree(Files.readString(baseline));
        assertThat(json.path("folds").asInt()).isEqualTo(5);
        assertThat(json.path("tolerance").asDouble()).isEqualTo(0.01);
        assertThat(json.path("cross-validation").path("in_scope_accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(json.path("holdout").isEmpty()).as("no eval/holdout-*.tsv in that folder").isTrue();
        assertThat(check.status()).as("the same content gives the same figures: %s", check.out()).isZero();
    }

    @Test
    void saysWhatIsMissingWithoutABaseline() {
        var run = Run.of(new String[] {"evaluate", "--gate", "--baseline", "target/no-such-baseline.json"}, Path.of("src/test/resources/content/valid"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no baseline file").contains("--update-baseline");
    }

    @Test
    void refusesAGateOnALabelledFile() {
        var run = Run.of(new String[] {"evaluate", "--gate", "--data", "src/test/resources/evaluate/data.tsv"}, Path.of("src/test/resources/content/valid"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("leave out --data");
    }

    private static Path copyOfContent() throws IOException {
        var target = WORK.resolve("gate-" + UUID.randomUUID());
        for (var folder : List.of("intents", "knowledge-base", "eval")) {
            Files.createDirectories(target.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
        return target;
    }
}
