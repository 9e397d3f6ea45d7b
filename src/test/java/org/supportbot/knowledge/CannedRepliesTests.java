package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators' saved replies in {@code replies/}: parsing, the editors' errors with file and line, rendering. */
class CannedRepliesTests {

    private static final String DELAY = """
            ---
            shortcut: delay
            title: "Задержка / Delay"
            ---
            ## ru
            {name}, простите за задержку. {operator}
            ---
            Простите за задержку заказа {order} ({order_status}).
            ## en
            {name}, sorry for the delay.
            ---
            Sorry for the delay.
            """;

    private final List<ContentProblem> problems = new ArrayList<>();

    private CannedReply parse(String name, String markdown) {
        return new ReplyFileParser(Path.of("replies/" + name + ".md"), name, problems).parse(markdown);
    }

    private List<String> messages() {
        return problems.stream().map(ContentProblem::toString).toList();
    }

    @Test
    void readsTheShortcutTitleAndVariationsPerLanguage() {
        var reply = parse("delay", DELAY);
        assertThat(messages()).isEmpty();
        assertThat(reply.shortcut()).isEqualTo("delay");
        assertThat(reply.title()).isEqualTo("Задержка / Delay");
        assertThat(reply.variations(Language.RU)).hasSize(2);
        assertThat(reply.variations(Language.EN)).containsExactly("{name}, sorry for the delay.", "Sorry for the delay.");
    }

    @Test
    void reportsEditorsMistakesWithFileAndLine() {
        assertThat(parse("delay", DELAY.replace("shortcut: delay", "shortcut: delayed"))).isNull();
        assertThat(parse("refund", DELAY.replace("title: \"Задержка / Delay\"", "titel: x").replace("shortcut: delay", "shortcut: refund"))).isNull();
        assertThat(parse("delay", DELAY.replace("{operator}", "{customer}"))).isNotNull();
        assertThat(parse("delay", DELAY.replace("## en\n{name}, sorry for the delay.\n---\nSorry for the delay.\n", ""))).isNotNull();
        assertThat(messages()).containsExactly(
                "replies/delay.md:2: the shortcut is 'delayed' but the file is named 'delay.md'; name the file after the shortcut",
                "replies/refund.md:3: warning: unknown key 'titel' is ignored (known keys: shortcut, title)",
                "replies/refund.md:2: the front matter needs a 'title:' saying what the reply is for",
                "replies/delay.md:6: unknown placeholder {customer} (supported: {name}, {operator}, {order_status}, {order})",
                "replies/delay.md:1: no '## en' section: customers writing in en would get no answer");
    }

    @Test
    void rendersThePersonalVariationWhenTheNameIsKnownAndFillsMissingValuesWithNothing() {
        var reply = parse("delay", DELAY);
        var random = RandomGenerator.of("L64X128MixRandom");
        assertThat(CannedReplies.render(reply, Language.RU, "Ольга", "Анна", Map.of(), random)).isEqualTo("Ольга, простите за задержку. Анна");
        assertThat(CannedReplies.render(reply, Language.RU, null, "Анна", Map.of("order", "5512", "order_status", "в пути"), random))
                .isEqualTo("Простите за задержку заказа 5512 (в пути).");
        assertThat(CannedReplies.render(reply, Language.RU, null, null, Map.of(), random)).isEqualTo("Простите за задержку заказа  ().");
    }

    @Test
    void namesTheOrderWhenTheTicketKnowsItAndNeverLeavesAGapWhenItDoesNot() {
        var reply = parse("late", """
                ---
                shortcut: late
                title: Late
                ---
                ## ru
                Заказ задерживается.
                ---
                Заказ №{order} задерживается.
                ---
                {name}, заказ задерживается.
                ## en
                Your order is late.
                ---
                Order {order} is {order_status}.
                """);
        assertThat(messages()).isEmpty();
        var random = RandomGenerator.of("L64X128MixRandom");
        for (int i = 0; i < 20; i++) {
            assertThat(CannedReplies.render(reply, Language.RU, null, null, Map.of("order", "48213"), random)).isEqualTo("Заказ №48213 задерживается.");
            assertThat(CannedReplies.render(reply, Language.RU, null, null, Map.of("order", " "), random)).isEqualTo("Заказ задерживается.");
            assertThat(CannedReplies.render(reply, Language.RU, "Ольга", null, Map.of(), random)).isEqualTo("Ольга, заказ задерживается.");
            assertThat(CannedReplies.render(reply, Language.EN, null, null, Map.of("order", "48213", "status", "in transit"), random))
                    .isEqualTo("Order 48213 is in transit.");
            assertThat(CannedReplies.render(reply, Language.EN, null, null, Map.of("order", "48213"), random))
                    .as("the status is unknown").isEqualTo("Your order is late.");
        }
    }

    @Test
    void theContentFolderLoadsRepliesAndAMissingFolderMeansTheBuiltInOnes(@TempDir Path dir) throws IOException {
        var load = KnowledgeBase.load(Path.of("."));
        assertThat(load.errors()).isEmpty();
        assertThat(load.content().replies()).containsKeys("delay", "refund_timing", "need_order_number", "photo_please").hasSizeGreaterThanOrEqualTo(10);
        Files.createDirectories(dir.resolve("intents"));
        Files.createDirectories(dir.resolve("knowledge-base"));
        var builtIn = KnowledgeBase.load(dir);
        assertThat(builtIn.errors()).isEmpty();
        assertThat(builtIn.content().replies()).as("no replies/ here: the jar's starter replies")
                .containsOnlyKeys(load.content().replies().keySet());
        assertThat(builtIn.content().replies().get("delay").variations(Language.EN))
                .isEqualTo(load.content().replies().get("delay").variations(Language.EN));
        Files.createDirectories(dir.resolve("replies"));
        assertThat(KnowledgeBase.load(dir).content().replies()).as("an empty replies/ of its own: none").isEmpty();
        Files.writeString(dir.resolve("replies/late.md"), DELAY.replace("shortcut: delay", "shortcut: late"));
        assertThat(KnowledgeBase.load(dir).content().replies()).as("its own replies only").containsOnlyKeys("late");
        Files.writeString(dir.resolve("replies/Bad Name.md"), DELAY);
        assertThat(KnowledgeBase.load(dir).errors()).extracting(ContentProblem::toString)
                .contains("replies/Bad Name.md:1: the file name 'Bad Name' is not a shortcut: use up to 32 lower-case letters a-z, digits or '_'");
    }
}
