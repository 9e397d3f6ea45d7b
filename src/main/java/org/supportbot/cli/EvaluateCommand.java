package org.supportbot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.nlu.Evaluation;
import org.supportbot.nlu.EvaluationReport;
import org.supportbot.nlu.LabelledText;
import org.supportbot.nlu.Thresholds;
import tools.jackson.databind.json.JsonMapper;

/** {@code evaluate}: scores the bot on labelled data or by cross-validation over the content. */
final class EvaluateCommand {

    private final Path contentDir;
    private final PrintStream out;
    private final PrintStream err;

    EvaluateCommand(Path contentDir, PrintStream out, PrintStream err) {
        this.contentDir = contentDir;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (java.util.Arrays.asList(args).contains("--gate")) {
            return new QualityGate(contentDir, out, err).run(args); // the content quality gate has its own options
        }
        Path data = null;
        Path train = null;
        Path validation = null;
        Path report = null;
        boolean json = false;
        int folds = 5;
        String algorithm = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--train" -> train = Path.of(value(args, ++i, "--train"));
                case "--validation" -> validation = Path.of(value(args, ++i, "--validation"));
                case "--report" -> report = Path.of(value(args, ++i, "--report"));
                case "--folds" -> folds = parseFolds(value(args, ++i, "--folds"));
                case "--json" -> json = true;
                case "--algorithm" -> algorithm = value(args, ++i, "--algorithm");
                default -> throw new CommandLine.UsageException("unknown option '" + args[i] + "'");
            }
        }
        if (train != null && data == null) {
            throw new CommandLine.UsageException("--train needs --data: the file to test the trained model on");
        }
        if (validation != null && train == null) {
            throw new CommandLine.UsageException("--validation needs --train: it picks the answer threshold of the model trained there");
        }
        var progress = new ProgressBar(err);
        Evaluation evaluation;
        try {
            evaluation = algorithm == null ? new Evaluation(Thresholds.fromEnvironment(System::getenv), progress)
                    : new Evaluation(Thresholds.fromEnvironment(System::getenv), progress, algorithm);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        EvaluationReport result;
        try {
            if (train != null) {
                result = validation != null
                        ? evaluation.evaluate(read(train), read(validation), read(data))
                        : evaluation.evaluate(read(train), read(data));
            } else {
                var load = KnowledgeBase.load(contentDir);
                if (load.hasErrors()) {
                    load.errors().forEach(err::println);
                    err.println("The content has errors; fix them first (see 'validate').");
                    return 1;
                }
                var onContent = evaluation.withSynonymsOf(contentDir);
                result = data != null ? onContent.evaluate(load.content(), read(data)) : onContent.crossValidate(load.content(), folds, 42);
            }
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } finally {
            progress.finish();
        }
        if (json) {
            var fields = asJson(result.metrics());
            fields.put("classifier", evaluation.classifier());
            out.println(JsonMapper.builder().build().writeValueAsString(fields));
        } else {
            printSummary(result, evaluation.classifier());
        }
        if (report != null) {
            try {
                Files.writeString(report, HtmlReport.render(result));
                err.println("Report written to " + report.toAbsolutePath().normalize());
            } catch (IOException e) {
                err.println("error: cannot write the report: " + e.getMessage());
                return 2;
            }
        }
        return 0;
    }

    private static List<LabelledText> read(Path file) throws IOException {
        return LabelledText.readTsv(file);
    }

    static Map<String, @Nullable Object> asJson(EvaluationReport.Metrics m) {
        var json = new LinkedHashMap<String, @Nullable Object>();
        json.put("n", m.n());
        json.put("in_scope_accuracy", round(m.inScopeAccuracy()));
        json.put("answered_correct_rate", round(m.answeredCorrectRate()));
        json.put("oos_recall", Double.isNaN(m.oosRecall()) ? null : round(m.oosRecall()));
        json.put("wrong_answer_rate", round(m.wrongAnswerRate()));
        json.put("clarify_rate", round(m.clarifyRate()));
        json.put("macro_f1", round(m.macroF1()));
        json.put("p50_us", round(m.p50Micros()));
        json.put("p99_us", round(m.p99Micros()));
        json.put("training_ms", m.trainingMillis());
        json.put("model_mb", round(m.modelBytes() / 1_048_576.0));
        json.put("answer_threshold", Double.isNaN(m.answerThreshold()) ? null : round(m.answerThreshold()));
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private void printSummary(EvaluationReport result, String classifier) {
        var m = result.metrics();
        out.println("Evaluation: " + result.description());
        out.println("  classifier              " + classifier);
        out.printf(Locale.ROOT, "  lines                   %d%n", m.n());
        out.printf(Locale.ROOT, "  in-scope accuracy       %.3f   (top intent right)%n", m.inScopeAccuracy());
        out.printf(Locale.ROOT, "  answered correctly      %.3f   (in-scope lines answered with the right intent)%n", m.answeredCorrectRate());
        if (!Double.isNaN(m.oosRecall())) {
            out.printf(Locale.ROOT, "  out-of-scope recall     %.3f   (out-of-scope lines not answered)%n", m.oosRecall());
        }
        out.printf(Locale.ROOT, "  wrong answers           %.3f   (answered with a wrong intent; lower is better)%n", m.wrongAnswerRate());
        out.printf(Locale.ROOT, "  asked 'did you mean'    %.3f%n", m.clarifyRate());
        out.printf(Locale.ROOT, "  macro F1                %.3f%n", m.macroF1());
        out.printf(Locale.ROOT, "  classification p50/p99  %.0f / %.0f µs; training %d ms; model %.1f MB%n", m.p50Micros(), m.p99Micros(),
                m.trainingMillis(), m.modelBytes() / 1_048_576.0);
        var weakest = result.intents().stream().sorted(java.util.Comparator.comparingDouble(EvaluationReport.IntentStats::f1)).limit(5).toList();
        out.println("Weakest intents (F1):");
        weakest.forEach(s -> out.printf(Locale.ROOT, "  %-26s %.3f  (%d lines)%n", s.intent(), s.f1(), s.support()));
        var wrong = result.mistakes().stream().filter(x -> x.outcome().startsWith("answered")).limit(10).toList();
        if (!wrong.isEmpty()) {
            out.println("Wrong answers (first 10; --report FILE.html lists all):");
            wrong.forEach(x -> out.printf(Locale.ROOT, "  [%s] %s -> %s (%.2f)%n", x.expected(), x.text(), x.outcome(), x.confidence()));
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new CommandLine.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int parseFolds(String value) {
        try {
            int folds = Integer.parseInt(value);
            if (folds >= 2) {
                return folds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CommandLine.UsageException("--folds needs a whole number of at least 2, got '" + value + "'");
    }
}
