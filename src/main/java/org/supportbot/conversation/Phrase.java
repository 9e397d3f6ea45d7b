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
    UNKNOWN_BUTTON(Map.of(
            Language.RU, List.of("Эта кнопка уже не работает. Напишите, пожалуйста, вопрос словами."),
            Language.EN, List.of("That button no longer works. Please type your question.")));

    private final Map<Language, List<String>> wordings;

    Phrase(Map<Language, List<String>> wordings) {
        this.wordings = wordings;
    }

    String say(Language language, String name, RandomGenerator random) {
        var candidates = wordings.get(language).stream()
                .filter(w -> name != null || !w.contains("{name}"))
                .toList();
        var text = candidates.get(random.nextInt(candidates.size()));
        return name == null ? text : text.replace("{name}", name);
    }
}
