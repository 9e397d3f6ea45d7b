package org.supportbot.nlu.doccat;

import java.util.List;

/** Fits the scale of {@link IntentModel}'s softmax to held-out decision values. */
final class Calibration {

    private static final double LOWEST = 0.5;
    private static final double HIGHEST = 200;

    private Calibration() {
    }

    /**
     * The scale within 0.5..200 with the least mean log-loss of the softmax of {@code scale · scores}
     * against the true classes (a golden-section search over the logarithm of the scale; log-loss is
     * convex in the scale).
     *
     * @param scores the decision values of each held-out example
     * @param truth the true class of each, an index into its scores
     */
    static double bestScale(List<double[]> scores, int[] truth) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = Math.log(LOWEST);
        double b = Math.log(HIGHEST);
        double x1 = b - phi * (b - a);
        double x2 = a + phi * (b - a);
        double f1 = logLoss(scores, truth, Math.exp(x1));
        double f2 = logLoss(scores, truth, Math.exp(x2));
        for (int i = 0; i < 40; i++) {
            if (f1 < f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - phi * (b - a);
                f1 = logLoss(scores, truth, Math.exp(x1));
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + phi * (b - a);
                f2 = logLoss(scores, truth, Math.exp(x2));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Mean negative log-likelihood of the true classes under the softmax of {@code scale · scores}. */
    static double logLoss(List<double[]> scores, int[] truth, double scale) {
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] s = scores.get(i);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : s) {
                sum += Math.exp(scale * (v - max));
            }
            total += Math.log(sum) - scale * (s[truth[i]] - max);
        }
        return total / truth.length;
    }
}
