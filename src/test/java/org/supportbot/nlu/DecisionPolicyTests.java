package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.Language;

class DecisionPolicyTests {

    private static final Thresholds THRESHOLDS = new Thresholds(0.5, 0.6, 0.15);

    private static IntentDefinition intent(String name, Double threshold, boolean escalate) {
        return new IntentDefinition(name, Map.of(Language.RU, name), "general", threshold, escalate, Map.of());
    }

    private final DecisionPolicy policy = new DecisionPolicy(THRESHOLDS, Map.of(
            "order_status", intent("order_status", null, false),
            "promo_code", intent("promo_code", 0.8, false),
            "complaint", intent("complaint", null, true)));

    private static List<IntentScore> ranking(Object... pairs) {
        var ranking = new java.util.ArrayList<IntentScore>();
        for (int i = 0; i < pairs.length; i += 2) {
            ranking.add(new IntentScore((String) pairs[i], (Double) pairs[i + 1]));
        }
        return ranking;
    }

    @Test
    void answersWhenConfident() {
        assertThat(policy.decide(ranking("order_status", 0.9, "delivery_info", 0.05)))
                .isEqualTo(new Decision.Answer("order_status", 0.9));
    }

    @Test
    void answersExactlyAtTheThreshold() {
        assertThat(policy.decide(ranking("order_status", 0.5, "delivery_info", 0.3))).isInstanceOf(Decision.Answer.class);
    }

    @Test
    void usesTheIntentsOwnThreshold() {
        assertThat(policy.decide(ranking("promo_code", 0.7, "payment_failed", 0.01)))
                .isEqualTo(new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, "promo_code"));
        assertThat(policy.decide(ranking("promo_code", 0.85, "payment_failed", 0.01))).isInstanceOf(Decision.Answer.class);
    }

    @Test
    void clarifiesBetweenTwoCloseCandidates() {
        assertThat(policy.decide(ranking("order_status", 0.4, "delivery_info", 0.35, "oos", 0.1)))
                .isEqualTo(new Decision.Clarify("order_status", "delivery_info"));
    }

    @Test
    void doesNotOfferAWeakSecondCandidate() {
        assertThat(policy.decide(ranking("order_status", 0.48, "delivery_info", 0.14)))
                .isEqualTo(new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, "order_status"));
    }

    @Test
    void neverOffersOutOfScopeAsACandidate() {
        assertThat(policy.decide(ranking("order_status", 0.45, "oos", 0.4)))
                .isEqualTo(new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, "order_status"));
    }

    @Test
    void escalatesWhenConfidenceIsLow() {
        assertThat(policy.decide(ranking("order_status", 0.3, "delivery_info", 0.2, "cart_emptied", 0.2)))
                .isEqualTo(new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, "order_status"));
    }

    @Test
    void escalatesOutOfScopeEvenWhenConfident() {
        assertThat(policy.decide(ranking("oos", 0.99, "order_status", 0.01)))
                .isEqualTo(new Decision.Escalate(Decision.Reason.OUT_OF_SCOPE, null));
    }

    @Test
    void escalatesIntentsThatNeedAPerson() {
        assertThat(policy.decide(ranking("complaint", 0.9, "human_operator", 0.05)))
                .isEqualTo(new Decision.Escalate(Decision.Reason.INTENT_NEEDS_PERSON, "complaint"));
    }

    @Test
    void answersIntentsUnknownToTheContentWithGlobalThresholds() {
        assertThat(policy.decide(ranking("card_arrival", 0.6, "card_linking", 0.1))).isEqualTo(new Decision.Answer("card_arrival", 0.6));
    }

    @Test
    void escalatesAnEmptyRanking() {
        assertThat(policy.decide(List.of())).isEqualTo(new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, null));
    }

    @Test
    void rejectsThresholdsOutOfRange() {
        assertThatThrownBy(() -> new Thresholds(1.2, 0.6, 0.1)).hasMessageContaining("answer threshold must be within 0..1 but was 1.2");
        assertThatThrownBy(() -> new Thresholds(0.5, -0.1, 0.1)).hasMessageContaining("clarify");
        assertThatThrownBy(() -> new Thresholds(0.5, 0.6, Double.NaN)).hasMessageContaining("clarifyMinimum");
    }
}
