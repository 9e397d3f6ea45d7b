package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTemplateParserTests {

    private final List<String> problems = new ArrayList<>();

    private MessageTemplate parse(String text, Language language) {
        return MessageTemplateParser.parse(text, Set.of("name", "position", "wait"), language, problems);
    }

    private String render(String text, Language language, Map<String, String> values) {
        var template = parse(text, language);
        assertThat(problems).isEmpty();
        return template.render(values, language);
    }

    @Test
    void fillsPlaceholdersAndKeepsTheRestAsWritten() {
        assertThat(render("{name}, вы {position}-й в очереди: ждать {wait}. #1 😀", Language.RU,
                Map.of("name", "Анна", "position", "3", "wait", "5 минут")))
                .isEqualTo("Анна, вы 3-й в очереди: ждать 5 минут. #1 😀");
    }

    @Test
    void keepsAPlaceholderWithoutAValueAsWritten() {
        assertThat(render("ждать {wait}", Language.RU, Map.of())).isEqualTo("ждать {wait}");
    }

    @Test
    void picksTheRussianPluralFormAndPutsTheNumberForHash() {
        var text = "перед вами {position, plural, one{# человек} few{# человека} many{# человек}}";
        assertThat(render(text, Language.RU, Map.of("position", "1"))).isEqualTo("перед вами 1 человек");
        assertThat(render(text, Language.RU, Map.of("position", "3"))).isEqualTo("перед вами 3 человека");
        assertThat(render(text, Language.RU, Map.of("position", "12"))).isEqualTo("перед вами 12 человек");
    }

    @Test
    void picksTheEnglishPluralFormAndAllowsPlaceholdersInsideIt() {
        var text = "{position, plural, one{you're next, {name}} other{# people ahead of you}}";
        assertThat(render(text, Language.EN, Map.of("position", "1", "name", "Ann"))).isEqualTo("you're next, Ann");
        assertThat(render(text, Language.EN, Map.of("position", "4"))).isEqualTo("4 people ahead of you");
        assertThat(parse(text, Language.EN).uses("name")).isTrue();
    }

    @Test
    void takesTheMostGeneralFormWhenTheValueIsNotAWholeNumber() {
        var text = "{position, plural, one{# минуту} few{# минуты} many{# минут}}";
        assertThat(render(text, Language.RU, Map.of("position", "много"))).isEqualTo("много минут");
        assertThat(render(text, Language.RU, Map.of())).isEqualTo("{position} минут");
    }

    @Test
    void reportsABraceThatIsNeverClosed() {
        assertThat(parse("Здравствуйте, {name! Чем помочь?", Language.RU)).isNull();
        assertThat(problems).singleElement().asString().startsWith("unbalanced braces: a '{' that is never closed");
    }

    @Test
    void reportsAClosingBraceWithoutItsOpening() {
        assertThat(parse("Здравствуйте, name}!", Language.RU)).isNull();
        assertThat(problems).singleElement().asString().startsWith("unbalanced braces: a '}' without its '{'");
    }

    @Test
    void reportsAnUnknownPlaceholderWithTheOnesThisMessageTakes() {
        assertThat(parse("{name}, ваш заказ {order}", Language.RU)).isNull();
        assertThat(problems).containsExactly("unknown placeholder {order} here (this message takes {name}, {position}, {wait})");
    }

    @Test
    void reportsAPluralMissingARequiredForm() {
        assertThat(parse("{position, plural, one{# минуту} many{# минут}}", Language.RU)).isNull();
        assertThat(problems).containsExactly("the plural of {position} lacks the form 'few' (ru needs one, few, many)");
    }

    @Test
    void reportsAPluralFormTheLanguageDoesNotHave() {
        assertThat(parse("{position, plural, one{# minute} few{# minutes} other{# minutes}}", Language.EN)).isNull();
        assertThat(problems).containsExactly("unknown plural form 'few' in {position, plural, …} (en uses one, other)");
    }

    @Test
    void reportsBracesThatAreNotAPlaceholder() {
        assertThat(parse("Скидка {10%}", Language.RU)).isNull();
        assertThat(problems).singleElement().asString().startsWith("'{10%}' is not a placeholder");
    }

    @Test
    void reportsAPluralFormLeftOpenWhereTheNextFormBegins() {
        assertThat(parse("{position, plural, one{# минуту few{# минуты} many{# минут}}", Language.RU)).isNull();
        assertThat(problems).singleElement().asString().startsWith("'{# минуты}' is not a placeholder");
        problems.clear();
        assertThat(parse("{position, plural, one{# минуту} few{# минуты} many{# минут}", Language.RU)).isNull();
        assertThat(problems).singleElement().asString().startsWith("unbalanced braces: the plural of {position} is never closed");
    }
}
