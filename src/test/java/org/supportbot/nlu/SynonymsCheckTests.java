package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.knowledge.ContentProblem;

class SynonymsCheckTests {

    @TempDir
    Path dir;

    @Test
    void theProjectsOwnSynonymsHaveNoProblems() {
        assertThat(SynonymsCheck.problems(Path.of("."))).isEmpty();
    }

    @Test
    void aFolderWithoutSynonymsHasNoProblems() {
        assertThat(SynonymsCheck.problems(dir)).isEmpty();
    }

    @Test
    void eachBadEntryIsReportedAtItsLine() throws IOException {
        Files.writeString(dir.resolve(Synonyms.FILE), """
                # slang
                акк: аккаунт
                слишком длинная фраза тут: нет
                пусто:
                "!!": знаки
                АКК: учетная запись
                лк: [личный, кабинет]
                заказ: заказ
                пвз: пункт выдачи
                выдачи: получения
                """);

        assertThat(SynonymsCheck.problems(dir)).extracting(ContentProblem::toString).containsExactly(
                "synonyms.yaml:3: 'слишком длинная фраза тут' has 4 words; a phrase may have 1 to 3",
                "synonyms.yaml:4: 'пусто' has nothing to read instead; write the words after the colon",
                "synonyms.yaml:5: '!!' has no words to replace",
                "synonyms.yaml:6: 'акк' is already listed on line 2",
                "synonyms.yaml:7: write one 'phrase: what to read instead' per line (no lists or nested entries)",
                "synonyms.yaml:8: warning: 'заказ' is replaced by itself; the line does nothing",
                "synonyms.yaml:9: warning: 'пвз' is replaced by 'пункт выдачи', but 'выдачи' is itself replaced (line 10)"
                        + " and replacements are not applied twice: write the final words");
    }

    @Test
    void brokenYamlIsReportedAtTheLineOfTheMistake() throws IOException {
        Files.writeString(dir.resolve(Synonyms.FILE), "акк: аккаунт\nлк: [личный\nпвз: пункт\n");

        assertThat(SynonymsCheck.problems(dir)).singleElement().satisfies(problem -> {
            assertThat(problem.isError()).isTrue();
            assertThat(problem.toString()).startsWith("synonyms.yaml:").contains("not valid YAML");
            assertThat(problem.line()).isBetween(2, 4);
        });
    }

    @Test
    void aListInsteadOfAMappingIsAnError() throws IOException {
        Files.writeString(dir.resolve(Synonyms.FILE), "- акк\n- лк\n");

        assertThat(SynonymsCheck.problems(dir)).extracting(ContentProblem::toString)
                .containsExactly("synonyms.yaml:1: must be 'phrase: what to read instead' entries, one per line");
    }
}
