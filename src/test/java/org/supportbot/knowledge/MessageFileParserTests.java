package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One {@code messages/*.yaml} file: its texts, and each mistake an editor can make, at its line. */
class MessageFileParserTests {

    private final List<ContentProblem> problems = new ArrayList<>();

    private Map<MessageKey, MessageFileParser.Parsed> parse(String yaml) {
        return new MessageFileParser(Path.of("messages/bot.yaml"), problems).parse(yaml);
    }

    private List<String> messages() {
        return problems.stream().map(ContentProblem::toString).toList();
    }

    @Test
    void readsOneTextOrAListOfTextsPerLanguage() {
        var parsed = parse("""
                # a comment
                empty: {ru: "Пусто?", en: "Empty?"}
                clarify:
                  ru:
                    - "Уточните, пожалуйста."
                    - "{name}, уточните."
                  en: "Which one?"
                """);
        assertThat(problems).isEmpty();
        assertThat(parsed).containsOnlyKeys(MessageKey.EMPTY, MessageKey.CLARIFY);
        assertThat(parsed.get(MessageKey.CLARIFY).line()).isEqualTo(3);
        assertThat(parsed.get(MessageKey.CLARIFY).texts().get(Language.RU)).extracting(MessageTemplate::source)
                .containsExactly("Уточните, пожалуйста.", "{name}, уточните.");
    }

    @Test
    void keepsTheLineBreaksOfAMultiLineText() {
        var parsed = parse("""
                start:
                  ru:
                    - |-
                      Здравствуйте!

                      Выберите тему.
                  en: "Hello!"
                """);
        var text = parsed.get(MessageKey.START).texts().get(Language.RU).get(0).render(Map.of(), Language.RU);
        assertThat(text).isEqualTo("Здравствуйте!\n\nВыберите тему.");
    }

    @Test
    void reportsAnUnknownMessageAtItsLine() {
        parse("""
                empty: {ru: "Пусто?", en: "Empty?"}
                strat:
                  ru: "Здравствуйте!"
                  en: "Hello!"
                """);
        assertThat(messages()).containsExactly("messages/bot.yaml:2: unknown message 'strat': the bot has no message by that name (check the spelling)");
    }

    @Test
    void reportsAMissingLanguageAtTheMessage() {
        var parsed = parse("""
                empty:
                  ru: "Пусто?"
                """);
        assertThat(parsed).isEmpty();
        assertThat(messages()).containsExactly("messages/bot.yaml:1: 'empty' has no en text: customers writing in en would get none");
    }

    @Test
    void reportsUnbalancedBracesAtTheTextsLine() {
        parse("""
                queued:
                  ru: "Ваш номер в очереди — {position, ожидание — около {wait}."
                  en: "You're number {position} in the queue; the wait is about {wait}."
                """);
        assertThat(messages()).singleElement().asString().startsWith("messages/bot.yaml:2: 'queued' (ru): ");
    }

    @Test
    void reportsAPlaceholderTheMessageDoesNotTake() {
        parse("""
                empty:
                  ru: "Пусто?"
                  en: "Empty, {operator}?"
                """);
        assertThat(messages()).containsExactly("messages/bot.yaml:3: 'empty' (en): unknown placeholder {operator} here (this message takes {name})");
    }

    @Test
    void reportsAnEmptyText() {
        parse("""
                empty:
                  ru:
                    - "Пусто?"
                    - ""
                  en: "Empty?"
                """);
        assertThat(messages()).containsExactly("messages/bot.yaml:4: empty text in 'empty' (ru)");
    }

    @Test
    void reportsAPluralMissingAForm() {
        parse("""
                duration.minutes:
                  ru: "{count, plural, one{# минуту} few{# минуты} many{# минут}}"
                  en: "{count, plural, one{# minute}}"
                """);
        assertThat(messages()).containsExactly(
                "messages/bot.yaml:3: 'duration.minutes' (en): the plural of {count} lacks the form 'other' (en needs one, other)");
    }

    @Test
    void reportsATextWithTheNameThatIsNotInQuotes() {
        parse("""
                handoff:
                  ru:
                    - {name}, передаю оператору.
                    - "Передаю оператору."
                  en: "Passing you on."
                """);
        assertThat(messages()).singleElement().asString().startsWith("messages/bot.yaml:3: YAML syntax error: ")
                .endsWith("(a text that starts with '{' must be in quotes, like \"{name}, hello!\")");
    }

    @Test
    void reportsALanguageWhoseEveryTextUsesTheName() {
        parse("""
                handoff:
                  ru: "{name}, передаю оператору."
                  en: "Passing you on."
                """);
        assertThat(messages()).containsExactly(
                "messages/bot.yaml:2: every ru text of 'handoff' uses {name}; add one without it for customers whose name is unknown");
    }

    @Test
    void reportsALabelWithSeveralTexts() {
        parse("""
                button.yes:
                  ru: ["Да", "Ага"]
                  en: "Yes"
                """);
        assertThat(messages()).containsExactly("messages/bot.yaml:2: 'button.yes' (ru) takes exactly one text, not 2: it is a label or a word");
    }

    @Test
    void reportsAMessageWrittenTwiceInOneFile() {
        parse("""
                empty: {ru: "Пусто?", en: "Empty?"}
                empty: {ru: "Пусто!", en: "Empty!"}
                """);
        assertThat(messages()).containsExactly("messages/bot.yaml:2: message 'empty' is already at line 1");
    }

    @Test
    void reportsAnUnknownLanguage() {
        parse("""
                empty: {ru: "Пусто?", en: "Empty?", de: "Leer?"}
                """);
        assertThat(messages()).containsExactly("messages/bot.yaml:1: unknown language 'de' in 'empty' (use ru or en)");
    }

    @Test
    void reportsAYamlSyntaxErrorAtItsLine() {
        parse("empty:\n  ru: \"Пусто?\"\n\ten: \"Empty?\"\n");
        assertThat(messages()).singleElement().asString().startsWith("messages/bot.yaml:3: YAML syntax error");
    }

    @Test
    void readsPluralsThatRenderByTheNumber() {
        var texts = parse("""
                queued:
                  ru: "Перед вами {position, plural, one{# человек} few{# человека} many{# человек}}, ждать {wait}."
                  en: "{position, plural, one{# person is} other{# people are}} ahead of you."
                """).get(MessageKey.QUEUED).texts();
        assertThat(problems).isEmpty();
        assertThat(texts.get(Language.RU).get(0).render(Map.of("position", "3", "wait", "5 минут"), Language.RU))
                .isEqualTo("Перед вами 3 человека, ждать 5 минут.");
        assertThat(texts.get(Language.EN).get(0).render(Map.of("position", "1"), Language.EN)).isEqualTo("1 person is ahead of you.");
    }
}
