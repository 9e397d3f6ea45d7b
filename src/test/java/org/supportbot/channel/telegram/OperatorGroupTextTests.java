package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.knowledge.Messages;

/** The operator group's texts from the built-in messages, in both operator languages, exactly as operators have read them so far. */
class OperatorGroupTextTests {

    private static final Instant OPENED = Instant.parse("2025-03-10T09:00:00Z");

    private static OperatorGroupText russian() {
        return new OperatorGroupText(Messages::defaults, "ru");
    }

    private static OperatorGroupText english() {
        return new OperatorGroupText(Messages::defaults, "en");
    }

    private static Ticket ticket() {
        var lines = List.of(new Ticket.Line("customer", "где мой заказ", OPENED, "order_status", 0.4321),
                new Ticket.Line("bot", "Ваш номер в очереди — 1", OPENED, null, 0),
                new Ticket.Line("operator", "x".repeat(305), OPENED, null, 0));
        return new Ticket(1042, "telegram:1", "telegram", "Ольга", Language.RU, "order_status", "low_confidence", "general", 0,
                TicketStatus.WAITING, null, null, OPENED, null, null, null, OPENED.plus(Duration.ofMinutes(15)).plusSeconds(42), false,
                null, null, lines, List.of());
    }

    private static Ticket anonymousTicketWithoutConversation() {
        return new Ticket(7, "vk:2", "vk", null, Language.EN, null, "customer_request", "payments", 0, TicketStatus.WAITING,
                null, null, OPENED, null, null, null, OPENED.plus(Duration.ofMinutes(15)), false, null, null, List.of(), List.of());
    }

    @Test
    void showsWhatTheStoreActionsLearntInTheHeader() {
        var base = ticket();
        var withContext = new Ticket(base.number(), base.conversation(), base.channel(), base.customerName(), base.language(), base.intent(),
                base.reason(), base.queue(), base.priority(), base.status(), null, null, base.openedAt(), null, null, null, base.slaDueAt(),
                false, null, null, base.transcript(), base.history(), java.util.Map.of("order", "48213"));

        assertThat(russian().header(withContext, OPENED.plusSeconds(125))).contains("\n🧾 Бот узнал: order = 48213\n");
        assertThat(russian().header(base, OPENED.plusSeconds(125))).doesNotContain("🧾");
    }

    @Test
    void headsATicketsTopicInRussian() {
        assertThat(russian().header(ticket(), OPENED.plusSeconds(125))).isEqualTo("""
                🆕 Обращение #1042 · Ольга
                Канал: telegram · Тема: order_status · Очередь: general · Причина: low_confidence
                Ждёт: 2 мин · первый ответ до 2025-03-10T09:15:00Z

                — Переписка —
                👤 где мой заказ  [order_status 0.43]
                🤖 Ваш номер в очереди — 1
                🧑‍💼 %s…

                Ответьте в этой теме — сообщение уйдёт клиенту. Команды: /take — взять, /close [причина] — закрыть, /release — вернуть боту, /transfer <очередь или логин>, /r <заготовка> — отправить готовый ответ, /note <текст> — заметка для коллег (клиент её не видит), /tag <теги>.""".formatted("x".repeat(300)));
        assertThat(russian().header(anonymousTicketWithoutConversation(), OPENED.plusSeconds(3600))).isEqualTo("""
                🆕 Обращение #7 · —
                Канал: vk · Тема: — · Очередь: payments · Причина: customer_request
                Ждёт: 60 мин · первый ответ до 2025-03-10T09:15:00Z

                Ответьте в этой теме — сообщение уйдёт клиенту. Команды: /take — взять, /close [причина] — закрыть, /release — вернуть боту, /transfer <очередь или логин>, /r <заготовка> — отправить готовый ответ, /note <текст> — заметка для коллег (клиент её не видит), /tag <теги>.""");
    }

    @Test
    void headsATicketsTopicInEnglish() {
        assertThat(english().header(ticket(), OPENED.plusSeconds(125))).isEqualTo("""
                🆕 Ticket #1042 · Ольга
                Channel: telegram · Intent: order_status · Queue: general · Reason: low_confidence
                Waiting: 2 min · first response due 2025-03-10T09:15:00Z

                — Conversation —
                👤 где мой заказ  [order_status 0.43]
                🤖 Ваш номер в очереди — 1
                🧑‍💼 %s…

                Reply in this topic and the customer gets it. Commands: /take, /close [reason], /release (back to the bot), /transfer <queue or login>, /r <shortcut> (send a saved reply), /note <text> (for colleagues only, the customer never sees it), /tag <tags>.""".formatted("x".repeat(300)));
        assertThat(english().header(anonymousTicketWithoutConversation(), OPENED.plusSeconds(3600))).isEqualTo("""
                🆕 Ticket #7 · —
                Channel: vk · Intent: — · Queue: payments · Reason: customer_request
                Waiting: 60 min · first response due 2025-03-10T09:15:00Z

                Reply in this topic and the customer gets it. Commands: /take, /close [reason], /release (back to the bot), /transfer <queue or login>, /r <shortcut> (send a saved reply), /note <text> (for colleagues only, the customer never sees it), /tag <tags>.""");
    }

