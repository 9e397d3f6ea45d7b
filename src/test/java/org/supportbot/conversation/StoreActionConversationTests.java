package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.supportbot.FakeStoreApi;
import org.supportbot.handoff.Handoff;

/**
 * The starter actions {@code order_status} and {@code order_cancel} against the reference store API
 * on 127.0.0.1, through the real HTTP client: slot filling, verification, the store's failures.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@RecordApplicationEvents
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class StoreActionConversationTests {

    static final FakeStoreApi STORE = new FakeStoreApi();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("SUPPORTBOT_STORE_API_URL", STORE::url);
        registry.add("SUPPORTBOT_STORE_API_TOKEN", () -> FakeStoreApi.TOKEN);
    }

    @AfterAll
    static void stop() {
        STORE.close();
    }

    @Autowired
    ConversationEngine engine;
    @Autowired
    Handoff handoff;
    @Autowired
    ApplicationEvents events;

    private static int chats;

    private static ConversationId chat(String channel) {
        return new ConversationId(channel, "actions-" + System.nanoTime() + "-" + chats++);
    }

    private List<OutboundMessage> say(ConversationId id, String text) {
        return engine.handle(new InboundMessage(id, "Мария", new InboundMessage.Text(text)));
    }

    private List<OutboundMessage> press(ConversationId id, String payload) {
        return engine.handle(new InboundMessage(id, "Мария", new InboundMessage.ButtonPress(payload)));
    }

    private static String text(List<OutboundMessage> replies) {
        return String.join("\n", replies.stream().map(OutboundMessage::text).toList());
    }

    @Test
    void takesTheNumberFromTheFirstMessageAndShowsTheOrderOnlyAfterTheDigits() {
        STORE.order("48213", "shipped", "+7 916 123-45-67");
        var id = chat("web");

        var asked = say(id, "где мой заказ 48213?");

        assertThat(text(asked)).contains("48213").contains("последние 4 цифры").doesNotContain("передан в доставку");
        assertThat(STORE.requests()).doesNotContain("GET /orders/48213"); // nothing asked of the store before the customer proves anything

        var answer = text(say(id, "4567"));

        assertThat(answer).contains("Заказ №48213: передан в доставку.", "СДЭК", "TRK-48213", "2026-12-10", "Наушники × 1", "Чехол × 2");
        assertThat(answer).doesNotContain("916", "4567", "Тверская", "Иванова", "null");
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WITH_BOT);
    }

    @Test
    void asksForTheNumberAndTakesItFromTheAnswerWhateverItsWording() {
        STORE.order("51234", "packing", "+7 900 000-11-22");
        for (var answer : List.of("51234", "номер 51234", "#51234")) {
            var id = chat("web");

            assertThat(text(say(id, "где мой заказ?"))).contains("номер заказа");
            assertThat(text(say(id, answer))).as(answer).contains("последние 4 цифры", "51234");
            assertThat(text(say(id, "1122"))).as(answer).contains("Заказ №51234: собирается.");
        }
    }

    @Test
    void asksAgainForANumberThatDoesNotLookLikeOneAndNeverSendsIt() {
        var id = chat("web");
        say(id, "где мой заказ?");

        var again = text(say(id, "12"));

        assertThat(again).contains("от 4 до 12 цифр");
        assertThat(STORE.requests()).noneMatch(r -> r.endsWith("/12"));
    }

    @Test
    void aWrongPhoneAndAnUnknownOrderLookAlike() {
        STORE.order("60001", "shipped", "+7 916 000-00-01");
        var wrongPhone = chat("web");
        say(wrongPhone, "где мой заказ 60001");
        var unknownOrder = chat("web");
        say(unknownOrder, "где мой заказ 60009");

        var afterWrongPhone = text(say(wrongPhone, "9999"));
        var afterUnknownOrder = text(say(unknownOrder, "0001"));

        assertThat(afterWrongPhone).contains("Не получилось подтвердить заказ 60001");
        assertThat(afterWrongPhone.replace("60001", "N")).isEqualTo(afterUnknownOrder.replace("60009", "N"));
    }

    @Test
    void threeWrongTriesEndInARefusalAndAHandOverThatKnowsTheOrder() {
        STORE.order("60002", "shipped", "+7 916 000-00-02");
        var id = chat("web");
        say(id, "где мой заказ 60002");
        say(id, "1111");
        say(id, "2222");

        var last = text(say(id, "3333"));

        assertThat(last).contains("не могу показать этот заказ").doesNotContain("передан в доставку");
        assertThat(engine.status(id)).isIn(ConversationStatus.WAITING_FOR_OPERATOR, ConversationStatus.WITH_OPERATOR);
    }

    @Test
    void verifiesByTheCustomersOwnTelegramContactAndRemembersThePhone() {
        STORE.order("60003", "shipped", "+7 916 555-44-33");
        STORE.order("60004", "packing", "79165554433");
        var id = chat("telegram");

        var asked = say(id, "где мой заказ 60003");

        assertThat(asked.get(0).buttons()).extracting(OutboundMessage.Button::payload).containsExactly(OutboundMessage.Button.SHARE_CONTACT);
        var answer = engine.handle(new InboundMessage(id, "Мария", new InboundMessage.Contact("+79165554433", true)));
        assertThat(text(answer)).contains("Заказ №60003: передан в доставку.");
        assertThat(events.stream(CustomerVerified.class)).anyMatch(e -> e.conversation().equals(id.toString())
                && e.kind().equals("phone") && e.value().equals("79165554433"));

        // The next order on the same phone needs no proof again.
        assertThat(text(say(id, "а где заказ 60004?"))).contains("Заказ №60004: собирается.");
    }

    @Test
    void refusesAStrangersContact() {
        STORE.order("60005", "shipped", "+7 916 555-44-30");
        var id = chat("telegram");
        say(id, "где мой заказ 60005");

        var reply = text(engine.handle(new InboundMessage(id, "Мария", new InboundMessage.Contact("+79165554430", false))));

        assertThat(reply).contains("Это не ваш контакт").doesNotContain("передан в доставку");
        assertThat(events.stream(CustomerVerified.class)).noneMatch(e -> e.conversation().equals(id.toString()));
    }

    @Test
    void cancelsAnOrderOnlyAfterVerificationAndAnExplicitYes() {
        STORE.order("70001", "packing", "+7 916 700-00-01");
        var id = chat("web");
        assertThat(text(say(id, "отмените заказ 70001"))).contains("последние 4 цифры");

        var question = say(id, "0001");

        assertThat(question.get(0).text()).contains("Отменить его?");
        assertThat(question.get(0).buttons()).extracting(OutboundMessage.Button::payload).containsExactly("action:yes", "action:no");
        assertThat(STORE.requests()).doesNotContain("POST /orders/70001/cancel");
        assertThat(text(press(id, "action:yes"))).contains("заказ №70001 отменён");
        assertThat(STORE.requests()).containsOnlyOnce("POST /orders/70001/cancel");
    }

    @Test
    void passesOnTheStoresReasonWhenItRefusesToCancel() {
        STORE.order("70002", "shipped", "+7 916 700-00-02");
        STORE.refuseCancel("70002", "заказ уже передан в доставку");
        var id = chat("web");
        say(id, "отмените заказ 70002");
        say(id, "0002");

        assertThat(text(press(id, "action:yes"))).contains("Отменить заказ №70002 не получилось: заказ уже передан в доставку");
    }

    @ParameterizedTest
    @EnumSource(FakeStoreApi.Trouble.class)
    void apologisesAndHandsOverWhenTheStoreFails(FakeStoreApi.Trouble trouble) {
        var number = "8000" + trouble.ordinal();
        STORE.misbehave(number, trouble);
        var id = chat("web");
        say(id, "где мой заказ " + number);
        long started = System.nanoTime();

        var reply = text(say(id, "1234"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(reply).contains("не могу сейчас связаться с системой заказов");
        assertThat(engine.status(id)).isIn(ConversationStatus.WAITING_FOR_OPERATOR, ConversationStatus.WITH_OPERATOR);
        var ticket = handoff.openTicketOf(id.toString()).orElseThrow();
        assertThat(ticket.context()).containsEntry("order", number).containsEntry("verified", "no").containsEntry("store", "unavailable");
    }

    @Test
    void logsAWrongTokenOnceAsAnErrorAndHandsEachCustomerOver(org.springframework.boot.test.system.CapturedOutput output) {
        STORE.order("90001", "shipped", "+7 916 000-90-01");
        var fine = chat("web");
        say(fine, "где мой заказ 90001");
        assertThat(text(say(fine, "9001"))).contains("Заказ №90001"); // a success: the token worked until now
        STORE.misbehave("90002", FakeStoreApi.Trouble.UNAUTHORIZED);
        STORE.misbehave("90003", FakeStoreApi.Trouble.UNAUTHORIZED);
        for (var number : List.of("90002", "90003")) {
            var id = chat("web");
            say(id, "где мой заказ " + number);
            assertThat(text(say(id, "1234"))).contains("не могу сейчас связаться с системой заказов");
            assertThat(engine.status(id)).isIn(ConversationStatus.WAITING_FOR_OPERATOR, ConversationStatus.WITH_OPERATOR);
        }

        var errors = output.getAll().lines().filter(line -> line.contains(" ERROR ") && line.contains("SUPPORTBOT_STORE_API_TOKEN")).toList();
        assertThat(errors).hasSize(1);
        assertThat(output.getAll()).doesNotContain(FakeStoreApi.TOKEN);
    }

    @Test
    void refusesEvenTheRightDigitsForAnOrderGuessedAtTooOftenAcrossChats() {
        STORE.order("90101", "shipped", "+7 916 000-91-01");
        for (int guess = 0; guess < org.supportbot.actions.StoreActions.MAX_WRONG_PROOFS; guess++) {
            var id = chat("web");
            say(id, "где мой заказ 90101");
            say(id, String.format("%04d", guess));
        }
        var id = chat("web");
        say(id, "где мой заказ 90101");

        assertThat(text(say(id, "9101"))).contains("Не получилось подтвердить заказ 90101").doesNotContain("передан в доставку");
    }

    @Test
    void linksATypedEmailToTheCustomer() {
        var id = chat("web");

        say(id, "мой e-mail Anna.K@Example.ru, где мой заказ?");

        assertThat(events.stream(CustomerVerified.class)).anyMatch(e -> e.conversation().equals(id.toString())
                && e.kind().equals("email") && e.value().equals("anna.k@example.ru"));
    }

    @Test
    void rendersWhatTheStoreSentAndNeverPrintsNull() {
        STORE.rawOrder("60006", "{\"number\": \"60006\", \"status\": null, \"status_text\": {\"ru\": \"принят\"}, \"phone\": \"+79160000006\", \"delivery\": null}");
        var id = chat("web");
        say(id, "где мой заказ 60006");

        var answer = text(say(id, "0006"));

        assertThat(answer).isEqualTo("Заказ №60006: принят.");
    }

    @Test
    void leavesTheActionWhenTheCustomerChangesTheSubjectOrCancels() {
        var id = chat("web");
        say(id, "где мой заказ?");

        assertThat(text(say(id, "как вернуть товар который не подошел"))).containsIgnoringCase("возврат");
        assertThat(text(say(id, "48213"))).doesNotContain("последние 4 цифры"); // no longer an answer to the question

        var other = chat("web");
        say(other, "где мой заказ?");
        assertThat(text(say(other, "отмена"))).contains("оставим это");
    }
}
