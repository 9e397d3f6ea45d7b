package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralsTests {

    @Test
    void russianNumbersEndingInOneButNotElevenTakeOne() {
        for (long n : new long[] {1, 21, 31, 101, 121, 1001}) {
            assertThat(Plurals.form(n, Language.RU)).as("%d", n).isEqualTo("one");
        }
    }

    @Test
    void russianNumbersEndingInTwoToFourButNotTwelveToFourteenTakeFew() {
        for (long n : new long[] {2, 3, 4, 22, 34, 102, 1024}) {
            assertThat(Plurals.form(n, Language.RU)).as("%d", n).isEqualTo("few");
        }
    }

    @Test
    void otherRussianNumbersTakeMany() {
        for (long n : new long[] {0, 5, 9, 10, 11, 12, 13, 14, 19, 20, 25, 100, 111, 112, 114, 1000}) {
            assertThat(Plurals.form(n, Language.RU)).as("%d", n).isEqualTo("many");
        }
    }

    @Test
    void englishHasOneOnlyForOne() {
        assertThat(Plurals.form(1, Language.EN)).isEqualTo("one");
        assertThat(Plurals.form(0, Language.EN)).isEqualTo("other");
        assertThat(Plurals.form(2, Language.EN)).isEqualTo("other");
        assertThat(Plurals.form(21, Language.EN)).isEqualTo("other");
    }

    @Test
    void negativeNumbersFollowTheirAbsoluteValue() {
        assertThat(Plurals.form(-1, Language.RU)).isEqualTo("one");
        assertThat(Plurals.form(-3, Language.RU)).isEqualTo("few");
        assertThat(Plurals.form(Long.MIN_VALUE, Language.EN)).isEqualTo("other");
    }

    @Test
    void namesTheFormsEachLanguageNeeds() {
        assertThat(Plurals.forms(Language.RU)).containsExactly("one", "few", "many");
        assertThat(Plurals.forms(Language.EN)).containsExactly("one", "other");
        assertThat(Plurals.fallback(Language.RU)).isEqualTo("many");
        assertThat(Plurals.fallback(Language.EN)).isEqualTo("other");
    }
}
