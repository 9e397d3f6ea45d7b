package org.supportbot.nlu;

/**
 * The global confidence thresholds of the decision policy. Set with {@code supportbot.nlu.answer-threshold},
 * {@code supportbot.nlu.clarify-threshold} and {@code supportbot.nlu.clarify-minimum}; an intent file may
 * override {@code answer} with its own {@code threshold:}.
 *
 * @param answer confidence needed to answer (0..1)
 * @param clarify combined confidence of the two best candidates needed to ask "A or B?" (0..2)
 * @param clarifyMinimum confidence the second candidate needs to be offered at all (0..1)
 */
public record Thresholds(double answer, double clarify, double clarifyMinimum) {

    public static final Thresholds DEFAULTS = new Thresholds(0.5, 0.6, 0.15);

    public Thresholds {
        require("answer", answer, 1, "1");
        require("clarify", clarify, 2, "2");
        require("clarifyMinimum", clarifyMinimum, 1, "1");
    }

    private static void require(String name, double value, double max, String maxText) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(name + " threshold must be within 0.." + maxText + " but was " + value);
        }
    }
}
