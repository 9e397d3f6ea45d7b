package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipInputStream;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.supportbot.nlu.doccat.CharacterGramFeatures;
import org.supportbot.nlu.doccat.LiblinearModelSerializer;
import org.supportbot.nlu.doccat.StemFeatures;

/** The intent model as an OpenNLP document categorizer: every algorithm, and the model package on disk. */
class DoccatModelTests {

    private static List<LabelledText> examples;

    @BeforeAll
    static void readExamples() throws IOException {
        examples = LabelledText.readTsv(Path.of("src/test/resources/evaluate/train.tsv"));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void eachAlgorithmTrainsAModelThatClassifiesAndSurvivesItsModelPackage(Algorithm algorithm) throws IOException {
        var model = new ModelTrainer(ModelTrainer.TrainingSettings.defaults(), algorithm).train(examples);

        assertThat(model.describe()).isEqualTo("opennlp-doccat/" + algorithm.id());
        var tokens = TextNormalizer.tokens("сколько стоит доставка в москву");
        assertThat(model.rank(tokens).get(0).intent()).isEqualTo("delivery");
        assertThat(model.rank(TextNormalizer.tokens("can i pay by card online")).get(0).intent()).isEqualTo("payment");
        var bytes = new ByteArrayOutputStream();
        model.write(bytes);
        var copy = IntentModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(copy.describe()).isEqualTo(model.describe());
        assertThat(copy.rank(tokens)).isEqualTo(model.rank(tokens));
    }

    @Test
    void theLiblinearModelIsAnOpenNlpModelPackageThatOpenNlpReadsWithItsOwnApi() throws IOException {
        var model = new ModelTrainer(ModelTrainer.TrainingSettings.defaults(), Algorithm.LIBLINEAR).train(examples);
        var bytes = new ByteArrayOutputStream();
        model.write(bytes);

        var entries = new ArrayList<String>();
        var manifest = new Properties();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                if (entry.getName().equals("manifest.properties")) {
                    manifest.load(zip);
                }
            }
        }
        assertThat(entries).contains("manifest.properties", "doccat.model");
        assertThat(manifest.getProperty("serializer-class-doccat.model")).isEqualTo(LiblinearModelSerializer.class.getName());
        assertThat(manifest.getProperty("doccat.featureGenerators"))
                .isEqualTo(StemFeatures.class.getName() + "," + CharacterGramFeatures.class.getName());

        var categorizer = new DocumentCategorizerME(new DoccatModel(new ByteArrayInputStream(bytes.toByteArray())));
        var tokens = TextNormalizer.tokens("хочу вернуть товар");
        var probabilities = categorizer.categorize(tokens);
        assertThat(categorizer.getBestCategory(probabilities)).isEqualTo("returns");
        assertThat(probabilities[categorizer.getIndex("returns")]).isCloseTo(model.rank(tokens).get(0).confidence(), Offset.offset(1e-12));
    }

    @Test
    void anEnsembleAveragesItsMembersAndOpenNlpReadsItBackWithItsOwnApi() throws IOException {
        var ensemble = new ModelTrainer(ModelTrainer.TrainingSettings.defaults(), Algorithm.LIBLINEAR_PLUS_NAIVEBAYES).train(examples);
        var liblinear = new ModelTrainer(ModelTrainer.TrainingSettings.defaults(), Algorithm.LIBLINEAR).train(examples);
        var naiveBayes = new ModelTrainer(ModelTrainer.TrainingSettings.defaults(), Algorithm.NAIVEBAYES).train(examples);
        var tokens = TextNormalizer.tokens("хочу вернуть товар");

        var both = liblinear.rank(tokens).stream().collect(java.util.stream.Collectors.toMap(IntentScore::intent, IntentScore::confidence));
        naiveBayes.rank(tokens).forEach(score -> both.merge(score.intent(), score.confidence(), (a, b) -> (a + b) / 2));
        assertThat(ensemble.rank(tokens)).allSatisfy(score ->
                assertThat(score.confidence()).isCloseTo(both.get(score.intent()), Offset.offset(1e-9)));
        var bytes = new ByteArrayOutputStream();
        ensemble.write(bytes);
        var categorizer = new DocumentCategorizerME(new DoccatModel(new ByteArrayInputStream(bytes.toByteArray())));
        var probabilities = categorizer.categorize(tokens);
        assertThat(categorizer.getBestCategory(probabilities)).isEqualTo("returns");
        assertThat(probabilities[categorizer.getIndex("returns")]).isCloseTo(both.get("returns"), Offset.offset(1e-9));
    }

    @Test
    void refusesAnUnknownAlgorithmNamingTheKnownOnes() {
        assertThat(Algorithm.of("liblinear+naivebayes")).isEqualTo(Algorithm.LIBLINEAR_PLUS_NAIVEBAYES);
        assertThat(Algorithm.LIBLINEAR_PLUS_MAXENT.id()).isEqualTo("liblinear+maxent");
        assertThat(Algorithm.of("MAXENT_QN")).isEqualTo(Algorithm.MAXENT_QN);
        assertThat(Algorithm.of("NaiveBayes")).isEqualTo(Algorithm.NAIVEBAYES);
        assertThatThrownBy(() -> Algorithm.of("svm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liblinear").hasMessageContaining("maxent_qn");
    }

    @Test
    void splitsAMessageIntoTheTokensTheModelSeesWithTheirPlaces() {
        var tokenizer = new MessageTokenizer();
        var text = "Где заказ №123?";

        assertThat(tokenizer.tokenize(text)).containsExactly("где", "заказ", "123");
        assertThat(tokenizer.tokenizePos(text)).extracting(span -> span.getCoveredText(text).toString())
                .containsExactly("Где", "заказ", "123");
    }
}
