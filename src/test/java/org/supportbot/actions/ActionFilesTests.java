package org.supportbot.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.knowledge.ContentProblem;

/** Action files as {@code validate} and hot reload read them: what is wrong, at which line. */
class ActionFilesTests {

    private static final Set<String> INTENTS = Set.of("order_status", "order_cancel", "delivery_info", "human_operator", "return_refund");

    @TempDir
    Path content;

    private ActionLoad load(String name, String yaml) throws IOException {
        Files.createDirectories(content.resolve("actions"));
        Files.writeString(content.resolve("actions").resolve(name + ".yaml"), yaml);
        return StoreActions.load(content, INTENTS);
    }

    private static String problems(ActionLoad load) {
        return String.join("\n", load.problems().stream().map(ContentProblem::toString).toList());
    }

    @Test
    void readsTheStarterActionsOfTheRepositoryWithoutProblems() {
        var load = StoreActions.load(Path.of("."), INTENTS);

        assertThat(load.problems()).isEmpty();
        assertThat(load.actions()).containsOnlyKeys("order_status", "order_cancel");
        var status = load.actions().get("order_status");
        assertThat(status.slots()).singleElement().satisfies(slot -> {
            assertThat(slot.accepts("48213")).isTrue();
            assertThat(slot.accepts("12")).isFalse();
            assertThat(slot.accepts("48213/../admin")).isFalse();
        });
        assertThat(status.verifyField()).isEqualTo("phone");
        assertThat(load.actions().get("order_cancel").confirm()).isNotNull();
    }

    @Test
    void usesTheBuiltInStarterActionsWhenTheFolderHasNone() {
        var load = StoreActions.load(content, Set.of("order_status"));

        assertThat(load.problems()).isEmpty();
        assertThat(load.actions()).containsOnlyKeys("order_status"); // order_cancel's intent is not in this content
    }

    @Test
    void reportsAYamlSyntaxErrorAtItsLine() throws IOException {
        var load = load("order_status", "action: order_status\nintent: order_status\nlookup:\n  url: [unclosed\n");

        assertThat(problems(load)).startsWith("actions/order_status.yaml:5: YAML syntax error");
        assertThat(load.hasErrors()).isTrue();
    }

    @Test
    void reportsEachMistakeOfABrokenFileAtItsLine() throws IOException {
        var load = load("order_status", """
                action: order_status
                intent: no_such_intent
                slots:
                  - name: order
                    pattern: '\\d{4,12'
                    ask: {ru: "Номер?", en: "Number?"}
                lookup:
                  method: FETCH
                  url: "${SUPPORTBOT_STORE_API_URL}/orders/{{number}}"
                  timeout: 30s
                answer:
                  ru: "Заказ {{order}}, телефон {{phone}}"
                  en: "Order {{#order}}"
                failure: {ru: "Ошибка", en: "Error"}
                """);

        assertThat(problems(load)).contains(
                "actions/order_status.yaml:5: slot 'order': the pattern is not a valid regular expression",
                "actions/order_status.yaml:8: 'lookup.method' must be one of",
                "actions/order_status.yaml:9: 'lookup.url' uses {{number}}, which is not a slot of this action",
                "actions/order_status.yaml:10: 'lookup.timeout' must be between 1ms and 10s",
                "actions/order_status.yaml:12: 'answer' shows 'phone': customers' personal data",
                "actions/order_status.yaml:12: 'answer' is not a valid template");
        assertThat(load.actions()).isEmpty();
    }

    @Test
    void refusesAnActionForAnUnknownIntentAndOneWithoutItsRequiredTexts() throws IOException {
        var load = load("order_status", """
                action: order_status
                intent: no_such_intent
                lookup:
                  url: "https://store.example/orders"
                verify:
                  phone_field: phone
                answer: {ru: "Готово", en: "Done"}
                """);

        assertThat(problems(load)).contains(
                "actions/order_status.yaml:1: 'failure:' is missing",
                "actions/order_status.yaml:1: 'not_verified:' is missing",
                "actions/order_status.yaml:1: 'refused:' is missing");
    }

    @Test
    void refusesAnIntentThatIsNotInTheContent() throws IOException {
        var load = load("lookup", """
                action: lookup
                intent: no_such_intent
                lookup:
                  url: "https://store.example/orders"
                answer: {ru: "Готово", en: "Done"}
                failure: {ru: "Ошибка", en: "Error"}
                """);

        assertThat(problems(load)).isEqualTo("actions/lookup.yaml:1: the action names an unknown intent 'no_such_intent': "
                + "add intents/no_such_intent.yaml or fix 'intent:'");
    }

    @Test
    void refusesToCacheAChange() throws IOException {
        var load = load("cancel", """
                action: cancel
                intent: order_cancel
                lookup:
                  method: POST
                  url: "https://store.example/cancel"
                  cache: 30s
                answer: {ru: "Готово", en: "Done"}
                failure: {ru: "Ошибка", en: "Error"}
                """);

        assertThat(problems(load)).isEqualTo("actions/cancel.yaml:6: 'lookup.cache': only GET answers may be cached; a POST changes something");
    }

    @Test
    void readsTheExampleForAStoreWithAnotherApiInTheDocsWithoutProblems() throws IOException {
        var doc = Files.readString(Path.of("docs/store-api.md"));
        var yaml = doc.substring(doc.indexOf("```yaml\n# actions/order_status.yaml\n") + 8, doc.indexOf("```", doc.indexOf("```yaml\n# actions/") + 8));

        var load = load("order_status", yaml);

        assertThat(load.problems()).isEmpty();
        assertThat(load.actions().get("order_status").verifyField()).isEqualTo("client_phone");
    }
}
