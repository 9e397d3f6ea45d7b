package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TyposTests {

    private final Typos typos = new Typos(Stream.of("заказ", "доставк", "оплат", "возврат", "отмен", "отказ"));

    @Test
    void correctsAnUnknownRussianWordToTheOneKnownStemATypoAway() {
        assertThat(typos.correct(new String[] {"где", "зааказ"})).containsExactly("где", "заказ");
        assertThat(typos.correct(new String[] {"дотсавка"})).as("two letters swapped").containsExactly("доставк");
        assertThat(typos.correct(new String[] {"вазврат"})).as("a wrong letter").containsExactly("возврат");
    }

    @Test
    void leavesKnownShortLatinAndFarWordsAlone() {
        var tokens = new String[] {"заказы", "зкз", "zakaz", "телевизор"};

        assertThat(typos.correct(tokens)).isSameAs(tokens);
    }

    @Test
    void leavesAWordAloneWhenTwoKnownStemsAreEquallyClose() {
        var ambiguous = new Typos(Stream.of("оплат", "оплот"));

        assertThat(ambiguous.correct(new String[] {"оплдт"})).containsExactly("оплдт");
        assertThat(new Typos(Stream.of("оплат")).correct(new String[] {"оплдт"})).as("the same typo with one candidate").containsExactly("оплат");
    }
}
