package org.supportbot.channel.telegram;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Ticket;

/**
 * What the bot writes in the operator group, in the operators' language
 * ({@code supportbot.telegram.operator-language}: {@code ru}, the default, or {@code en}).
 * Texts are plain: the sender escapes them.
 */
@Component
@Conditional(TelegramEnabled.class)
class OperatorGroupText {

    static final int HEADER_LINES = 10;
    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("ticket", new String[] {"Обращение", "Ticket"}),
            Map.entry("channel", new String[] {"Канал", "Channel"}),
            Map.entry("intent", new String[] {"Тема", "Intent"}),
            Map.entry("queue", new String[] {"Очередь", "Queue"}),
            Map.entry("reason", new String[] {"Причина", "Reason"}),
            Map.entry("waiting", new String[] {"Ждёт", "Waiting"}),
            Map.entry("min", new String[] {"мин", "min"}),
            Map.entry("due", new String[] {"первый ответ до", "first response due"}),
            Map.entry("conversation", new String[] {"Переписка", "Conversation"}),
            Map.entry("help", new String[] {"Ответьте в этой теме — сообщение уйдёт клиенту. Команды: /take — взять, /close — решено, /release — вернуть боту, /transfer <очередь или логин>.",
                    "Reply in this topic and the customer gets it. Commands: /take, /close (resolved), /release (back to the bot), /transfer <queue or login>."}),
            Map.entry("taken", new String[] {"✅ %s взял(а) обращение", "✅ %s took the ticket"}),
            Map.entry("transferred", new String[] {"↪️ Передано в очередь «%s» (%s)", "↪️ Moved to queue '%s' (%s)"}),
            Map.entry("overdue", new String[] {"⚠️ Просрочен первый ответ: клиент ждёт %d мин. Приоритет повышен.", "⚠️ First response overdue: the customer has waited %d min. Priority raised."}),
            Map.entry("resolved", new String[] {"✔️ Решено (%s). Клиенту отправлен вопрос об оценке.", "✔️ Resolved (%s). The customer was asked for a rating."}),
            Map.entry("returned", new String[] {"🤖 Возвращено боту (%s).", "🤖 Returned to the bot (%s)."}),
            Map.entry("cancelled", new String[] {"🚫 Клиент отменил обращение.", "🚫 The customer cancelled the request."}),
            Map.entry("notOperator", new String[] {"Действовать здесь могут только операторы (TELEGRAM_OPERATOR_IDS).", "Only operators may act here (TELEGRAM_OPERATOR_IDS)."}),
            Map.entry("noTicket", new String[] {"Эта команда работает в теме обращения.", "This command works in a ticket's topic."}),
            Map.entry("textOnly", new String[] {"Клиенту пока уходят только текстовые сообщения.", "Only text messages reach the customer for now."}),
            Map.entry("transferUsage", new String[] {"Укажите очередь или логин: /transfer payments", "Give a queue or a login: /transfer payments"}),
            Map.entry("unknownCommand", new String[] {"Не знаю команду %s. Команды: /take, /close, /release, /transfer <очередь или логин>, /queue.",
                    "Unknown command %s. Commands: /take, /close, /release, /transfer <queue or login>, /queue."}),
            Map.entry("queueEmpty", new String[] {"Очередь пуста.", "The queue is empty."}),
            Map.entry("closedHint", new String[] {"Обращение закрыто.", "The ticket is closed."}));

    private final int language;

    OperatorGroupText(@Value("${supportbot.telegram.operator-language:ru}") String language) {
        this.language = language.strip().toLowerCase(Locale.ROOT).startsWith("en") ? 1 : 0;
    }

    String get(String key, Object... args) {
        var text = TEXTS.get(key)[language];
        return args.length == 0 ? text : String.format(Locale.ROOT, text, args);
    }

    /** The topic's title: number, customer, queue (Telegram allows 128 characters). */
    String topicName(Ticket ticket) {
        var name = "#" + ticket.number() + " · " + (ticket.customerName() == null ? ticket.channel() : ticket.customerName()) + " · " + ticket.queue();
        return name.length() > 128 ? name.substring(0, 127) + "…" : name;
    }

    /** The first message of a ticket's topic: who, where, what about, how long, and the recent conversation. */
    String header(Ticket ticket, Instant now) {
        var text = new StringBuilder();
        text.append("🆕 ").append(get("ticket")).append(" #").append(ticket.number()).append(" · ")
                .append(ticket.customerName() == null ? "—" : ticket.customerName()).append('\n');
        text.append(get("channel")).append(": ").append(ticket.channel()).append(" · ")
                .append(get("intent")).append(": ").append(ticket.intent() == null ? "—" : ticket.intent()).append(" · ")
                .append(get("queue")).append(": ").append(ticket.queue()).append(" · ")
                .append(get("reason")).append(": ").append(ticket.reason()).append('\n');
        text.append(get("waiting")).append(": ").append(ticket.waited(now).toMinutes()).append(' ').append(get("min")).append(" · ")
                .append(get("due")).append(' ').append(DateTimeFormatter.ISO_INSTANT.format(ticket.slaDueAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))
                .append('\n');
        var lines = ticket.transcript();
        if (!lines.isEmpty()) {
            text.append('\n').append("— ").append(get("conversation")).append(" —\n");
            for (var line : lines.subList(Math.max(0, lines.size() - HEADER_LINES), lines.size())) {
                text.append(icon(line.author())).append(' ').append(shorten(line.text(), 300));
                if (line.intent() != null) {
                    text.append(String.format(Locale.ROOT, "  [%s %.2f]", line.intent(), line.confidence()));
                }
                text.append('\n');
            }
        }
        text.append('\n').append(get("help"));
        return text.toString();
    }

    static String icon(String author) {
        return switch (author) {
            case "customer" -> "👤";
            case "operator" -> "🧑‍💼";
            default -> "🤖";
        };
    }

    static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

}
