package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTests {

    @Test
    void lowerCasesAndFoldsYoToYe() {
        assertThat(TextNormalizer.tokens("ЁЛКА Ещё ВСЁ")).containsExactly("елка", "еще", "все");
    }

    @Test
    void dropsPunctuationAndEmoji() {
        assertThat(TextNormalizer.tokens("Где мой заказ?!! 😡😡 ...")).containsExactly("где", "мой", "заказ");
    }

    @Test
    void splitsLettersFromDigits() {
        assertThat(TextNormalizer.tokens("заказ№12345от 5мая")).containsExactly("заказ", "12345", "от", "5", "мая");
    }

    @Test
    void keepsHyphenatedAndApostrophedWordsWhole() {
        assertThat(TextNormalizer.tokens("из-за e-mail I don't")).containsExactly("изза", "email", "i", "dont");
    }

    @Test
    void treatsTrailingHyphenAsSeparator() {
        assertThat(TextNormalizer.tokens("заказ- отмена -")).containsExactly("заказ", "отмена");
    }

    @Test
    void cutsOverlongTokens() {
        var tokens = TextNormalizer.tokens("a".repeat(10_000) + " ok");
        assertThat(tokens).hasSize(2);
        assertThat(tokens[0]).hasSize(TextNormalizer.MAX_TOKEN_LENGTH);
        assertThat(tokens[1]).isEqualTo("ok");
    }

    @Test
    void foldsFullWidthLetters() {
        assertThat(TextNormalizer.tokens("Ｏｒｄｅｒ １２")).containsExactly("order", "12");
    }

    @Test
    void givesNothingForTextWithoutWords() {
        assertThat(TextNormalizer.tokens("")).isEmpty();
        assertThat(TextNormalizer.tokens("  ?!… 👍👍 \n\t")).isEmpty();
    }

    @Test
    void handlesSurrogatePairsAndMixedScripts() {
        assertThat(TextNormalizer.tokens("𝐇ello привет🙂world")).containsExactly("hello", "привет", "world");
    }

    @Test
    void clipsLongMessagesKeepingTheirStartAndEnd() {
        var tokens = new String[1000];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = "t" + i;
        }
        var clipped = IntentModel.clip(tokens);
        assertThat(clipped).hasSize(IntentModel.MAX_TOKENS).startsWith("t0", "t1").endsWith("t998", "t999");
        var shortOne = new String[] {"где", "заказ"};
        assertThat(IntentModel.clip(shortOne)).isSameAs(shortOne);
    }
}
