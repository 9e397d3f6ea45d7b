package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in messages say exactly what the bot said when its wording was Java code, and the
 * content folder's {@code messages/} replaces them message by message.
 */
class MessagesTests {

    private static final Messages BUILT_IN = Messages.defaults();

    @TempDir
    Path dir;

    @Test
    void greetsAsBeforeWithAndWithoutTheName() {
        var withName = BUILT_IN.text(MessageKey.START, Language.RU, "Анна", new FirstThenSecond(0), Map.of());
        assertThat(withName).isEqualTo("Анна, здравствуйте! Я бот поддержки магазина. Круглосуточно отвечу на вопросы о заказах, доставке, "
                + "оплате, возвратах и аккаунте, а если понадобится человек — позову оператора.\n\nВыберите тему или напишите вопрос своими словами.");
        var withoutName = BUILT_IN.text(MessageKey.START, Language.EN, null, new FirstThenSecond(0), Map.of());
        assertThat(withoutName).isEqualTo("Hello! I'm the store's support bot. I answer questions about orders, delivery, payment, returns and "
                + "your account around the clock, and I'll bring in a person whenever you need one.\n\nPick a topic or just type your question.");
    }

    @Test
    void tellsTheQueuePositionAndWaitAsBefore() {
        var values = Map.of("position", "3", "wait", BUILT_IN.duration(Duration.ofMinutes(21), Language.RU));
        assertThat(BUILT_IN.text(MessageKey.QUEUED, Language.RU, "Анна", new Random(1), values))
                .isEqualTo("Ваш номер в очереди — 3, ожидание — около 21 минуту.");
        assertThat(BUILT_IN.text(MessageKey.TRANSFERRED, Language.EN, null, new Random(1), Map.of("position", "2", "wait", "1 hour")))
                .isEqualTo("Your question has been passed to the right specialists. You're number 2 in the queue; the wait is about 1 hour.");
        assertThat(BUILT_IN.text(MessageKey.OPERATOR_JOINED, Language.RU, null, new Random(1), Map.of("operator", "Анна")))
                .isEqualTo("Анна подключается к разговору и видит всю переписку.");
    }

    @Test
    void picksAmongTheTextsThatFitWithOneDrawAsBefore() {
        // Phrase drew random.nextInt(candidates) once per text, even for one candidate; seeded tests depend on it.
        var random = new FirstThenSecond(1);
        assertThat(BUILT_IN.text(MessageKey.CLARIFY, Language.RU, "Анна", random, Map.of()))
                .isEqualTo("Анна, чтобы не ошибиться: что из этого вы имели в виду?");
        assertThat(BUILT_IN.text(MessageKey.EMPTY, Language.EN, "Анна", random, Map.of())).isEqualTo("That message looks empty. What can I help you with?");
        assertThat(random.draws).isEqualTo(2);
    }

    @Test
    void writesDurationsWithRussianPluralsAsBefore() {
        var expected = Map.of(0L, "1 минуту", 61L, "2 минуты", 300L, "5 минут", 1260L, "21 минуту", 1320L, "22 минуты", 3599L, "1 час",
                5400L, "2 часа", 18000L, "5 часов", 79200L, "22 часа", 172800L, "2 дня");
        expected.forEach((seconds, text) -> assertThat(BUILT_IN.duration(Duration.ofSeconds(seconds), Language.RU)).isEqualTo(text));
        assertThat(BUILT_IN.duration(Duration.ofDays(21), Language.RU)).isEqualTo("21 день");
        assertThat(BUILT_IN.duration(Duration.ofDays(25), Language.RU)).isEqualTo("25 дней");
        assertThat(BUILT_IN.duration(Duration.ofSeconds(30), Language.EN)).isEqualTo("1 minute");
        assertThat(BUILT_IN.duration(Duration.ofMinutes(45), Language.EN)).isEqualTo("45 minutes");
        assertThat(BUILT_IN.duration(Duration.ofMinutes(60), Language.EN)).isEqualTo("1 hour");
        assertThat(BUILT_IN.duration(Duration.ofDays(3), Language.EN)).isEqualTo("3 days");
    }

