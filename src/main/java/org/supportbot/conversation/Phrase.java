package org.supportbot.conversation;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.supportbot.knowledge.Language;

/**
 * What the bot says on its own, outside the knowledge base: the frame around answers. Each has
 * wordings per language; {@code {name}} wordings are used only when the name is known.
 */
enum Phrase {
    START(Map.of(
            Language.RU, List.of(
                    "{name}, здравствуйте! Я бот поддержки магазина. Круглосуточно отвечу на вопросы о заказах, доставке, оплате, возвратах и аккаунте, а если понадобится человек — позову оператора.\n\nВыберите тему или напишите вопрос своими словами.",
                    "Здравствуйте! Я бот поддержки магазина. Круглосуточно отвечу на вопросы о заказах, доставке, оплате, возвратах и аккаунте, а если понадобится человек — позову оператора.\n\nВыберите тему или напишите вопрос своими словами."),
            Language.EN, List.of(
                    "Hello, {name}! I'm the store's support bot. I answer questions about orders, delivery, payment, returns and your account around the clock, and I'll bring in a person whenever you need one.\n\nPick a topic or just type your question.",
                    "Hello! I'm the store's support bot. I answer questions about orders, delivery, payment, returns and your account around the clock, and I'll bring in a person whenever you need one.\n\nPick a topic or just type your question."))),
    CLARIFY(Map.of(
            Language.RU, List.of("Хочу ответить точно. Уточните, пожалуйста, вы о чём?", "{name}, чтобы не ошибиться: что из этого вы имели в виду?"),
            Language.EN, List.of("I want to get this right. Which one did you mean?", "{name}, just to be sure: which of these did you mean?"))),
    HANDOFF(Map.of(
            Language.RU, List.of(
                    "С этим вопросом лучше поможет оператор. Я передал ему ваше сообщение — ответ придёт сюда же, повторять ничего не нужно.",
                    "{name}, тут нужен человек: передаю ваш вопрос оператору. Он ответит в этом чате, писать заново не придётся."),
            Language.EN, List.of(
                    "An operator can help with this better than me. I've passed your message on; the answer will come right here, no need to repeat anything.",
                    "{name}, this one needs a person: I've passed your question to an operator, who will reply in this chat."))),
    ALREADY_WAITING(Map.of(
            Language.RU, List.of("Вы уже в очереди к оператору, он ответит здесь же. А пока могу подсказать по частым вопросам."),
            Language.EN, List.of("You're already in the queue for an operator, who will reply here. Meanwhile I can help with common questions."))),
    NON_TEXT(Map.of(
            Language.RU, List.of("Вижу вложение, но я понимаю только текст 🙂 Напишите, пожалуйста, вопрос словами. Если вложение важно — позовите оператора, он его увидит."),
            Language.EN, List.of("I see an attachment, but I only understand text 🙂 Please type your question. If the attachment matters, ask for an operator: they will see it."))),
    EMPTY(Map.of(
            Language.RU, List.of("Кажется, сообщение пришло пустым. Напишите, чем помочь?"),
            Language.EN, List.of("That message looks empty. What can I help you with?"))),
    REPHRASE(Map.of(
            Language.RU, List.of("Кажется, я не совсем понял. Можете сформулировать иначе? Или позову оператора — как удобнее.",
                    "{name}, не уверен, что понял правильно. Переформулируйте, пожалуйста, или нажмите кнопку — позову человека."),
            Language.EN, List.of("I'm not sure I got that. Could you put it another way? Or I can bring in an operator.",
                    "{name}, I'm not sure I understood. Could you rephrase, or shall I call a person?"))),
    GIVING_UP(Map.of(
            Language.RU, List.of("Похоже, мне не справиться — и это не ваша вина. Передаю разговор оператору: он прочитает переписку и ответит здесь же."),
            Language.EN, List.of("Looks like I can't help with this one, sorry. I'm handing the conversation to an operator, who will read it and reply right here."))),
    FEEDBACK_QUESTION(Map.of(
            Language.RU, List.of("Ответ помог?"),
            Language.EN, List.of("Did this help?"))),
    FEEDBACK_THANKS(Map.of(
            Language.RU, List.of("Спасибо, что ответили! Если появятся вопросы — я здесь.", "Отлично, рад был помочь 🙂"),
            Language.EN, List.of("Thanks for letting me know! I'm here if anything else comes up.", "Great, glad I could help 🙂"))),
    FEEDBACK_SORRY(Map.of(
            Language.RU, List.of("Жаль, что не помог. Позвать оператора? Он разберётся в вашей ситуации."),
            Language.EN, List.of("Sorry I couldn't help. Shall I bring in an operator? They'll look into your case."))),
    QUEUED(Map.of(
            Language.RU, List.of("Ваш номер в очереди — {position}, ожидание — около {wait}."),
            Language.EN, List.of("You're number {position} in the queue; the wait is about {wait}."))),
    QUEUED_NEXT(Map.of(
            Language.RU, List.of("Вы следующий в очереди, оператор подключится примерно через {wait}."),
            Language.EN, List.of("You're next in the queue: an operator should join in about {wait}."))),
    AFTER_HOURS(Map.of(
            Language.RU, List.of("Сейчас операторы не работают (график: {schedule}). Они вернутся {when}, и ваш вопрос уже будет первым в их списке — писать заново не нужно. А пока могу ответить на частые вопросы."),
            Language.EN, List.of("Operators are off right now (hours: {schedule}). They're back {when}, and your question is kept in the queue — no need to write again. Meanwhile I can answer common questions."))),
    RELAYED(Map.of(
            Language.RU, List.of("Добавил это к вашему обращению — оператор увидит. Ваш номер в очереди — {position}."),
            Language.EN, List.of("I've added this to your request, the operator will see it. You're number {position} in the queue."))),
    WITH_OPERATOR_ALREADY(Map.of(
            Language.RU, List.of("Вы уже общаетесь с оператором ({operator}) — просто пишите сюда."),
            Language.EN, List.of("You're already talking to an operator ({operator}): just write here."))),
    OPERATOR_JOINED(Map.of(
            Language.RU, List.of("{operator} подключается к разговору и видит всю переписку."),
            Language.EN, List.of("{operator} has joined the conversation and can see everything you wrote."))),
    REACHED_FRONT(Map.of(
            Language.RU, List.of("Вы первый в очереди — оператор вот-вот подключится."),
            Language.EN, List.of("You're first in the queue: an operator will be with you any moment."))),
    TRANSFERRED(Map.of(
            Language.RU, List.of("Ваш вопрос передан профильным специалистам. Ваш номер в очереди — {position}, ожидание — около {wait}."),
            Language.EN, List.of("Your question has been passed to the right specialists. You're number {position} in the queue; the wait is about {wait}."))),
    BACK_TO_BOT(Map.of(
            Language.RU, List.of("Оператор завершил разговор, дальше снова я, бот. Если понадобится человек — напишите /operator."),
            Language.EN, List.of("The operator has handed you back to me, the bot. If you need a person again, send /operator."))),
    CANCELLED(Map.of(
            Language.RU, List.of("Хорошо, отменил обращение к оператору. Я снова на связи — спрашивайте!"),
            Language.EN, List.of("OK, I've cancelled the request for an operator. I'm here again: ask away!"))),
    NOTHING_TO_CANCEL(Map.of(
            Language.RU, List.of("Вы и так общаетесь со мной, ботом. Чем помочь?"),
            Language.EN, List.of("You're already talking to me, the bot. How can I help?"))),
    CSAT_QUESTION(Map.of(
            Language.RU, List.of("{name}, оператор завершил обращение. Оцените, пожалуйста, помощь от 1 до 5 — это займёт секунду.", "Оператор завершил обращение. Оцените, пожалуйста, помощь от 1 до 5 — это займёт секунду."),
            Language.EN, List.of("{name}, the operator has closed your request. How would you rate the help, from 1 to 5?", "The operator has closed your request. How would you rate the help, from 1 to 5?"))),
    CSAT_THANKS(Map.of(
            Language.RU, List.of("Спасибо за оценку! Если хотите, напишите пару слов о том, что понравилось или что улучшить."),
            Language.EN, List.of("Thanks for the rating! If you like, write a few words about what went well or what we could do better."))),
    COMMENT_THANKS(Map.of(
            Language.RU, List.of("Спасибо, передал ваш отзыв команде. Хорошего дня!"),
            Language.EN, List.of("Thank you, I've passed your feedback on to the team. Have a great day!"))),
    UNKNOWN_BUTTON(Map.of(
            Language.RU, List.of("Эта кнопка уже не работает. Напишите, пожалуйста, вопрос словами."),
            Language.EN, List.of("That button no longer works. Please type your question.")));

