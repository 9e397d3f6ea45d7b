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

    /**
     * The thresholds the server would use: {@link #DEFAULTS}, overridden by the environment variables
     * {@code SUPPORTBOT_NLU_ANSWER_THRESHOLD}, {@code SUPPORTBOT_NLU_CLARIFY_THRESHOLD} and
     * {@code SUPPORTBOT_NLU_CLARIFY_MINIMUM}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not a number in range
     */
    public static Thresholds fromEnvironment(java.util.function.UnaryOperator<String> environment) {
        return new Thresholds(
                read(environment, "SUPPORTBOT_NLU_ANSWER_THRESHOLD", DEFAULTS.answer()),
                read(environment, "SUPPORTBOT_NLU_CLARIFY_THRESHOLD", DEFAULTS.clarify()),
                read(environment, "SUPPORTBOT_NLU_CLARIFY_MINIMUM", DEFAULTS.clarifyMinimum()));
    }

    private static double read(java.util.function.UnaryOperator<String> environment, String name, double fallback) {
        var value = environment.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number like 0.5 but was '" + value + "'");
        }
    }

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
