package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynonymsTests {

    @TempDir
    Path dir;

    @Test
    void replacesTheLongestKnownPhraseAtEachPlace() {
        var synonyms = new Synonyms(Map.of("лк", "личный кабинет", "лич кабинет", "личный кабинет", "пж", "пожалуйста"));

        assertThat(synonyms.apply(TextNormalizer.tokens("Не могу войти в ЛК, пж"))).containsExactly("не", "могу", "войти", "в", "личный", "кабинет", "пожалуйста");
        assertThat(synonyms.apply(TextNormalizer.tokens("лич кабинет"))).containsExactly("личный", "кабинет");
        assertThat(synonyms.apply(TextNormalizer.tokens("лк лк"))).containsExactly("личный", "кабинет", "личный", "кабинет");
    }

    @Test
    void readsTheEditorsFileAndSkipsEntriesThatAreNotWordsForWords() throws IOException {
        Files.writeString(dir.resolve(Synonyms.FILE), """
                Акк: аккаунт
                ПВЗ: пункт выдачи
                "": пусто
                слишком длинная фраза тут: нет
                пусто:
                """);

        var synonyms = Synonyms.read(dir);

        assertThat(synonyms.replacements()).isEqualTo(Map.of("акк", "аккаунт", "пвз", "пункт выдачи"));
    }

    @Test
    void aMissingOrBrokenFileMeansNoSynonyms() throws IOException {
        assertThat(Synonyms.read(dir)).isEqualTo(Synonyms.NONE);

        Files.writeString(dir.resolve(Synonyms.FILE), "акк: [аккаунт\n");
        assertThat(Synonyms.read(dir)).isEqualTo(Synonyms.NONE);
    }

    @Test
    void theModelKeepsItsSynonymsInItsPackageAndReadsMessagesWithThem() throws IOException {
        var examples = LabelledText.readTsv(Path.of("src/test/resources/evaluate/train.tsv"));
        var model = new ModelTrainer(ModelTrainer.TrainingSettings.defaults()).train(examples, new Synonyms(Map.of("дост", "доставка")));
        var bytes = new ByteArrayOutputStream();
        model.write(bytes);

        var copy = IntentModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(copy.tokens("сколько стоит дост")).containsExactly("сколько", "стоит", "доставка");
        assertThat(copy.rank(copy.tokens("дост")).get(0).intent()).isEqualTo("delivery");
        assertThat(copy.rank(copy.tokens("дост"))).isEqualTo(model.rank(TextNormalizer.tokens("доставка")));
    }

    @Test
    void changingTheSynonymsChangesTheirFingerprint() {
        assertThat(new Synonyms(Map.of("акк", "аккаунт")).fingerprint()).isNotEqualTo(new Synonyms(Map.of("акк", "учетная запись")).fingerprint())
                .isEqualTo(new Synonyms(Map.of("акк", "аккаунт")).fingerprint());
    }
}
