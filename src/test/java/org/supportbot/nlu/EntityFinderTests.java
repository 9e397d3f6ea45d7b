package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityFinderTests {

    private final EntityFinder finder = new EntityFinder();

    @Test
    void findsTheOrderNumberInAQuestionWithItsSpan() {
        var text = "где мой заказ 48213?";

        assertThat(finder.find(text)).containsExactly(new Entity("order_number", "48213", 14, 19));
    }

    @Test
    void findsAnOrderNumberWrittenWithAHash() {
        assertThat(finder.find("номер #123456")).extracting(Entity::type, Entity::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("order_number", "#123456"));
    }

    @Test
    void readsAPhoneAsOnePhoneNotAsOrderNumbers() {
        for (var phone : List.of("+7 916 123-45-67", "89161234567", "+7 (916) 123 45 67")) {
            var found = finder.find("мой телефон " + phone);

            assertThat(found).as(phone).extracting(Entity::type).containsExactly("phone");
            assertThat(found.get(0).text()).isEqualTo(phone);
        }
    }

    @Test
    void findsEmailsDatesAndAmounts() {
        var found = finder.find("Write to Anna.K+shop@mail.example.ru about 12.03.2026, 5 марта and 1 500 руб or $20");

        assertThat(found).extracting(Entity::type, Entity::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("email", "Anna.K+shop@mail.example.ru"),
                org.assertj.core.groups.Tuple.tuple("date", "12.03.2026"),
                org.assertj.core.groups.Tuple.tuple("date", "5 марта"),
                org.assertj.core.groups.Tuple.tuple("amount", "1 500 руб"),
                org.assertj.core.groups.Tuple.tuple("amount", "$20"));
    }

    @Test
    void findsNothingInPlainWordsOrShortNumbers() {
        assertThat(finder.find("где мой заказ? жду 3 дня")).isEmpty();
        assertThat(finder.find("")).isEmpty();
    }

    @Test
    void spansPointAtTheTextTheyName() {
        var text = "заказ 77777, почта a@b.co";
        for (var entity : finder.find(text)) {
            assertThat(text.substring(entity.start(), entity.end())).isEqualTo(entity.text());
        }
        assertThat(finder.find(text)).hasSize(2);
    }
}
