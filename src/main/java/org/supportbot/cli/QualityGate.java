package org.supportbot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Content;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.nlu.Evaluation;
import org.supportbot.nlu.EvaluationReport;
import org.supportbot.nlu.LabelledText;
import org.supportbot.nlu.Thresholds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code evaluate --gate [--baseline FILE] [--tolerance X] [--update-baseline]}: the content
 * quality gate. Measures the content as {@code evaluate} does — K-fold cross-validation over
 * {@code intents/} (fixed folds and seed, so the same content gives the same figures), and the
 * model trained on all of {@code intents/} against each labelled hold-out file the baseline names
 * ({@code eval/holdout-*.tsv}: written independently of the examples, so they catch a mislabelled
 * example that cross-validation, which trusts the labels, barely sees) — and compares each with
 * the baseline kept in the repository ({@value #DEFAULT_BASELINE}). Fails (exit 1) when in-scope
 * accuracy fell, or the wrong-answer rate rose, by more than the tolerance (absolute: 0.01 = one
 * percentage point). {@code --update-baseline} writes the figures as the new baseline instead.
 * Exit 2: wrong usage, or no baseline file.
 */
final class QualityGate {

    static final String DEFAULT_BASELINE = "eval/baseline.json";
    static final double DEFAULT_TOLERANCE = 0.01;
    static final int DEFAULT_FOLDS = 5;
    static final long SEED = 42;
    static final String CROSS_VALIDATION = "cross-validation";

    /** One measurement the gate compares: accuracy may not fall, wrong answers may not rise. */
    record Figures(double inScopeAccuracy, double wrongAnswerRate) {
        static Figures of(EvaluationReport.Metrics metrics) {
            return new Figures(round(metrics.inScopeAccuracy()), round(metrics.wrongAnswerRate()));
        }
    }

    /**
     * The figures a content change is held to.
     *
     * @param holdout hold-out files relative to the content folder, with their figures
     */
    record Baseline(int folds, long seed, double tolerance, Figures crossValidation, Map<String, Figures> holdout) {
        Baseline {
            if (folds < 2) {
                throw new IllegalArgumentException("baseline 'folds' must be at least 2, got " + folds);
            }
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("baseline 'tolerance' must be within 0..1, got " + tolerance);
            }
            holdout = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(holdout));
        }
    }

    private final Path contentDir;
    private final PrintStream out;
    private final PrintStream err;

    QualityGate(Path contentDir, PrintStream out, PrintStream err) {
        this.contentDir = contentDir;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Path file = contentDir.resolve(DEFAULT_BASELINE);
        Double tolerance = null;
        boolean update = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gate" -> {
                    // the mode itself
                }
                case "--baseline" -> file = Path.of(value(args, ++i, "--baseline"));
                case "--tolerance" -> tolerance = parseTolerance(value(args, ++i, "--tolerance"));
                case "--update-baseline" -> update = true;
                case "--data", "--train" -> throw new CommandLine.UsageException(
                        "--gate measures intents/ and the baseline's hold-out files: leave out " + args[i]);
                default -> throw new CommandLine.UsageException("'" + args[i] + "' does not go with --gate (use --baseline, --tolerance, --update-baseline)");
            }
        }
        Baseline baseline;
        try {
            baseline = update && !Files.exists(file) ? new Baseline(DEFAULT_FOLDS, SEED, DEFAULT_TOLERANCE, new Figures(0, 0), discoverHoldouts())
                    : read(file);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (tolerance != null) {
            baseline = new Baseline(baseline.folds(), baseline.seed(), tolerance, baseline.crossValidation(), baseline.holdout());
        }
        var load = KnowledgeBase.load(contentDir);
        if (load.hasErrors()) {
            load.errors().forEach(err::println);
            err.println("The content has errors; fix them first (see 'validate').");
            return 1;
        }
        var measured = new LinkedHashMap<String, Figures>();
        var progress = new ProgressBar(err);
        try {
            var evaluation = new Evaluation(Thresholds.fromEnvironment(System::getenv), progress).withSynonymsOf(contentDir);
            measured.put(CROSS_VALIDATION, Figures.of(evaluation.crossValidate(load.content(), baseline.folds(), baseline.seed()).metrics()));
            for (var holdout : baseline.holdout().keySet()) {
                measured.put(holdout, measure(evaluation, load.content(), holdout));
            }
        } catch (NoSuchFileException e) {
            err.println("error: no such hold-out file: " + e.getFile() + " (named in " + file + ")");
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } finally {
            progress.finish();
        }
        if (update) {
            try {
                write(file, baseline, measured);
            } catch (IOException e) {
                err.println("error: cannot write " + file + ": " + e.getMessage());
                return 2;
            }
            out.println("Baseline written to " + file);
            return 0;
        }
        return check(baseline, measured) ? 0 : 1;
    }

    private Figures measure(Evaluation evaluation, Content content, String holdout) throws IOException {
        return Figures.of(evaluation.evaluate(content, LabelledText.readTsv(contentDir.resolve(holdout))).metrics());
    }

    /** Prints the comparison; true when every figure is within the tolerance. */
    private boolean check(Baseline baseline, Map<String, Figures> measured) {
        double tolerance = baseline.tolerance();
        out.printf(Locale.ROOT, "Quality gate (%d-fold cross-validation and %d hold-out files, tolerance %.4f):%n",
                baseline.folds(), baseline.holdout().size(), tolerance);
        boolean passed = true;
        for (var entry : measured.entrySet()) {
            var base = entry.getKey().equals(CROSS_VALIDATION) ? baseline.crossValidation() : baseline.holdout().get(entry.getKey());
            var now = entry.getValue();
            boolean accuracyOk = now.inScopeAccuracy() >= base.inScopeAccuracy() - tolerance - 1e-9;
            boolean wrongOk = now.wrongAnswerRate() <= base.wrongAnswerRate() + tolerance + 1e-9;
            out.println("  " + entry.getKey());
            out.printf(Locale.ROOT, "    in-scope accuracy  %.4f  baseline %.4f  (%+.4f)  %s%n", now.inScopeAccuracy(), base.inScopeAccuracy(),
                    now.inScopeAccuracy() - base.inScopeAccuracy(), accuracyOk ? "ok" : "WORSE");
            out.printf(Locale.ROOT, "    wrong answers      %.4f  baseline %.4f  (%+.4f)  %s%n", now.wrongAnswerRate(), base.wrongAnswerRate(),
                    now.wrongAnswerRate() - base.wrongAnswerRate(), wrongOk ? "ok" : "WORSE");
            passed &= accuracyOk && wrongOk;
        }
        out.println(passed ? "PASSED" : "FAILED: the content change makes the bot worse beyond the tolerance"
                + " (if that is accepted, refresh the baseline: evaluate --gate --update-baseline)");
        return passed;
    }

    private Map<String, Figures> discoverHoldouts() throws IOException {
        var found = new LinkedHashMap<String, Figures>();
        var dir = contentDir.resolve("eval");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().matches("holdout.*\\.tsv")).sorted()
                        .forEach(f -> found.put("eval/" + f.getFileName(), new Figures(0, 0)));
            }
        }
        return found;
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
        var holdout = new LinkedHashMap<String, Figures>();
        json.path("holdout").properties().forEach(e -> holdout.put(e.getKey(), figures(e.getValue(), file + " holdout " + e.getKey())));
        return new Baseline(json.path("folds").asInt(DEFAULT_FOLDS), json.path("seed").asLong(SEED), json.path("tolerance").asDouble(DEFAULT_TOLERANCE),
                figures(json.path(CROSS_VALIDATION), file + " " + CROSS_VALIDATION), holdout);
    }

    private static Figures figures(JsonNode node, String where) {
        for (var field : new String[] {"in_scope_accuracy", "wrong_answer_rate"}) {
            if (!node.path(field).isNumber()) {
                throw new IllegalArgumentException("the baseline has no number '" + field + "' in " + where);
            }
        }
        return new Figures(node.path("in_scope_accuracy").asDouble(), node.path("wrong_answer_rate").asDouble());
    }

    private static void write(Path file, Baseline baseline, Map<String, Figures> measured) throws IOException {
        var json = new LinkedHashMap<String, @Nullable Object>();
        json.put("about", "What 'evaluate --gate' holds content changes to (README: The quality gate). "
                + "Refresh with 'evaluate --gate --update-baseline' when a change makes the bot better.");
        json.put("folds", baseline.folds());
        json.put("seed", baseline.seed());
        json.put("tolerance", baseline.tolerance());
        json.put(CROSS_VALIDATION, figuresJson(measured.get(CROSS_VALIDATION)));
        var holdout = new LinkedHashMap<String, Object>();
        measured.forEach((name, figures) -> {
            if (!name.equals(CROSS_VALIDATION)) {
                holdout.put(name, figuresJson(figures));
            }
        });
        json.put("holdout", holdout);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    private static Map<String, Object> figuresJson(Figures figures) {
        var json = new LinkedHashMap<String, Object>();
        json.put("in_scope_accuracy", figures.inScopeAccuracy());
        json.put("wrong_answer_rate", figures.wrongAnswerRate());
        return json;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new CommandLine.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static double parseTolerance(String value) {
        try {
            double tolerance = Double.parseDouble(value);
            if (tolerance >= 0 && tolerance < 1) {
                return tolerance;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CommandLine.UsageException("--tolerance needs a number within 0..1 (e.g. 0.01 = one point), got '" + value + "'");
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

}
