package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTests {

    @TempDir
    Path dir;

    private final List<Object> events = new ArrayList<>();

    private void write(String file, String text) throws IOException {
        var path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private void content() throws IOException {
        write("intents/order_status.yaml", """
                intent: order_status
                title: {ru: Где заказ, en: Where is my order}
                examples:
                  ru: [где заказ, статус заказа, трек номер, когда привезут, где посылка]
                  en: [where is my order, order status, tracking number, when will it come, where is my parcel]
                """);
        write("intents/delivery_info.yaml", """
                intent: delivery_info
                title: {ru: Доставка, en: Delivery}
                examples:
                  ru: [сколько доставка, сроки доставки, куда доставляете, есть самовывоз, доставка бесплатная]
                  en: [delivery cost, delivery time, where do you deliver, pickup points, free delivery]
                """);
        write("knowledge-base/order_status.md", """
                ---
                intent: order_status
                buttons: [delivery_info]
                ---
                ## ru
                {name}, статус — в «Мои заказы».
                ---
                Статус — в «Мои заказы».
                ## en
                {name}, see My orders.
                ---
                See My orders.
                """);
        write("knowledge-base/delivery_info.md", """
                ---
                intent: delivery_info
                ---
                ## ru
                Доставка 1–3 дня.
                ---
                Привезём за 1–3 дня.
                ## en
                Delivery takes 1–3 days.
                ---
                We deliver in 1–3 days.
                """);
    }

    private KnowledgeBase knowledgeBase(RandomGenerator random) {
        return new KnowledgeBase(dir, events::add, random);
    }

    @Test
    void rendersTheCustomersNameWhenKnown() throws IOException {
        content();
        var texts = new HashSet<String>();
        var kb = knowledgeBase(new java.util.Random(1));
        for (int i = 0; i < 50; i++) {
            texts.add(kb.render("order_status", Language.RU, "Анна Петрова").orElseThrow().text());
        }
        assertThat(texts).containsExactlyInAnyOrder("Анна, статус — в «Мои заказы».", "Статус — в «Мои заказы».");
    }

    @Test
    void neverShowsThePlaceholderWhenTheNameIsUnknown() throws IOException {
        content();
        var kb = knowledgeBase(new java.util.Random(2));
        for (int i = 0; i < 50; i++) {
            assertThat(kb.render("order_status", Language.EN, null).orElseThrow().text()).isEqualTo("See My orders.");
            assertThat(kb.render("order_status", Language.EN, "  \u200b ").orElseThrow().text()).doesNotContain("{name}");
        }
    }

    @Test
    void labelsButtonsWithTheTargetIntentsTitle() throws IOException {
        content();
        var reply = knowledgeBase(new java.util.Random(3)).render("order_status", Language.EN, null).orElseThrow();
        assertThat(reply.buttons()).containsExactly(new Reply.QuickReply("Delivery", "delivery_info"));
    }

    @Test
    void rendersNothingForAnUnknownIntent() throws IOException {
        content();
        assertThat(knowledgeBase(new java.util.Random(4)).render("nope", Language.RU, "Анна")).isEmpty();
    }

    @Test
    void refusesToStartWithBrokenContentListingEveryProblem() throws IOException {
        content();
        write("intents/cart_emptied.yaml", "intent: cart_emptied\nexamples:\n  ru: [где заказ]\n");
        assertThatThrownBy(() -> knowledgeBase(new java.util.Random(5)))
                .isInstanceOf(KnowledgeBase.InvalidContentException.class)
                .hasMessageContaining("intents/order_status.yaml:4: duplicate example 'где заказ' (already at intents/cart_emptied.yaml:3)")
                .hasMessageContaining("intents/cart_emptied.yaml:1: intent 'cart_emptied' has no answer");
    }

    @Test
    void keepsServingThePreviousContentWhenAReloadFails() throws IOException {
        content();
        var kb = knowledgeBase(new java.util.Random(6));
        var before = kb.content();
        write("knowledge-base/order_status.md", "no front matter\n");
        var load = kb.reload();
        assertThat(load.hasErrors()).isTrue();
        assertThat(kb.content()).isSameAs(before);
        assertThat(events).isEmpty();
    }

    @Test
    void publishesTheNewContentAfterASuccessfulReload() throws IOException {
        content();
        var kb = knowledgeBase(new java.util.Random(7));
        write("intents/order_status.yaml", Files.readString(dir.resolve("intents/order_status.yaml")).replace("где посылка", "где моя посылка"));
        kb.reload();
        assertThat(kb.content().intent("order_status").orElseThrow().examples(Language.RU)).contains("где моя посылка");
        assertThat(events).singleElement().isEqualTo(new ContentChanged(kb.content()));
    }

    @Test
    void speaksTheEditedMessagesAfterAReload() throws IOException {
        content();
        var kb = knowledgeBase(new java.util.Random(8));
        assertThat(kb.message(MessageKey.EMPTY, Language.EN, null, new java.util.Random(1), java.util.Map.of()))
                .isEqualTo("That message looks empty. What can I help you with?");
        write("messages/bot.yaml", "empty: {ru: \"Пусто?\", en: \"Nothing there?\"}\n");
        kb.reload();
        assertThat(kb.message(MessageKey.EMPTY, Language.EN, null, new java.util.Random(1), java.util.Map.of())).isEqualTo("Nothing there?");
        assertThat(kb.label(MessageKey.BUTTON_YES, Language.RU)).isEqualTo("Да 👍");
        assertThat(kb.duration(java.time.Duration.ofMinutes(3), Language.RU)).isEqualTo("3 минуты");
    }

    @Test
    void keepsServingThePreviousMessagesWhenAMessagesFileIsBroken() throws IOException {
        content();
        write("messages/bot.yaml", "empty: {ru: \"Пусто?\", en: \"Nothing there?\"}\n");
        var kb = knowledgeBase(new java.util.Random(9));
        write("messages/bot.yaml", "empty: {ru: \"Пусто {?\", en: \"Nothing there?\"}\n");
        var load = kb.reload();
        assertThat(load.errors()).map(ContentProblem::toString).singleElement().asString()
                .startsWith("messages/bot.yaml:1: 'empty' (ru): unbalanced braces");
        assertThat(kb.message(MessageKey.EMPTY, Language.EN, null, new java.util.Random(1), java.util.Map.of())).isEqualTo("Nothing there?");
        assertThat(events).isEmpty();
    }

    @Test
    void refusesToStartWithABrokenMessagesFile() throws IOException {
        content();
        write("messages/bot.yaml", "strat: {ru: \"Привет\", en: \"Hi\"}\n");
        assertThatThrownBy(() -> knowledgeBase(new java.util.Random(10)))
                .isInstanceOf(KnowledgeBase.InvalidContentException.class)
                .hasMessageContaining("messages/bot.yaml:1: unknown message 'strat'");
    }

    @Test
    void detectsDuplicatesThatDifferOnlyInCasePunctuationAndYo() {
        assertThat(ContentLoader.duplicateKey("Ещё  РАЗ, где заказ?!")).isEqualTo(ContentLoader.duplicateKey("еще раз где заказ"));
    }

    @Test
    void cleansDisplayNames() {
        assertThat(KnowledgeBase.firstName("  Мария\u0000 Иванова ")).isEqualTo("Мария");
        assertThat(KnowledgeBase.firstName("12345")).isNull();
        assertThat(KnowledgeBase.firstName("")).isNull();
        assertThat(KnowledgeBase.firstName("X".repeat(100))).hasSize(32);
    }
}
