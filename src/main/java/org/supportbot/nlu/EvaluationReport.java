package org.supportbot.nlu;

import java.util.List;

/**
 * How well the bot did on a labelled set.
 *
 * @param metrics the headline figures
 * @param intents per-intent figures, by name
 * @param labels the row and column labels of {@code confusion}
 * @param confusion {@code confusion[expected][top]}: how often a line labelled {@code labels[expected]}
 *        had {@code labels[top]} as its top intent
 * @param mistakes lines the bot answered wrongly or did not answer, worst first (at most 500)
 * @param description what was evaluated, for the report's heading
 */
public record EvaluationReport(
        Metrics metrics, List<IntentStats> intents, List<String> labels, int[][] confusion, List<Mistake> mistakes, String description) {

    /**
     * The headline figures, all rates within 0..1.
     *
     * @param n lines evaluated
     * @param inScopeAccuracy top intent right, over in-scope lines
     * @param answeredCorrectRate answered (or handed over, for intents that need a person) with the right intent, over in-scope lines
     * @param oosRecall out-of-scope lines not answered, over out-of-scope lines (NaN when there are none)
     * @param wrongAnswerRate answered with a wrong intent, over all lines
     * @param clarifyRate lines answered with "did you mean", over all lines
     * @param macroF1 F1 of the decision's intent ({@code oos} when not answered), averaged over expected labels
     * @param p50Micros median classification time in microseconds
     * @param p99Micros 99th percentile classification time in microseconds
     * @param trainingMillis time spent training, in milliseconds
     * @param answerThreshold the answer threshold chosen on a validation set for this evaluation, or NaN when the
     *        configured thresholds were used
     * @param modelBytes heap taken by the trained model (by the first fold's, in cross-validation), measured after garbage
     *        collection
     */
    public record Metrics(int n, double inScopeAccuracy, double answeredCorrectRate, double oosRecall, double wrongAnswerRate,
            double clarifyRate, double macroF1, double p50Micros, double p99Micros, long trainingMillis, double answerThreshold,
            long modelBytes) {
    }

    /** Figures of one expected intent: how many lines, and precision, recall and F1 of the decision. */
    public record IntentStats(String intent, int support, double precision, double recall, double f1, double topAccuracy) {
    }

    /** A line the bot got wrong. {@code outcome} is what the bot did: answered X, clarified, escalated. */
    public record Mistake(String expected, String text, String outcome, String topIntent, double confidence) {
    }
}
