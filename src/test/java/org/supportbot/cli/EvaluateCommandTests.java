package org.supportbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.supportbot.cli.ValidateCommandTests.Run;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code evaluate} on the small content folder {@code src/test/resources/content/valid} and on the
 * labelled files under {@code src/test/resources/evaluate/}.
 */
class EvaluateCommandTests {

    private static final Path VALID = Path.of("src/test/resources/content/valid");
    private static final Path BROKEN = Path.of("src/test/resources/content/broken");
    private static final String TRAIN = "src/test/resources/evaluate/train.tsv";
    private static final String DATA = "src/test/resources/evaluate/data.tsv";
    private static final String NO_TAB = "src/test/resources/evaluate/no-tab.tsv";
    private static final Path REPORTS = Path.of("target", "test-output", "evaluate");
    private static final String[] METRICS = {"n", "in_scope_accuracy", "answered_correct_rate", "oos_recall", "wrong_answer_rate",
            "macro_f1", "p50_us", "p99_us"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** OpenNLP logs every training iteration; the command itself quiets it only when run from {@code main}. */
    @BeforeAll
    static void quietTrainingLog() {
        if (LoggerFactory.getLogger("opennlp") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Test
    void crossValidatesTheContentAndPrintsOneJsonObject() {
        var run = evaluate(VALID, "--json");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        var json = JSON.readTree(run.out());
        assertThat(json.isObject()).isTrue();
        assertThat(json.propertyNames()).contains(METRICS);
        assertThat(json.path("n").asInt()).as("every example of the three intents is classified once").isEqualTo(42);
        assertThat(json.path("oos_recall").isNull()).as("no out-of-scope examples, so no recall: %s", json).isTrue();
        assertRatesAndLatencies(json, "in_scope_accuracy", "answered_correct_rate", "wrong_answer_rate", "macro_f1");
        assertThat(json.path("in_scope_accuracy").asDouble()).as("three well-separated intents").isGreaterThan(0.5);
    }

    @Test
    void evaluatesAModelTrainedOnAFileAndWritesAnEscapedHtmlReport() throws IOException {
        var report = Files.createDirectories(REPORTS).resolve("report-" + UUID.randomUUID() + ".html");

        var run = evaluate(VALID, "--train", TRAIN, "--data", DATA, "--json", "--report", report.toString());

        assertThat(run.status()).as(run.err()).isZero();
        var json = JSON.readTree(run.out());
        assertThat(json.propertyNames()).contains(METRICS);
        assertThat(json.path("n").asInt()).as("labelled lines, without the comment and the blank line").isEqualTo(9);
        assertThat(json.path("oos_recall").isNumber()).as("%s", json).isTrue();
        assertRatesAndLatencies(json, "in_scope_accuracy", "answered_correct_rate", "oos_recall", "wrong_answer_rate", "macro_f1");
        assertThat(run.err()).contains("Report written to");

        var html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).contains("<h2>Per intent</h2>", "<h2>Confusion matrix</h2>", "<table class=heat>");
        assertThat(html).contains("<tr><td>delivery</td><td class=n>2</td>", "<tr><td>oos</td><td class=n>2</td>",
                "<tr><td>gift_cards</td><td class=n>1</td>");
        assertThat(html).contains("<th class=col>payment</th>", "<th class=row>returns</th>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;report&#39;)&lt;/script&gt; есть подарочные карты?");
        assertThat(html).doesNotContain("<script");
    }

    @Test
    void printsAReadableSummaryWithoutJson() {
        var run = evaluate(VALID, "--train", TRAIN, "--data", DATA);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Evaluation: trained on 32 lines, tested on 9 lines", "in-scope accuracy", "out-of-scope recall",
                "Weakest intents (F1):");
    }

    @Test
    void choosesTheAnswerThresholdOnTheValidationFileAndNeverAsksDidYouMean() {
        var run = evaluate(VALID, "--train", TRAIN, "--validation", DATA, "--data", DATA, "--json");

        assertThat(run.status()).as(run.err()).isZero();
        var json = JSON.readTree(run.out());
        assertThat(json.path("answer_threshold").asDouble(-1)).as("%s", json).isBetween(0.0, 1.0);
        assertThat(json.path("clarify_rate").asDouble(-1)).as("benchmark scoring: answer or reject, %s", json).isZero();
        assertThat(json.path("answered_correct_rate").asDouble() + json.path("oos_recall").asDouble())
                .as("three well-separated intents and two out-of-scope lines, scored at the threshold best for this very file, %s", json)
                .isGreaterThanOrEqualTo(1.5);
    }

    @Test
    void reportsNoChosenThresholdWithoutAValidationFile() {
        var run = evaluate(VALID, "--train", TRAIN, "--data", DATA, "--json");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).path("answer_threshold").isNull()).as(run.out()).isTrue();
    }

    @Test
    void trainsWithTheAlgorithmAskedForAndNamesWhatRan() {
        var liblinear = JSON.readTree(evaluate(VALID, "--train", TRAIN, "--data", DATA, "--json").out());
        var run = evaluate(VALID, "--train", TRAIN, "--data", DATA, "--algorithm", "maxent", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(liblinear.path("classifier").asString()).isEqualTo("opennlp-doccat/liblinear");
        assertThat(JSON.readTree(run.out()).path("classifier").asString()).isEqualTo("opennlp-doccat/maxent");
    }

    @Test
    void refusesAnUnknownAlgorithmNamingTheKnownOnes() {
        var run = evaluate(VALID, "--algorithm", "svm", "--json");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown algorithm 'svm'", "liblinear", "naivebayes");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesAValidationFileWithoutTraining() {
        var run = evaluate(VALID, "--validation", DATA, "--data", DATA);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--validation needs --train", "usage:");
    }

    @Test
    void refusesADataLineWithoutATabNamingFileAndLine() {
        var run = evaluate(VALID, "--data", NO_TAB, "--json");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(NO_TAB + ":3: expected 'intent<TAB>text'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesATrainingLineWithoutATabNamingFileAndLine() {
        var run = evaluate(VALID, "--train", NO_TAB, "--data", DATA);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(NO_TAB + ":3: expected 'intent<TAB>text'");
    }

    @Test
    void refusesAnUnknownOptionWithUsage() {
        var run = evaluate(VALID, "--json", "--bogus");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("error: unknown option '--bogus'", "usage:", "evaluate [--data FILE.tsv]");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesTrainingWithoutDataToTestOn() {
        var run = evaluate(VALID, "--train", TRAIN);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--train needs --data", "usage:");
    }

    @Test
    void refusesFewerThanTwoFolds() {
        var run = evaluate(VALID, "--folds", "1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--folds needs a whole number of at least 2", "usage:");
    }

    @Test
    void refusesAnOptionWithoutItsValue() {
        var run = evaluate(VALID, "--data");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--data needs a value", "usage:");
    }

    @Test
    void reportsAMissingDataFile() {
        var run = evaluate(VALID, "--data", "src/test/resources/evaluate/no-such-file.tsv");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no such file", "no-such-file.tsv");
    }

    @Test
    void refusesToEvaluateBrokenContent() {
        var run = evaluate(BROKEN, "--json");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("knowledge-base/alpha.md:5: button names an unknown intent 'no_such_intent'", "fix them first");
        assertThat(run.out()).isEmpty();
    }

    private static void assertRatesAndLatencies(JsonNode json, String... rates) {
        for (var rate : rates) {
            assertThat(json.path(rate).asDouble(-1)).as("%s in %s", rate, json).isBetween(0.0, 1.0);
        }
        assertThat(json.path("p50_us").asDouble()).isPositive();
        assertThat(json.path("p99_us").asDouble()).isGreaterThanOrEqualTo(json.path("p50_us").asDouble());
    }

    private static Run evaluate(Path contentDir, String... options) {
        var args = new String[options.length + 1];
        args[0] = "evaluate";
        System.arraycopy(options, 0, args, 1, options.length);
        return Run.of(args, contentDir);
    }
}
