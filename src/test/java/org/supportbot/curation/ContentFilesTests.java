package org.supportbot.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.yaml.snakeyaml.Yaml;

class ContentFilesTests {

    private static final String INTENT = """
            # Gift wrapping: whether it exists and what it costs.
            intent: gift_wrapping
            title:
              ru: Подарочная упаковка
              en: Gift wrapping
            examples:
              ru:
                - есть подарочная упаковка?
                # prices
                - сколько стоит упаковка
              en:
                - do you gift wrap
                - "what's the price of wrapping"
            queue: general
            """;

    @TempDir
    Path dir;

    @Test
    void addsOneLinePerPhraseAfterTheLastExampleOfTheLanguageAndTouchesNothingElse() {
        var edited = ContentFiles.withExamples(INTENT, Language.RU, List.of("упакуете в подарок?", "упаковка: сколько"));
        assertThat(edited).isEqualTo(INTENT.replace("    - сколько стоит упаковка\n",
                "    - сколько стоит упаковка\n    - упакуете в подарок?\n    - \"упаковка: сколько\"\n"));
    }

    @Test
    void addsTheLanguageListWhenTheIntentHasNone() {
        var text = """
                intent: gift_wrapping
                examples:
                  ru:
                    - есть подарочная упаковка?
                queue: general
                """;
        var edited = ContentFiles.withExamples(text, Language.EN, List.of("do you gift wrap"));
        assertThat(edited).isEqualTo(text.replace("    - есть подарочная упаковка?\n", "    - есть подарочная упаковка?\n  en:\n    - do you gift wrap\n"));
    }

    @Test
    void keepsWindowsLineEndings() {
        var edited = ContentFiles.withExamples(INTENT.replace("\n", "\r\n"), Language.EN, List.of("wrap it please"));
        assertThat(edited).isEqualTo(INTENT.replace("    - \"what's the price of wrapping\"\n", "    - \"what's the price of wrapping\"\n    - wrap it please\n")
                .replace("\n", "\r\n"));
    }

    @Test
    void refusesAFlowStyleListItCannotEditLineByLine() {
        assertThatThrownBy(() -> ContentFiles.withExamples("intent: a\nexamples:\n  ru: [раз, два]\n", Language.RU, List.of("три")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by hand");
    }

    @Test
    void quotesWhatYamlWouldReadOtherwiseAndNeverLetsALineBreakThrough() {
        var hostile = List.of("yes", "123", "a: b", "# not a comment", "- dash", "[phone] позвоните", "он сказал \"привет\" \\ всё",
                "строка\nintent: hacked", "@mention", "{name}", "* star", "&anchor", "!tag", "%percent", "'single'", "true", "null", "~");
        for (var phrase : hostile) {
            var line = ContentFiles.yamlScalar(phrase);
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            var read = new Yaml().load("- " + line);
            assertThat(read).as(phrase).isEqualTo(List.of(EditorText.clean(phrase)));
        }
        assertThat(ContentFiles.yamlScalar("сколько стоит доставка?")).isEqualTo("сколько стоит доставка?");
    }

    @Test
    void createsAnIntentAndAnAnswerThatTheContentCheckAccepts() throws IOException {
        Files.createDirectories(dir.resolve("intents"));
        Files.createDirectories(dir.resolve("knowledge-base"));
        var files = new ContentFiles(dir).createIntent("gift_certificate", "Drafted from 3 customer questions", Language.RU, "Подарочный сертификат",
                List.of("есть подарочные сертификаты?", "как купить сертификат", "сертификат: на какую сумму"),
                "Да, сертификаты есть: от 1 000 до 10 000 ₽.\n---\n# Где купить\nВ любом магазине {city}.");
        assertThat(files).containsExactly(dir.resolve("intents/gift_certificate.yaml"), dir.resolve("knowledge-base/gift_certificate.md"));
        assertThat(Files.readString(files.get(0))).isEqualTo("""
                # Drafted from 3 customer questions
                intent: gift_certificate
                title:
                  ru: Подарочный сертификат
                queue: general
                examples:
                  ru:
                    - есть подарочные сертификаты?
                    - как купить сертификат
                    - "сертификат: на какую сумму"
                """);
        assertThat(Files.readString(files.get(1))).isEqualTo("""
                ---
                intent: gift_certificate
                ---
                ## ru

                Да, сертификаты есть: от 1 000 до 10 000 ₽.
                —
                Где купить
                В любом магазине (city).

                ## en

                Да, сертификаты есть: от 1 000 до 10 000 ₽.
                —
                Где купить
                В любом магазине (city).
                """);
        var load = KnowledgeBase.load(dir);
        assertThat(load.errors()).isEmpty();
        assertThat(load.content().intent("gift_certificate")).hasValueSatisfying(i -> assertThat(i.examples(Language.RU)).hasSize(3));
        assertThatThrownBy(() -> new ContentFiles(dir).createIntent("gift_certificate", "again", Language.RU, "t", List.of("x"), "y"))
                .hasMessageContaining("exists already");
    }

    @Test
    void masksPhonesEmailsAndCardsAndKeepsOrderNumbers() {
        assertThat(EditorText.clean("мой номер +7 (912) 345-67-89, почта anna.k@mail.ru, карта 4276 3800 1234 5678, заказ 1234567"))
                .isEqualTo("мой номер [phone], почта [email], карта [card], заказ 1234567");
        assertThat(EditorText.clean("позвоните 89123456789\nпожалуйста")).isEqualTo("позвоните [phone] пожалуйста");
        assertThat(EditorText.clean("x".repeat(1000))).hasSize(EditorText.MAX_LENGTH);
    }

}