    private final Map<Language, List<String>> wordings;

    Phrase(Map<Language, List<String>> wordings) {
        this.wordings = wordings;
    }

    /** Labels of the yes/no feedback buttons. */
    static String yes(Language language) {
        return language == Language.RU ? "Да 👍" : "Yes 👍";
    }

    static String no(Language language) {
        return language == Language.RU ? "Нет 👎" : "No 👎";
    }

    /** The label of the button that stops waiting for an operator. */
    static String cancelWaiting(Language language) {
        return language == Language.RU ? "Отменить ожидание" : "Stop waiting";
    }

    /** A duration as a customer reads it: "5 минут", "about 2 hours". */
    static String duration(java.time.Duration duration, Language language) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        if (minutes < 60) {
            return language == Language.RU ? minutes + " " + plural(minutes, "минуту", "минуты", "минут") : minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = (minutes + 30) / 60;
        if (hours < 48) {
            return language == Language.RU ? hours + " " + plural(hours, "час", "часа", "часов") : hours + (hours == 1 ? " hour" : " hours");
        }
        long days = (hours + 12) / 24;
        return language == Language.RU ? days + " " + plural(days, "день", "дня", "дней") : days + " days";
    }

    /** Russian plural forms: 1 минуту, 2 минуты, 5 минут, 21 минуту. */
    static String plural(long n, String one, String few, String many) {
        long mod100 = n % 100;
        long mod10 = n % 10;
        if (mod100 >= 11 && mod100 <= 14) {
            return many;
        }
        return mod10 == 1 ? one : mod10 >= 2 && mod10 <= 4 ? few : many;
    }

