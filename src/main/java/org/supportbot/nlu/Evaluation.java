package org.supportbot.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import org.supportbot.knowledge.Content;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.Language;

/**
 * Scores the bot on labelled texts, the way the {@code evaluate} command reports it. Not
 * thread-safe; each call trains its own models and classifies on the calling thread, so the
 * latency figures are single-threaded.
 */
public final class Evaluation {

    private static final int WARM_UP = 300;
    private static final int MAX_MISTAKES = 500;

    private final Thresholds thresholds;
    private final ModelTrainer trainer;
    private final Synonyms synonyms;
    private final Progress progress;

    /** Progress of a long evaluation: {@code done} of {@code total} steps. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    public Evaluation(Thresholds thresholds, Progress progress) {
        this(thresholds, progress, Algorithm.DEFAULT.id());
    }

    /**
     * An evaluation of models trained with another learning algorithm.
     *
     * @param algorithm {@code liblinear}, {@code maxent_qn}, {@code maxent}, {@code naivebayes} or {@code perceptron}
     * @throws IllegalArgumentException naming the known algorithms when {@code algorithm} is none of them
     */
    public Evaluation(Thresholds thresholds, Progress progress, String algorithm) {
        this(thresholds, progress, new ModelTrainer(ModelTrainer.TrainingSettings.defaults(), Algorithm.of(algorithm)), Synonyms.NONE);
    }

    private Evaluation(Thresholds thresholds, Progress progress, ModelTrainer trainer, Synonyms synonyms) {
        this.thresholds = thresholds;
        this.progress = progress;
        this.trainer = trainer;
        this.synonyms = synonyms;
    }

    /**
     * The same evaluation with the synonyms and slang of a content folder ({@code synonyms.yaml}),
     * the way the bot serving that folder reads messages.
     */
    public Evaluation withSynonymsOf(java.nio.file.Path contentDir) {
        return new Evaluation(thresholds, progress, trainer, Synonyms.read(contentDir));
    }

    /** What classifies in this evaluation, e.g. {@code opennlp-doccat/liblinear}. */
    public String classifier() {
        return "opennlp-doccat/" + trainer.algorithm().id();
    }

    /** Trains on the content's intents and scores {@code test}. */
    public EvaluationReport evaluate(Content content, List<LabelledText> test) {
        return evaluate(IntentRecognizer.examples(content), content.intents(), test, "content of this bot, tested on " + test.size() + " lines");
    }

    /** Trains on {@code train} (label {@code oos} becomes an out-of-scope class) and scores {@code test}. */
    public EvaluationReport evaluate(List<LabelledText> train, List<LabelledText> test) {
        return evaluate(train, Map.of(), test, "trained on " + train.size() + " lines, tested on " + test.size() + " lines");
    }

    /**
     * Trains on {@code train} and scores {@code test} at one operating point chosen on
     * {@code validation}, the way published out-of-scope benchmarks are scored: a message is
     * answered with its top intent when that intent is not {@code oos} and its confidence reaches
     * the answer threshold, and is rejected as out of scope otherwise (no "did you mean"). The
     * threshold is the one with the best mean of in-scope accuracy and out-of-scope recall on
     * {@code validation}; {@code test} is never looked at until it is chosen.
     */
    public EvaluationReport evaluate(List<LabelledText> train, List<LabelledText> validation, List<LabelledText> test) {
        int total = test.size() + validation.size() + 1;
        progress.update(0, total);
        long start = System.nanoTime();
        var model = trainer.train(train, synonyms);
        long trainingNanos = System.nanoTime() - start;
        long modelBytes = HeapFootprint.of(model);
        progress.update(1, total);
        var tuning = new Scorer();
        tuning.score(new Classifier(model, new DecisionPolicy(thresholds, Map.of()), "validation"), validation,
                done -> progress.update(1 + done, total));
        double answer = tuning.bestRejectionThreshold();
        var scorer = new Scorer();
        scorer.trainingNanos = trainingNanos;
        scorer.answerThreshold = answer;
        scorer.modelBytes = modelBytes;
        var classifier = new Classifier(model, new DecisionPolicy(rejectionOnly(answer), Map.of()), "evaluation");
        scorer.score(classifier, test, done -> progress.update(1 + validation.size() + done, total));
        return scorer.report(String.format(Locale.ROOT,
                "trained on %d lines, answer threshold %.2f chosen on %d validation lines, tested on %d lines",
                train.size(), answer, validation.size(), test.size()));
    }

    /** Answers at {@code answer} or above, never asks "did you mean": top plus second never reach 2. */
    private static Thresholds rejectionOnly(double answer) {
        return new Thresholds(answer, 2, 1);
    }

