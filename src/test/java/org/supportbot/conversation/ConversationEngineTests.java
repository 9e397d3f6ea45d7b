package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class ConversationEngineTests {

    @Autowired
    ConversationEngine engine;

    private int chats;

    private ConversationId newChat() {
        return new ConversationId("test", "chat-" + System.nanoTime() + "-" + (chats++));
    }

    private List<OutboundMessage> say(ConversationId id, String name, String text) {
        return engine.handle(new InboundMessage(id, name, new InboundMessage.Text(text)));
    }

    @Test
    void greetsByNameOnStartAndOffersPopularTopics() {
        var id = newChat();
        var replies = say(id, "Мария Иванова", "/start");
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.conversation()).isEqualTo(id);
            assertThat(reply.buttons()).extracting(OutboundMessage.Button::payload)
                    .contains("intent:order_status", "intent:delivery_info", "intent:human_operator");
        });
        // The greeting has a wording with the name and one without; the name must never show as a placeholder.
        assertThat(replies.get(0).text()).doesNotContain("{name}").contains("бот поддержки");
    }

    @Test
    void answersAFaqQuestionInRussian() {
        var replies = say(newChat(), null, "как вернуть товар который не подошел");
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).containsPattern("[а-яА-Я]").containsIgnoringCase("возврат"));
        assertThat(engine.status(replies.get(0).conversation())).isEqualTo(ConversationStatus.WITH_BOT);
    }

    @Test
    void answersInTheLanguageOfEachMessage() {
        var id = newChat();
        var english = say(id, null, "what payment methods do you accept?");
        var russian = say(id, null, "какие способы оплаты есть?");
        assertThat(english.get(0).text()).doesNotContainPattern("[а-яА-Я]{4}");
        assertThat(russian.get(0).text()).containsPattern("[а-яА-Я]{4}");
    }

    @Test
    void answersTheIntentOfAPressedButton() {
        var id = newChat();
        var replies = engine.handle(new InboundMessage(id, null, new InboundMessage.ButtonPress("intent:delivery_info")));
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).containsIgnoringCase("достав"));
    }

    @Test
    void handsOverWhenTheCustomerAsksForAPerson() {
        var id = newChat();
        var first = say(id, null, "позовите живого оператора");
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WAITING_FOR_OPERATOR);
        assertThat(first).singleElement().satisfies(reply -> assertThat(reply.text()).containsIgnoringCase("оператор"));
        var again = say(id, null, "/operator");
        assertThat(again).singleElement().satisfies(reply -> assertThat(reply.text()).contains("уже в очереди"));
    }

    @Test
    void handsOutOfScopeQuestionsToAPerson() {
        var id = newChat();
        say(id, null, "у вас есть вакансии курьера? хочу устроиться на работу");
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WAITING_FOR_OPERATOR);
    }

    @Test
    void keepsAnsweringFaqsWhileWaitingForAPerson() {
        var id = newChat();
        say(id, null, "/operator");
        var replies = say(id, null, "сколько стоит доставка");
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).containsIgnoringCase("достав"));
    }

    @Test
    void explainsPolitelyThatStickersAreNotUnderstood() {
        var id = newChat();
        var replies = engine.handle(new InboundMessage(id, null, new InboundMessage.NonText("sticker", null)));
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.text()).contains("только текст");
            assertThat(reply.buttons()).extracting(OutboundMessage.Button::payload).containsExactly("intent:human_operator");
        });
    }

    @Test
    void readsTheCaptionOfAPhoto() {
        var replies = engine.handle(new InboundMessage(newChat(), null, new InboundMessage.NonText("photo", "пришел бракованный товар, хочу вернуть")));
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).doesNotContain("только текст"));
    }

    @Test
    void asksForTextWhenTheMessageIsEmpty() {
        assertThat(say(newChat(), null, "   \n ")).singleElement().satisfies(reply -> assertThat(reply.text()).contains("пустым"));
    }

    @Test
    void copesWithAHugeMessage() {
        var replies = say(newChat(), null, "где мой заказ ".repeat(5_000));
        assertThat(replies).hasSize(1);
    }

    @Test
    void refusesAStaleButtonPolitely() {
        var replies = engine.handle(new InboundMessage(newChat(), null, new InboundMessage.ButtonPress("intent:no_such_intent")));
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).contains("кнопка уже не работает"));
    }

    @Test
    void variesTheWordingOfRepeatedAnswers() {
        var id = newChat();
        var texts = new java.util.HashSet<String>();
        for (int i = 0; i < 20; i++) {
            texts.add(say(id, null, "какие способы оплаты").get(0).text());
        }
        assertThat(texts).hasSizeGreaterThan(1);
    }

    @Test
    void greetsANewCustomerInTheLanguageOfTheirInterface() {
        var id = newChat();
        var replies = engine.handle(new InboundMessage(id, "Kate", new InboundMessage.Text("/start"), org.supportbot.knowledge.Language.EN));
        assertThat(replies.get(0).text()).contains("support bot").doesNotContainPattern("[а-яА-Я]");
        var russian = say(id, null, "где мой заказ");
        assertThat(russian.get(0).text()).containsPattern("[а-яА-Я]{4}");
    }

    @Test
    void offersTheTwoCloseIntentsAsChoicesThatAnswerWhenPressed() {
        var id = newChat();
        var replies = say(id, null, "как изменить заказ"); // cancel the order, or change its address?
        // Which of the two close intents ranks first is the model's call; both are offered, then a person.
        assertThat(replies).singleElement().satisfies(reply -> {
            var payloads = reply.buttons().stream().map(OutboundMessage.Button::payload).toList();
            assertThat(payloads).hasSize(3).endsWith("choice:human_operator");
            assertThat(payloads.subList(0, 2)).containsExactlyInAnyOrder("choice:order_cancel", "choice:delivery_address_change");
        });
        var answer = engine.handle(new InboundMessage(id, null, new InboundMessage.ButtonPress("choice:delivery_address_change")));
        assertThat(answer).singleElement().satisfies(reply -> assertThat(reply.text()).containsIgnoringCase("адрес"));
    }

    @Test
    void aChoiceTheConversationWasNeverOfferedIsAnOldButton() {
        var id = newChat();
        var forged = engine.handle(new InboundMessage(id, null, new InboundMessage.ButtonPress("choice:order_cancel")));
        assertThat(forged).singleElement().satisfies(reply -> assertThat(reply.text()).contains("кнопка уже не работает"));

        say(id, null, "как изменить заказ"); // offers order_cancel and delivery_address_change
        var other = engine.handle(new InboundMessage(id, null, new InboundMessage.ButtonPress("choice:payment_methods")));
        assertThat(other).singleElement().satisfies(reply -> assertThat(reply.text()).contains("кнопка уже не работает"));
        var offered = engine.handle(new InboundMessage(id, null, new InboundMessage.ButtonPress("choice:order_cancel")));
        assertThat(offered).singleElement().satisfies(reply -> assertThat(reply.text()).doesNotContain("кнопка уже не работает"));
    }
}
