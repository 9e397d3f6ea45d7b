package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.doccat.Features;
import org.supportbot.nlu.doccat.LiblinearModel;

class IntentModelTests {

    private static IntentModel model;
    private static Classifier classifier;

    @BeforeAll
    static void train() throws IOException {
        model = new ModelTrainer(ModelTrainer.TrainingSettings.defaults())
                .train(LabelledText.readTsv(Path.of("src/test/resources/evaluate/train.tsv")));
        classifier = new Classifier(model, new DecisionPolicy(Thresholds.DEFAULTS, Map.of()), "test");
    }

    @Test
    void ranksEveryIntentWithConfidencesThatSumToOne() {
        var ranking = model.rank(TextNormalizer.tokens("сколько стоит доставка в москву"));

        assertThat(ranking).extracting(IntentScore::intent).containsExactlyInAnyOrderElementsOf(model.intents());
        assertThat(ranking.get(0).intent()).isEqualTo("delivery");
        assertThat(ranking.stream().mapToDouble(IntentScore::confidence).sum()).isCloseTo(1.0, Offset.offset(1e-9));
        assertThat(ranking).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
    }

    @Test
    void readsBackTheModelItWroteWithTheSameRanking() throws IOException {
        var bytes = new ByteArrayOutputStream();
        model.write(bytes);

        var copy = IntentModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(copy.intents()).isEqualTo(model.intents());
        assertThat(copy.doccat().getMaxentModel()).isEqualTo(model.doccat().getMaxentModel());
        for (var text : List.of("can i pay by card online", "хочу вернуть товар", "погода завтра")) {
            var tokens = TextNormalizer.tokens(text);
            assertThat(copy.rank(tokens)).as(text).isEqualTo(model.rank(tokens));
        }
    }

    @Test
    void refusesAFileInAnotherFormat() {
        assertThatThrownBy(() -> IntentModel.read(new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0})))
                .isInstanceOf(IOException.class).hasMessageContaining("not an intent model");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        var bytes = new ByteArrayOutputStream();
        model.write(bytes);
        var half = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);

        assertThatThrownBy(() -> IntentModel.read(new ByteArrayInputStream(half))).isInstanceOf(IOException.class);
    }

    @Test
    void sharpensOrFlattensConfidencesWithTheScaleWithoutReranking() {
        var tokens = TextNormalizer.tokens("хочу вернуть товар");
        var svms = (LiblinearModel) model.doccat().getMaxentModel();
        var factory = new DoccatFactory(Features.generators());
        var sharp = new IntentModel(new DoccatModel("mul", svms.withScale(svms.scale() * 2), Map.of(), factory)).rank(tokens);
        var flat = new IntentModel(new DoccatModel("mul", svms.withScale(svms.scale() / 2), Map.of(), factory)).rank(tokens);

        assertThat(flat).extracting(IntentScore::intent).containsExactlyElementsOf(sharp.stream().map(IntentScore::intent).toList());
        assertThat(flat.get(0).confidence()).isLessThan(sharp.get(0).confidence());
    }

    @Test
    void ranksNothingForAMessageWithoutWords() {
        assertThat(model.rank(TextNormalizer.tokens(""))).isEmpty();
        assertThat(model.rank(TextNormalizer.tokens("?! …"))).isEmpty();
        assertThat(classifier.parse("", Language.RU).decision()).isEqualTo(new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, null));
    }

    @Test
    void givesEveryIntentTheSameConfidenceWhenNoFeatureIsKnown() {
        var ranking = model.rank(TextNormalizer.tokens("ωωω ψψψψ"));

        assertThat(ranking).hasSize(model.intents().size());
        assertThat(ranking).allSatisfy(score -> assertThat(score.confidence()).isCloseTo(1.0 / model.intents().size(), Offset.offset(1e-9)));
        assertThat(classifier.parse("ωωω ψψψψ", Language.RU).decision()).isInstanceOf(Decision.Escalate.class);
    }

    @Test
    void classifiesAOneWordMessage() {
        var ranking = model.rank(TextNormalizer.tokens("доставка"));

        assertThat(ranking.get(0).intent()).isEqualTo("delivery");
        assertThat(ranking.get(0).confidence()).isGreaterThan(ranking.get(1).confidence());
    }

    @Test
    void readsRussianTypedOnTheEnglishLayout() {
        assertThat(MistypedRussian.switchLayout("Crjkmrj cnjbn ljcnfdrf?")).isEqualTo("Сколько стоит доставка?");

        var parse = classifier.parse("crjkmrj cnjbn ljcnfdrf", Language.EN);

        assertThat(parse.intent()).isEqualTo("delivery");
        assertThat(parse.language()).isEqualTo(Language.RU);
    }

    @Test
    void readsTransliteratedRussian() {
        assertThat(MistypedRussian.transliterate("Khochu vernut tovar")).isEqualTo("хочу вернут товар");

        var parse = classifier.parse("khochu vernut tovar", Language.EN);

        assertThat(parse.intent()).isEqualTo("returns");
        assertThat(parse.language()).isEqualTo(Language.RU);
    }

    @Test
    void leavesEnglishTheModelKnowsAsEnglish() {
        assertThat(MistypedRussian.mayBe("how can i pay")).isTrue();
        assertThat(MistypedRussian.mayBe("как оплатить, pay")).isFalse();
        assertThat(MistypedRussian.mayBe("ty")).as("too short to tell").isFalse();

        var parse = classifier.parse("how can i pay", Language.RU);

        assertThat(parse.intent()).isEqualTo("payment");
        assertThat(parse.language()).isEqualTo(Language.EN);
    }
}