    private EvaluationReport evaluate(List<LabelledText> train, Map<String, IntentDefinition> intents, List<LabelledText> test, String description) {
        var scorer = new Scorer();
        int total = test.size() + 1;
        progress.update(0, total);
        long start = System.nanoTime();
        var model = trainer.train(train, synonyms);
        scorer.trainingNanos += System.nanoTime() - start;
        scorer.modelBytes = HeapFootprint.of(model);
        var classifier = new Classifier(model, new DecisionPolicy(thresholds, intents), "evaluation");
        progress.update(1, total);
        scorer.score(classifier, test, done -> progress.update(1 + done, total));
        return scorer.report(description);
    }

    /**
     * Stratified k-fold cross-validation over the content's examples: each example is classified
     * by a model that never saw it.
     *
     * @throws IllegalArgumentException when {@code folds < 2}
     */
    public EvaluationReport crossValidate(Content content, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2 but was " + folds);
        }
        var byIntent = new LinkedHashMap<String, List<LabelledText>>();
        IntentRecognizer.examples(content).forEach(e -> byIntent.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e));
        var foldOf = new HashMap<LabelledText, Integer>();
        var random = new Random(seed);
        byIntent.values().forEach(list -> {
            var shuffled = new ArrayList<>(list);
            java.util.Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) {
                foldOf.put(shuffled.get(i), i % folds);
            }
        });
        var all = byIntent.values().stream().flatMap(List::stream).toList();
        var scorer = new Scorer();
        progress.update(0, folds);
        for (int fold = 0; fold < folds; fold++) {
            int current = fold;
            var train = all.stream().filter(e -> foldOf.get(e) != current).toList();
            var test = all.stream().filter(e -> foldOf.get(e) == current).toList();
            long start = System.nanoTime();
            var model = trainer.train(train, synonyms);
            scorer.trainingNanos += System.nanoTime() - start;
            if (fold == 0) {
                scorer.modelBytes = HeapFootprint.of(model);
            }
            var classifier = new Classifier(model, new DecisionPolicy(thresholds, content.intents()), "fold");
            scorer.score(classifier, test, done -> { });
            progress.update(fold + 1, folds);
        }
        return scorer.report(folds + "-fold cross-validation over " + all.size() + " examples of " + byIntent.size() + " intents");
    }

    /** Accumulates outcomes over one or more classifiers. */
    private static final class Scorer {
        private final List<LabelledText> lines = new ArrayList<>();
        private final List<Parse> parses = new ArrayList<>();
        private final List<Long> nanos = new ArrayList<>();
        private long trainingNanos;
        private double answerThreshold = Double.NaN;
        private long modelBytes;

        /**
         * The confidence threshold, in steps of 0.01, with the best mean of in-scope accuracy (top
         * intent right and confident enough) and out-of-scope recall (top intent {@code oos} or
         * not confident enough) over the lines scored; the lowest such threshold on ties. With no
         * out-of-scope lines, only in-scope accuracy counts.
         */
        double bestRejectionThreshold() {
            double best = 0;
            double bestScore = -1;
            for (int step = 0; step <= 100; step++) {
                double threshold = step / 100.0;
                int inScope = 0;
                int inScopeRight = 0;
                int oos = 0;
                int oosRejected = 0;
                for (int i = 0; i < lines.size(); i++) {
                    var parse = parses.get(i);
                    boolean accepted = parse.intent() != null && !IntentDefinition.OUT_OF_SCOPE.equals(parse.intent())
                            && parse.confidence() >= threshold;
                    if (IntentDefinition.OUT_OF_SCOPE.equals(lines.get(i).intent())) {
                        oos++;
                        oosRejected += accepted ? 0 : 1;
                    } else {
                        inScope++;
                        inScopeRight += accepted && lines.get(i).intent().equals(parse.intent()) ? 1 : 0;
                    }
                }
                double score = oos == 0 ? ratio(inScopeRight, inScope) : (ratio(inScopeRight, inScope) + ratio(oosRejected, oos)) / 2;
                if (score > bestScore + 1e-12) {
                    bestScore = score;
                    best = threshold;
                }
            }
            return best;
        }

        void score(Classifier classifier, List<LabelledText> test, IntConsumer done) {
            for (int i = 0; i < Math.min(WARM_UP, test.size()); i++) {
                classifier.parse(test.get(i).text(), Language.RU);
            }
            for (int i = 0; i < test.size(); i++) {
                var line = test.get(i);
                long start = System.nanoTime();
                var parse = classifier.parse(line.text(), Language.RU);
                nanos.add(System.nanoTime() - start);
                lines.add(line);
                parses.add(parse);
                if (i % 50 == 0 || i == test.size() - 1) {
                    done.accept(i + 1);
                }
            }
        }

        EvaluationReport report(String description) {
            int n = lines.size();
            int inScope = 0;
            int topRight = 0;
            int answeredRight = 0;
            int oos = 0;
            int oosUnanswered = 0;
            int wrongAnswers = 0;
            int clarified = 0;
            var labels = new TreeSet<String>();
            lines.forEach(l -> labels.add(l.intent()));
            parses.forEach(p -> {
                if (p.intent() != null) {
                    labels.add(p.intent());
                }
            });
            labels.add(IntentDefinition.OUT_OF_SCOPE);
            var labelList = new ArrayList<>(labels);
            var index = new HashMap<String, Integer>();
            for (int i = 0; i < labelList.size(); i++) {
                index.put(labelList.get(i), i);
            }
            var confusion = new int[labelList.size()][labelList.size()];
            var truePositives = new HashMap<String, Integer>();
            var predicted = new HashMap<String, Integer>();
            var support = new HashMap<String, Integer>();
            var topRightPerIntent = new HashMap<String, Integer>();
            var mistakes = new ArrayList<EvaluationReport.Mistake>();

            for (int i = 0; i < n; i++) {
                var expected = lines.get(i).intent();
                var parse = parses.get(i);
                var top = parse.intent() == null ? IntentDefinition.OUT_OF_SCOPE : parse.intent();
                var outcome = handledAs(parse.decision());
                boolean isOos = expected.equals(IntentDefinition.OUT_OF_SCOPE);
                confusion[index.get(expected)][index.get(top)]++;
                support.merge(expected, 1, Integer::sum);
                predicted.merge(outcome, 1, Integer::sum);
                if (outcome.equals(expected)) {
                    truePositives.merge(expected, 1, Integer::sum);
                }
                if (top.equals(expected)) {
                    topRightPerIntent.merge(expected, 1, Integer::sum);
                }
                boolean answered = parse.decision() instanceof Decision.Answer;
                if (parse.decision() instanceof Decision.Clarify) {
                    clarified++;
                }
                if (isOos) {
                    oos++;
                    if (!answered) {
                        oosUnanswered++;
                    }
                } else {
                    inScope++;
                    if (top.equals(expected)) {
                        topRight++;
                    }
                    if (outcome.equals(expected)) {
                        answeredRight++;
                    }
                }
                boolean wrongAnswer = answered && !outcome.equals(expected);
                if (wrongAnswer) {
                    wrongAnswers++;
                }
                if (!outcome.equals(expected) && mistakes.size() < MAX_MISTAKES * 4) {
                    mistakes.add(new EvaluationReport.Mistake(expected, lines.get(i).text(), describe(parse.decision()), top, parse.confidence()));
                }
            }
            // Wrong answers first (they hurt customers most), then by confidence.
            mistakes.sort(Comparator.comparing((EvaluationReport.Mistake m) -> !m.outcome().startsWith("answered"))
                    .thenComparing(Comparator.comparingDouble(EvaluationReport.Mistake::confidence).reversed()));

            var stats = new ArrayList<EvaluationReport.IntentStats>();
            double f1Sum = 0;
            for (var label : labelList) {
                int s = support.getOrDefault(label, 0);
                if (s == 0) {
                    continue;
                }
                int tp = truePositives.getOrDefault(label, 0);
                int p = predicted.getOrDefault(label, 0);
                double precision = p == 0 ? 0 : (double) tp / p;
                double recall = (double) tp / s;
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                f1Sum += f1;
                stats.add(new EvaluationReport.IntentStats(label, s, precision, recall, f1, (double) topRightPerIntent.getOrDefault(label, 0) / s));
            }
            var sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            var metrics = new EvaluationReport.Metrics(n,
                    ratio(topRight, inScope), ratio(answeredRight, inScope), oos == 0 ? Double.NaN : ratio(oosUnanswered, oos),
                    ratio(wrongAnswers, n), ratio(clarified, n), stats.isEmpty() ? 0 : f1Sum / stats.size(),
                    percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, trainingNanos / 1_000_000, answerThreshold, modelBytes);
            return new EvaluationReport(metrics, stats, labelList, confusion,
                    List.copyOf(mistakes.subList(0, Math.min(MAX_MISTAKES, mistakes.size()))), description);
        }
    }

    /** The intent a decision handles the message as; {@code oos} when nobody answers it yet. */
    static String handledAs(Decision decision) {
        if (decision instanceof Decision.Answer answer) {
            return answer.intent();
        }
        if (decision instanceof Decision.Escalate escalate && escalate.reason() == Decision.Reason.INTENT_NEEDS_PERSON
                && escalate.intent() != null) {
            return escalate.intent();
        }
        return IntentDefinition.OUT_OF_SCOPE;
    }

    private static String describe(Decision decision) {
        if (decision instanceof Decision.Answer answer) {
            return "answered " + answer.intent();
        }
        if (decision instanceof Decision.Clarify clarify) {
            return "asked: " + clarify.first() + " or " + clarify.second() + "?";
        }
        var escalate = (Decision.Escalate) decision;
        return "handed to a person (" + escalate.reason().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
