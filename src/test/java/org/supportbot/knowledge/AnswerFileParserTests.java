package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFileParserTests {

    private final List<ContentProblem> problems = new ArrayList<>();

    private AnswerFileParser.Parsed parse(String markdown) {
        return new AnswerFileParser(Path.of("knowledge-base/order_status.md"), "order_status", problems).parse(markdown);
    }

    private List<String> messages() {
        return problems.stream().map(ContentProblem::toString).toList();
    }

    @Test
    void readsVariationsPerLanguageAndButtons() {
        var parsed = parse("""
                ---
                intent: order_status
                buttons: [delivery_info, human_operator]
                ---
                ## ru

                {name}, статус заказа — в разделе «Мои заказы».

                Хорошего дня!

                ---

                Статус — в «Профиль → Мои заказы».
                ## en
                {name}, see "My orders".
                ---
                Check "Profile → My orders".
                """);
        assertThat(messages()).isEmpty();
        var answer = parsed.answer();
        assertThat(answer).isNotNull();
        assertThat(answer.buttons()).containsExactly("delivery_info", "human_operator");
        assertThat(answer.variations(Language.RU)).containsExactly(
                "{name}, статус заказа — в разделе «Мои заказы».\n\nХорошего дня!",
                "Статус — в «Профиль → Мои заказы».");
        assertThat(answer.variations(Language.EN)).hasSize(2);
        assertThat(parsed.buttons()).extracting(AnswerFileParser.ButtonAt::line).containsExactly(3, 3);
    }

    @Test
    void requiresFrontMatter() {
        assertThat(parse("## ru\nпривет\n").answer()).isNull();
        assertThat(messages()).singleElement().asString().startsWith("knowledge-base/order_status.md:1: the file must start with front matter");
    }

    @Test
    void reportsUnclosedFrontMatter() {
        parse("---\nintent: order_status\n## ru\nпривет\n");
        assertThat(messages()).containsExactly("knowledge-base/order_status.md:1: the front matter is not closed: add a '---' line after it");
    }

    @Test
    void reportsFrontMatterSyntaxErrorsAtTheFileLine() {
        parse("---\nintent: order_status\nbuttons: [a, b\n---\n## ru\nтекст\n---\nещё\n## en\ntext\n---\nmore\n");
        assertThat(messages()).anySatisfy(m -> assertThat(m).matches("knowledge-base/order_status.md:[34]: YAML syntax error in the front matter: .*"));
    }

    @Test
    void requiresAVariationWithoutTheNameInEachLanguage() {
        parse("""
                ---
                intent: order_status
                ---
                ## ru
                {name}, вот ответ.
                ---
                {name}, другой ответ.
                ## en
                Here you go.
                ---
                Another one.
                """);
        assertThat(messages()).containsExactly("knowledge-base/order_status.md:4: every ru variation uses {name}; add one without it for customers whose name is unknown");
    }

    @Test
    void reportsMissingAndUnknownSectionsAndPlaceholders() {
        parse("""
                ---
                intent: order_status
                ---
                intro text
                ## ru
                Ответ для {имя}? Нет: для {customer}.
                ---
                Второй.
                ## de
                Hallo
                """);
        assertThat(messages()).contains(
                "knowledge-base/order_status.md:4: text outside a language section: put it under '## ru' or '## en'",
                "knowledge-base/order_status.md:6: unknown placeholder {customer} (only {name} is supported)",
                "knowledge-base/order_status.md:9: unknown language section 'de' (use '## ru' or '## en')",
                "knowledge-base/order_status.md:1: no '## en' section: customers writing in en would get no answer");
    }

    @Test
    void reportsAnEmptyVariation() {
        parse("""
                ---
                intent: order_status
                ---
                ## ru
                Первый.
                ---

                ---
                Второй.
                ## en
                One.
                ---
                Two.
                """);
        assertThat(messages()).containsExactly("knowledge-base/order_status.md:7: empty ru variation (two '---' lines with nothing between them?)");
    }

    @Test
    void warnsAboutASingleWording() {
        parse("---\nintent: order_status\n---\n## ru\nОдин.\n## en\nOne.\n---\nTwo.\n");
        assertThat(problems).noneMatch(ContentProblem::isError);
        assertThat(messages()).singleElement().asString().contains("warning: only one ru variation");
    }

    @Test
    void requiresTheFileToBeNamedAfterTheIntent() {
        parse("---\nintent: delivery_info\n---\n## ru\nа\n---\nб\n## en\na\n---\nb\n");
        assertThat(messages()).containsExactly("knowledge-base/order_status.md:2: the answer is for intent 'delivery_info' but the file is named 'order_status.md'; name the file after the intent");
    }
}
