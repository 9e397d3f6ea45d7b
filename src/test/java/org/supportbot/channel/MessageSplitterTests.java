package org.supportbot.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageSplitterTests {

    @Test
    void keepsATextWithinTheLimitWhole() {
        assertThat(MessageSplitter.split("Коротко.\n\nИ ясно.", 4096)).containsExactly("Коротко.\n\nИ ясно.");
    }

    @Test
    void keepsAnEmptyTextAsOnePart() {
        assertThat(MessageSplitter.split("", 4096)).containsExactly("");
    }

    @Test
    void splitsTenThousandCharactersAtParagraphEnds() {
        var paragraph = "Абзац номер %03d. " + "Слово ".repeat(60);
        var text = new StringBuilder();
        for (int i = 0; text.length() < 10_000; i++) {
            text.append(String.format(paragraph, i).strip()).append("\n\n");
        }
        var source = text.toString().strip();

        var parts = MessageSplitter.split(source, 4096);

        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part).startsWith("Абзац номер").endsWith("Слово");
        });
        assertThat(String.join("\n\n", parts)).isEqualTo(source);
    }

    @Test
    void splitsALongParagraphAtASentenceEnd() {
        var sentence = "Это предложение довольно длинное, но заканчивается точкой. ";
        var source = sentence.repeat(10_000 / sentence.length() + 1).strip();

        var parts = MessageSplitter.split(source, 4096);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part).startsWith("Это").endsWith("точкой.");
        });
        assertThat(String.join(" ", parts)).isEqualTo(source);
    }

    @Test
    void cutsAWordOnlyWhenThereIsNoSpaceAndNeverASurrogatePair() {
        var source = "a" + "😀".repeat(5_000); // 10,001 UTF-16 units, no spaces

        var parts = MessageSplitter.split(source, 4096);

        assertThat(String.join("", parts)).isEqualTo(source);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
        });
    }

    @Test
    void refusesALimitBelowTwo() {
        assertThatThrownBy(() -> MessageSplitter.split("abc", 1)).hasMessageContaining("got 1");
    }
}
