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

    String say(Language language, @org.jspecify.annotations.Nullable String name, RandomGenerator random) {
        var candidates = wordings.get(language).stream()
                .filter(w -> name != null || !w.contains("{name}"))
                .toList();
        var text = candidates.get(random.nextInt(candidates.size()));
        return name == null ? text : text.replace("{name}", name);
    }
}
