package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramTextTests {

    @Test
    void escapesEveryHtmlSpecialCharacter() {
        // &quot; is one of the four named entities Telegram understands; «», ё and emoji stay as typed.
        assertThat(TelegramText.escapeHtml("<b>Олег</b> & \"Ко\" «ёлка» 🙂"))
                .isEqualTo("&lt;b&gt;Олег&lt;/b&gt; &amp; &quot;Ко&quot; «ёлка» 🙂");
    }
}
