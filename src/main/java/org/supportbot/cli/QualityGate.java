package org.supportbot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.supportbot.nlu.EvaluationReport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code evaluate --gate}: the content quality gate. Compares the cross-validation figures of the
 * content with a baseline kept in the repository ({@value #DEFAULT_BASELINE}) and fails when
 * in-scope accuracy fell, or the wrong-answer rate rose, by more than the tolerance (absolute,
 * e.g. 0.01 = one percentage point). {@code --update-baseline} writes the figures as the new
 * baseline, for a change that made the bot better (or a worse one the team accepts).
 *
 * <pre>
 * {"folds": 5, "seed": 42, "tolerance": 0.01, "in_scope_accuracy": 0.8405, "wrong_answer_rate": 0.0301, ...}
 * </pre>
 */
final class QualityGate {

    static final String DEFAULT_BASELINE = "eval/baseline.json";
    static final double DEFAULT_TOLERANCE = 0.01;
    static final long SEED = 42;

    /** The figures a content change is held to. */
    record Baseline(int folds, long seed, double tolerance, double inScopeAccuracy, double wrongAnswerRate) {
        Baseline {
            if (folds < 2) {
                throw new IllegalArgumentException("baseline 'folds' must be at least 2, got " + folds);
            }
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("baseline 'tolerance' must be within 0..1, got " + tolerance);
            }
        }
    }

    private QualityGate() {
    }

    static Baseline read(Path file) throws IOException {
        JsonNode json;
        try {
            json = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no baseline file " + file + ": create it with 'evaluate --gate --update-baseline'");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the baseline " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        for (var field : new String[] {"in_scope_accuracy", "wrong_answer_rate"}) {
            if (!json.path(field).isNumber()) {
                throw new IllegalArgumentException("the baseline " + file + " has no number '" + field + "'");
            }
        }
        return new Baseline(json.path("folds").asInt(5), json.path("seed").asLong(SEED), json.path("tolerance").asDouble(DEFAULT_TOLERANCE),
                json.path("in_scope_accuracy").asDouble(), json.path("wrong_answer_rate").asDouble());
    }

    static void write(Path file, Baseline baseline, EvaluationReport.Metrics metrics) throws IOException {
        var json = new LinkedHashMap<String, Object>();
        json.put("about", "Cross-validation figures of intents/ that 'evaluate --gate' holds content changes to; "
                + "refresh with 'evaluate --gate --update-baseline' when a change makes the bot better.");
        json.put("folds", baseline.folds());
        json.put("seed", baseline.seed());
        json.put("tolerance", baseline.tolerance());
        json.put("in_scope_accuracy", round(metrics.inScopeAccuracy()));
        json.put("wrong_answer_rate", round(metrics.wrongAnswerRate()));
        json.put("answered_correct_rate", round(metrics.answeredCorrectRate()));
        json.put("macro_f1", round(metrics.macroF1()));
        json.put("n", metrics.n());
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    /** Prints the comparison; true when the content passes. */
    static boolean check(Baseline baseline, EvaluationReport.Metrics metrics, PrintStream out) {
        double tolerance = baseline.tolerance();
        double accuracy = round(metrics.inScopeAccuracy());
        double wrong = round(metrics.wrongAnswerRate());
        boolean accuracyOk = accuracy >= baseline.inScopeAccuracy() - tolerance - 1e-9;
        boolean wrongOk = wrong <= baseline.wrongAnswerRate() + tolerance + 1e-9;
        out.printf(Locale.ROOT, "Quality gate (%d-fold cross-validation, tolerance %.4f):%n", baseline.folds(), tolerance);
        out.printf(Locale.ROOT, "  in-scope accuracy  %.4f  baseline %.4f  (%+.4f)  %s%n", accuracy, baseline.inScopeAccuracy(),
                accuracy - baseline.inScopeAccuracy(), accuracyOk ? "ok" : "WORSE");
        out.printf(Locale.ROOT, "  wrong answers      %.4f  baseline %.4f  (%+.4f)  %s%n", wrong, baseline.wrongAnswerRate(),
                wrong - baseline.wrongAnswerRate(), wrongOk ? "ok" : "WORSE");
        boolean passed = accuracyOk && wrongOk;
        out.println(passed ? "PASSED" : "FAILED: the content change makes the bot worse beyond the tolerance");
        return passed;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
