package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTests {

    @Test
    void masksEmailsCardNumbersAndPhoneNumbers() {
        assertThat(PersonalData.mask("пишите на anna.k+shop@mail.example.ru")).isEqualTo("пишите на [email]");
        assertThat(PersonalData.mask("карта 4276 3800 1234 5678 не проходит")).isEqualTo("карта [card] не проходит");
        assertThat(PersonalData.mask("card 4276380012345678")).isEqualTo("card [card]");
        assertThat(PersonalData.mask("мой номер +7 (912) 345-67-89")).isEqualTo("мой номер [phone]");
        assertThat(PersonalData.mask("call 8-800-555-35-35 now")).isEqualTo("call [phone] now");
    }

    @Test
    void leavesOrderNumbersDatesAndPricesAlone() {
        assertThat(PersonalData.mask("заказ 123456 от 12.11.2026 на 1 500 руб")).isEqualTo("заказ 123456 от 12.11.2026 на 1 500 руб");
        assertThat(PersonalData.mask("заказ 4815162 и трек 80081234")).as("shorter than a phone number").isEqualTo("заказ 4815162 и трек 80081234");
        assertThat(PersonalData.mask("")).isEmpty();
    }
}
