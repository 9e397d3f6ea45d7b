package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class IntentModelTests {

    private static IntentModel model;

    @BeforeAll
    static void train() throws IOException {
        if (LoggerFactory.getLogger("opennlp") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        model = new ModelTrainer(ModelTrainer.TrainingSettings.defaults())
                .train(LabelledText.readTsv(Path.of("src/test/resources/evaluate/train.tsv")));
    }

    @Test
    void ranksEveryIntentWithConfidencesThatSumToOne() {
        var ranking = model.rank(TextNormalizer.tokens("сколько стоит доставка в москву"));

        assertThat(ranking).extracting(IntentScore::intent).containsExactlyInAnyOrderElementsOf(model.intents());
        assertThat(ranking.get(0).intent()).isEqualTo("delivery");
        assertThat(ranking.stream().mapToDouble(IntentScore::confidence).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ranking).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
    }

    @Test
    void readsBackTheModelItWroteWithTheSameRanking() throws IOException {
        var bytes = new ByteArrayOutputStream();
        model.write(bytes);

        var copy = IntentModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        var tokens = TextNormalizer.tokens("can i pay by card online");
        assertThat(copy.intents()).isEqualTo(model.intents());
        assertThat(copy.rank(tokens)).isEqualTo(model.rank(tokens));
    }

    @Test
    void refusesAFileInAnotherFormat() {
        assertThatThrownBy(() -> IntentModel.read(new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0})))
                .isInstanceOf(IOException.class).hasMessageContaining("not an intent model");
    }

    @Test
    void sharpensOrFlattensConfidencesWithTheScaleWithoutReranking() {
        var tokens = TextNormalizer.tokens("хочу вернуть товар");
        var sharp = model.withScale(model.scale() * 2).rank(tokens);
        var flat = model.withScale(model.scale() / 2).rank(tokens);

        assertThat(flat).extracting(IntentScore::intent).containsExactlyElementsOf(sharp.stream().map(IntentScore::intent).toList());
        assertThat(flat.get(0).confidence()).isLessThan(sharp.get(0).confidence());
    }
}
