package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTests {

    private static IntentModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        model = new ModelTrainer(ModelTrainer.TrainingSettings.defaults())
                .train(LabelledText.readTsv(Path.of("src/test/resources/evaluate/train.tsv")));
    }

    @Test
    void givesBackTheModelPutUnderAKeyWithTheSameRanking() {
        var cache = new ModelCache(dir);

        cache.put("content-a", model);
        var copy = cache.get("content-a");

        assertThat(copy).isPresent();
        var tokens = TextNormalizer.tokens("сколько стоит доставка");
        assertThat(copy.get().rank(tokens)).isEqualTo(model.rank(tokens));
        assertThat(cache.get("content-b")).isEmpty();
    }

    @Test
    void ignoresAModelFileOfAnOlderFormat() throws IOException {
        Files.write(dir.resolve("old.bin"), new byte[] {0x53, 0x42, 0x49, 0x33, 0, 0, 0, 0}); // "SBI3", before OpenNLP's model package

        assertThat(new ModelCache(dir).get("old")).isEmpty();
    }

    @Test
    void namesTheTrainingSettingsAndVersionInTheKey() {
        assertThat(new ModelTrainer(ModelTrainer.TrainingSettings.defaults()).settingsKey()).startsWith(ModelTrainer.VERSION + "-");
    }
}
