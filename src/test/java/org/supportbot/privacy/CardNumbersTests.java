package org.supportbot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTests {

    @Test
    void masksALuhnValidCardNumberHowEverItIsGroupedKeepingTheLastFourDigits() {
        assertThat(CardNumbers.mask("карта 4111 1111 1111 1111, спасибо")).isEqualTo("карта [card ****1111], спасибо");
        assertThat(CardNumbers.mask("5500-0000-0000-0004")).isEqualTo("[card ****0004]");
        assertThat(CardNumbers.mask("4111111111111111")).isEqualTo("[card ****1111]");
        assertThat(CardNumbers.mask("amex 378282246310005 ok")).isEqualTo("amex [card ****0005] ok");
    }

    @Test
    void masksThirteenAndNineteenDigitsButNotTwelveOrTwenty() {
        assertThat(CardNumbers.mask("4222222222222")).isEqualTo("[card ****2222]"); // 13 digits, Luhn-valid
        assertThat(CardNumbers.mask("6011000990139424000")).isEqualTo(CardNumbers.luhn("6011000990139424000") ? "[card ****4000]" : "6011000990139424000");
        assertThat(CardNumbers.luhn("4111111111111111")).isTrue();
        assertThat(CardNumbers.luhn("411111111111")).as("12 digits").isFalse();
        assertThat(CardNumbers.luhn("41111111111111111110")).as("20 digits").isFalse();
    }

    @Test
    void leavesOrderNumbersPhonesAndOtherDigitsThatFailTheLuhnCheckAlone() {
        assertThat(CardNumbers.mask("заказ 1234567890123456 не пришёл")).isEqualTo("заказ 1234567890123456 не пришёл");
        assertThat(CardNumbers.mask("мой телефон +7 912 345-67-89")).isEqualTo("мой телефон +7 912 345-67-89");
        assertThat(CardNumbers.mask("")).isEmpty();
    }

    @Test
    void tellsAMaskedNumberFromOrdinaryText() {
        assertThat(CardNumbers.masked(CardNumbers.mask("4111 1111 1111 1111"))).isTrue();
        assertThat(CardNumbers.masked("карта не проходит")).isFalse();
    }
}
