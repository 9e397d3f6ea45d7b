package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportbot.knowledge.KnowledgeBase;

/**
 * A floor under the bot's understanding of its own content: trained on {@code intents/} and scored
 * on the independently written {@code eval/holdout-*.tsv}. Only accuracy is checked, never time.
 * The floors sit one or two points under the measured figures (README, "Benchmarks"; training is
 * seeded, so they do not vary from run to run): a change that loses real accuracy trips them.
 */
class AccuracyFloorTests {

    private static EvaluationReport.Metrics holdout;

    @BeforeAll
    static void trainOnTheContentAndScoreTheHoldoutFiles() throws IOException {
        var load = KnowledgeBase.load(Path.of("."));
        assertThat(load.errors()).as("the repository's content is valid").isEmpty();
        var lines = new ArrayList<LabelledText>();
        lines.addAll(LabelledText.readTsv(Path.of("eval/holdout-ru.tsv")));
        lines.addAll(LabelledText.readTsv(Path.of("eval/holdout-en.tsv")));
        holdout = new Evaluation(Thresholds.DEFAULTS, Evaluation.Progress.NONE).withSynonymsOf(Path.of("."))
                .evaluate(load.content(), lines).metrics();
    }

    @Test
    void picksTheRightIntentForAlmostEveryInScopeHoldoutLine() {
        assertThat(holdout.inScopeAccuracy()).as("%s", holdout).isGreaterThanOrEqualTo(IN_SCOPE_FLOOR);
    }

    @Test
    void answersMostInScopeHoldoutLinesOutright() {
        assertThat(holdout.answeredCorrectRate()).as("%s", holdout).isGreaterThanOrEqualTo(ANSWERED_FLOOR);
    }

    @Test
    void leavesOutOfScopeHoldoutLinesUnanswered() {
        assertThat(holdout.oosRecall()).as("%s", holdout).isGreaterThanOrEqualTo(OOS_RECALL_FLOOR);
    }

    @Test
    void rarelyAnswersAHoldoutLineWrongly() {
        assertThat(holdout.wrongAnswerRate()).as("%s", holdout).isLessThanOrEqualTo(WRONG_ANSWER_CEILING);
    }

    private static final double IN_SCOPE_FLOOR = 0.975;
    private static final double ANSWERED_FLOOR = 0.96;
    private static final double OOS_RECALL_FLOOR = 0.96;
    private static final double WRONG_ANSWER_CEILING = 0.015;
}
