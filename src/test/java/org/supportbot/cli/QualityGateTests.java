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
        assertThat(run.out()).contains("Quality gate (5-fold cross-validation, tolerance 0.0100)").contains("PASSED").doesNotContain("WORSE");
    }

    /** Most Russian delivery examples moved to order_status: a mislabelling an editor could make in one paste. */
    @Test
    void failsOnADeliberatelyHarmfulContentChange() throws IOException {
        var content = copyOfContent();
        var delivery = content.resolve("intents/delivery_info.yaml");
        var lines = new ArrayList<>(Files.readAllLines(delivery));
        int from = lines.indexOf("  ru:") + 6; // keep five
        int to = lines.indexOf("  en:");
        var moved = new ArrayList<>(lines.subList(from, to));
        lines.subList(from, to).clear();
        Files.write(delivery, lines);
        var orders = content.resolve("intents/order_status.yaml");
        var orderLines = new ArrayList<>(Files.readAllLines(orders));
        orderLines.addAll(orderLines.indexOf("  en:"), moved);
        Files.write(orders, orderLines);
        assertThat(Run.of(new String[] {"validate"}, content).status()).as("a valid change: only the gate can catch it").isZero();

        var run = Run.of(new String[] {"evaluate", "--gate"}, content);

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("WORSE").contains("FAILED");
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
        assertThat(json.path("in_scope_accuracy").asDouble()).isBetween(0.5, 1.0);
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
        assertThat(run.err()).contains("--gate compares cross-validation");
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
