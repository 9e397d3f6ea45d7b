package org.supportbot.knowledge;

import java.util.Objects;

/** Published after new content was loaded without errors and replaced the previous one. */
public record ContentChanged(Content content) {
    public ContentChanged {
        Objects.requireNonNull(content, "content");
    }
}