    @Test
    void saysWhenOperatorsAreBackAsBefore() {
        var monday = ZonedDateTime.of(2025, 3, 10, 9, 0, 0, 0, ZoneId.of("Europe/Moscow"));
        assertThat(BUILT_IN.when(monday, Language.RU)).isEqualTo("в понедельник в 09:00 (Europe/Moscow)");
        assertThat(BUILT_IN.when(monday.plusDays(1), Language.RU)).isEqualTo("во вторник в 09:00 (Europe/Moscow)");
        assertThat(BUILT_IN.when(monday.plusDays(2), Language.RU)).isEqualTo("в среду в 09:00 (Europe/Moscow)");
        assertThat(BUILT_IN.when(monday.plusDays(5), Language.EN)).isEqualTo("on Saturday at 09:00 (Europe/Moscow)");
    }

    @Test
    void labelsTheButtonsAsBefore() {
        assertThat(BUILT_IN.label(MessageKey.BUTTON_YES, Language.RU, Map.of())).isEqualTo("Да 👍");
        assertThat(BUILT_IN.label(MessageKey.BUTTON_NO, Language.EN, Map.of())).isEqualTo("No 👎");
        assertThat(BUILT_IN.label(MessageKey.BUTTON_CANCEL_WAITING, Language.RU, Map.of())).isEqualTo("Отменить ожидание");
    }

    @Test
    void namesEveryKeyAsEditorsWriteIt() {
        assertThat(MessageKey.QUEUED_NEXT.key()).isEqualTo("queued_next");
        assertThat(MessageKey.BUTTON_CANCEL_WAITING.key()).isEqualTo("button.cancel_waiting");
        assertThat(MessageKey.OPERATORS_NOT_OPERATOR.key()).isEqualTo("operators.not_operator");
        for (var key : MessageKey.values()) {
            assertThat(MessageKey.fromKey(key.key())).contains(key);
        }
        assertThat(MessageKey.fromKey("nope")).isEmpty();
    }

    @Test
    void theRepositorysMessagesFolderIsValidAndHasEveryMessage() {
        var problems = KnowledgeBase.load(Path.of(".")).problems().stream()
                .filter(problem -> problem.file().startsWith("messages")).toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void speaksTheBuiltInTextsWhenTheFolderHasNoMessages() {
        var load = KnowledgeBase.load(dir);
        assertThat(load.content().messages()).isEqualTo(BUILT_IN);
        assertThat(load.problems()).noneMatch(problem -> problem.file().startsWith("messages"));
    }

    @Test
    void replacesABuiltInMessageWithTheFoldersAndWarnsOfTheRest() throws IOException {
        write("messages/mine.yaml", """
                empty:
                  ru: "Сообщение пустое — напишите, чем помочь?"
                  en: "Empty message?"
                """);
        var load = KnowledgeBase.load(dir);
        var messages = load.content().messages();
        assertThat(messages.text(MessageKey.EMPTY, Language.RU, null, new Random(1), Map.of())).isEqualTo("Сообщение пустое — напишите, чем помочь?");
        assertThat(messages.text(MessageKey.UNKNOWN_BUTTON, Language.EN, null, new Random(1), Map.of()))
                .isEqualTo("That button no longer works. Please type your question.");
        assertThat(load.problems()).filteredOn(problem -> problem.file().startsWith("messages")).singleElement()
                .satisfies(problem -> assertThat(problem.isError()).isFalse())
                .asString().startsWith("messages:1: warning: the built-in texts are used for messages not in these files: start, clarify, ");
    }

    @Test
    void refusesAMessageDefinedInTwoFiles() throws IOException {
        write("messages/a.yaml", "empty: {ru: \"Пусто?\", en: \"Empty?\"}\n");
        write("messages/b.yaml", "# the same again\nempty: {ru: \"Пусто!\", en: \"Empty!\"}\n");
        assertThat(KnowledgeBase.load(dir).errors()).map(ContentProblem::toString)
                .contains("messages/b.yaml:2: message 'empty' is also at messages/a.yaml:1");
    }

    private void write(String file, String text) throws IOException {
        var path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** Draws {@code pick} (or the last index when fewer) and counts the draws. */
    private static final class FirstThenSecond implements java.util.random.RandomGenerator {
        private final int pick;
        int draws;

        FirstThenSecond(int pick) {
            this.pick = pick;
        }

        @Override
        public int nextInt(int bound) {
            draws++;
            return Math.min(pick, bound - 1);
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }
    }
}