    /** When operators are back, e.g. "в понедельник в 09:00 (Europe/Moscow)". */
    static String when(java.time.ZonedDateTime at, Language language) {
        var locale = language == Language.RU ? java.util.Locale.forLanguageTag("ru") : java.util.Locale.ENGLISH;
        var day = at.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, locale);
        var time = at.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        var prefix = language == Language.RU ? (at.getDayOfWeek() == java.time.DayOfWeek.TUESDAY ? "во " : "в ") : "on ";
        if (language == Language.RU) {
            day = switch (at.getDayOfWeek()) {
                case WEDNESDAY -> "среду";
                case FRIDAY -> "пятницу";
                case SATURDAY -> "субботу";
                default -> day;
            };
        }
        return prefix + day + (language == Language.RU ? " в " : " at ") + time + " (" + at.getZone().getId() + ")";
    }

    /** The phrase with {@code {key}} placeholders filled. */
    String say(Language language, @org.jspecify.annotations.Nullable String name, RandomGenerator random, Map<String, String> values) {
        var text = say(language, name, random);
        for (var entry : values.entrySet()) {
            text = text.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return text;
    }

    String say(Language language, @org.jspecify.annotations.Nullable String name, RandomGenerator random) {
        var candidates = wordings.get(language).stream()
                .filter(w -> name != null || !w.contains("{name}"))
                .toList();
        var text = candidates.get(random.nextInt(candidates.size()));
        return name == null ? text : text.replace("{name}", name);
    }
}