    @Test
    void namesATopicByNumberCustomerAndQueue() {
        assertThat(russian().topicName(ticket())).isEqualTo("#1042 · Ольга · general");
        assertThat(russian().topicName(anonymousTicketWithoutConversation())).isEqualTo("#7 · vk · payments");
    }

    @Test
    void announcesTicketChangesInRussian() {
        var text = russian();
        assertThat(text.taken("Анна")).isEqualTo("✅ Анна взял(а) обращение");
        assertThat(text.taken(null)).isEqualTo("✅ null взял(а) обращение");
        assertThat(text.transferred("payments", "anna")).isEqualTo("↪️ Передано в очередь «payments» (anna)");
        assertThat(text.overdue(17)).isEqualTo("⚠️ Просрочен первый ответ: клиент ждёт 17 мин. Приоритет повышен.");
        assertThat(text.resolved("anna")).isEqualTo("✔️ Решено (anna). Клиенту отправлен вопрос об оценке.");
        assertThat(text.returned("")).isEqualTo("🤖 Возвращено боту ().");
        assertThat(text.get(MessageKey.OPERATORS_CANCELLED)).isEqualTo("🚫 Клиент отменил обращение.");
    }

    @Test
    void announcesTicketChangesInEnglish() {
        var text = english();
        assertThat(text.taken("Анна")).isEqualTo("✅ Анна took the ticket");
        assertThat(text.transferred("payments", "anna")).isEqualTo("↪️ Moved to queue 'payments' (anna)");
        assertThat(text.overdue(17)).isEqualTo("⚠️ First response overdue: the customer has waited 17 min. Priority raised.");
        assertThat(text.resolved("anna")).isEqualTo("✔️ Resolved (anna). The customer was asked for a rating.");
        assertThat(text.returned("")).isEqualTo("🤖 Returned to the bot ().");
        assertThat(text.get(MessageKey.OPERATORS_CANCELLED)).isEqualTo("🚫 The customer cancelled the request.");
    }

    @Test
    void answersOperatorsCommandsInRussian() {
        var text = russian();
        assertThat(text.get(MessageKey.OPERATORS_NOT_OPERATOR)).isEqualTo("Действовать здесь могут только операторы (TELEGRAM_OPERATOR_IDS).");
        assertThat(text.get(MessageKey.OPERATORS_NO_TICKET)).isEqualTo("Эта команда работает в теме обращения.");
        assertThat(text.get(MessageKey.OPERATORS_TEXT_ONLY)).isEqualTo("Клиенту пока уходят только текстовые сообщения.");
        assertThat(text.get(MessageKey.OPERATORS_TRANSFER_USAGE)).isEqualTo("Укажите очередь или логин: /transfer payments");
        assertThat(text.unknownCommand("/relase"))
                .isEqualTo("Не знаю команду /relase. Команды: /take, /close [причина], /release, /transfer <очередь или логин>, /r <заготовка>, /note <текст>, /tag <теги>, /queue.");
        assertThat(text.get(MessageKey.OPERATORS_QUEUE_EMPTY)).isEqualTo("Очередь пуста.");
        assertThat(text.get(MessageKey.OPERATORS_MIN)).isEqualTo("мин");
    }

    @Test
    void answersOperatorsCommandsInEnglish() {
        var text = english();
        assertThat(text.get(MessageKey.OPERATORS_NOT_OPERATOR)).isEqualTo("Only operators may act here (TELEGRAM_OPERATOR_IDS).");
        assertThat(text.get(MessageKey.OPERATORS_NO_TICKET)).isEqualTo("This command works in a ticket's topic.");
        assertThat(text.get(MessageKey.OPERATORS_TEXT_ONLY)).isEqualTo("Only text messages reach the customer for now.");
        assertThat(text.get(MessageKey.OPERATORS_TRANSFER_USAGE)).isEqualTo("Give a queue or a login: /transfer payments");
        assertThat(text.unknownCommand("/relase"))
                .isEqualTo("Unknown command /relase. Commands: /take, /close [reason], /release, /transfer <queue or login>, /r <shortcut>, /note <text>, /tag <tags>, /queue.");
        assertThat(text.get(MessageKey.OPERATORS_QUEUE_EMPTY)).isEqualTo("The queue is empty.");
        assertThat(text.get(MessageKey.OPERATORS_MIN)).isEqualTo("min");
    }

    @Test
    void speaksTheEditorsWordingFromTheContentFolder(@TempDir Path content) throws IOException {
        Files.createDirectories(content.resolve("messages"));
        Files.writeString(content.resolve("messages/operators.yaml"), """
                operators.queue_empty:
                  ru: "Никого нет, можно пить чай."
                  en: "Nobody is waiting."
                """);
        var messages = KnowledgeBase.load(content).content().messages();

        assertThat(new OperatorGroupText(() -> messages, "ru").get(MessageKey.OPERATORS_QUEUE_EMPTY)).isEqualTo("Никого нет, можно пить чай.");
        assertThat(new OperatorGroupText(() -> messages, "ru").get(MessageKey.OPERATORS_NO_TICKET)).isEqualTo("Эта команда работает в теме обращения.");
    }
}
