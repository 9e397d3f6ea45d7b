package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTests {

    @Test
    void detectsRussianByCyrillicLetters() {
        assertThat(Language.detect("где мой заказ", Language.EN)).isEqualTo(Language.RU);
    }

    @Test
    void detectsEnglishByLatinLetters() {
        assertThat(Language.detect("where is my order?", Language.RU)).isEqualTo(Language.EN);
    }

    @Test
    void takesTheMajorityScriptInMixedText() {
        assertThat(Language.detect("мой order не пришел до сих пор", Language.EN)).isEqualTo(Language.RU);
        assertThat(Language.detect("my заказ has not arrived yet", Language.RU)).isEqualTo(Language.EN);
    }

    @Test
    void fallsBackWhenThereAreNoLetters() {
        assertThat(Language.detect("12345 👍 ?!", Language.EN)).isEqualTo(Language.EN);
        assertThat(Language.detect("", Language.RU)).isEqualTo(Language.RU);
    }

    @Test
    void readsCodesIgnoringCase() {
        assertThat(Language.fromCode(" RU ")).contains(Language.RU);
        assertThat(Language.fromCode("de")).isEmpty();
    }
}
