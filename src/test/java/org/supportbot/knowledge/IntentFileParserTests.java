package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentFileParserTests {

    private static final Path FILE = Path.of("intents/order_status.yaml");
    private final List<ContentProblem> problems = new ArrayList<>();

    private IntentFileParser.Parsed parse(String yaml) {
        return new IntentFileParser(FILE, "order_status", problems).parse(yaml);
    }

    private List<String> messages() {
        return problems.stream().map(ContentProblem::toString).toList();
    }

    @Test
    void readsAWellFormedIntent() {
        var parsed = parse("""
                # where is my order
                intent: order_status
                title:
                  ru: Где мой заказ
                  en: Where is my order
                queue: delivery
                threshold: 0.6
                examples:
                  ru:
                    - где мой заказ
                    - "статус заказа: какой?"
                    - когда привезут
                    - трек номер
                    - где посылка
                  en:
                    - where is my order
                    - order status
                    - track my parcel
                    - when will it arrive
                    - is it shipped
                """);
        var intent = parsed.intent();
        assertThat(problems).isEmpty();
        assertThat(intent).isNotNull();
        assertThat(intent.queue()).isEqualTo("delivery");
        assertThat(intent.threshold()).isEqualTo(0.6);
        assertThat(intent.escalate()).isFalse();
        assertThat(intent.title(Language.RU)).isEqualTo("Где мой заказ");
        assertThat(intent.examples(Language.RU)).contains("статус заказа: какой?").hasSize(5);
        assertThat(parsed.examples()).extracting(IntentFileParser.ExampleAt::line).startsWith(10, 11, 12);
    }

    @Test
    void reportsASyntaxErrorWithItsLine() {
        parse("""
                intent: order_status
                examples:
                  ru:
                    - где мой заказ
                    - "не закрытая кавычка
                  en:
                    - where
                """);
        assertThat(messages()).singleElement().asString().startsWith("intents/order_status.yaml:").contains("YAML syntax error");
        assertThat(problems.get(0).line()).isBetween(5, 8);
    }

    @Test
    void reportsAnEmptyFile() {
        assertThat(parse("  \n").intent()).isNull();
        assertThat(messages()).containsExactly("intents/order_status.yaml:1: the file is empty; an intent needs 'intent:' and 'examples:'");
    }

    @Test
    void requiresTheIntentToMatchTheFileName() {
        parse("""
                intent: order_statu
                examples:
                  ru: [где заказ]
                """);
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("intents/order_status.yaml:1: intent 'order_statu' is in a file named 'order_status.yaml'"));
    }

    @Test
    void reportsEachBadValueAtItsLine() {
        parse("""
                intent: order_status
                threshold: 1.5
                escalate: maybe
                queue: Доставка!
                colour: blue
                examples:
                  ru:
                    - где заказ
                    - ""
                  de:
                    - wo ist
                """);
        assertThat(messages()).contains(
                "intents/order_status.yaml:2: 'threshold' must be a number between 0 and 1, like 0.6",
                "intents/order_status.yaml:3: 'escalate' must be true or false",
                "intents/order_status.yaml:4: 'queue' must be a queue name such as 'payments' or 'delivery'",
                "intents/order_status.yaml:9: empty example",
                "intents/order_status.yaml:11: unknown language 'de' in 'examples' (use ru or en)");
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("intents/order_status.yaml:5: warning: unknown key 'colour'"));
    }

    @Test
    void rejectsExamplesThatAreNotAList() {
        parse("""
                intent: order_status
                examples:
                  ru: где мой заказ
                """);
        assertThat(messages()).contains("intents/order_status.yaml:3: 'ru' examples must be a list of phrases, one '- phrase' per line");
    }

    @Test
    void requiresExamplesUnlessTheIntentEscalates() {
        parse("intent: order_status\nexamples: {}\n");
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("has no examples to learn from"));
        problems.clear();
        var parsed = new IntentFileParser(Path.of("intents/human_operator.yaml"), "human_operator", problems)
                .parse("intent: human_operator\nescalate: true\nexamples: {}\n");
        assertThat(parsed.intent()).isNotNull();
        assertThat(parsed.intent().escalate()).isTrue();
        assertThat(problems).noneMatch(ContentProblem::isError);
    }

    @Test
    void warnsAboutTooFewExamplesInALanguage() {
        parse("""
                intent: order_status
                title: {ru: Заказ, en: Order}
                examples:
                  ru: [где заказ, статус заказа, трек, когда привезут, где посылка]
                  en: [where is my order]
                """);
        assertThat(problems).noneMatch(ContentProblem::isError);
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("warning: fewer than 5 en examples"));
    }
}
