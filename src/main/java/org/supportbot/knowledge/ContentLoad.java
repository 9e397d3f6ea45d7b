package org.supportbot.knowledge;

import java.util.List;

/**
 * The outcome of reading the content folder: the content as far as it could be read, and every
 * problem found. Content with an error must not replace content that is serving.
 */
public record ContentLoad(Content content, List<ContentProblem> problems) {

    public ContentLoad {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ContentProblem::isError);
    }

    public List<ContentProblem> errors() {
        return problems.stream().filter(ContentProblem::isError).toList();
    }
}
