package org.supportbot.actions;

import java.util.List;
import java.util.Map;
import org.supportbot.knowledge.ContentProblem;

/**
 * The action files as read: the actions that have no errors, by name, and every problem found.
 *
 * @param actions the readable actions by name
 * @param problems errors and warnings, as {@code file:line: message}
 */
public record ActionLoad(Map<String, StoreAction> actions, List<ContentProblem> problems) {

    public ActionLoad {
        actions = Map.copyOf(actions);
        problems = List.copyOf(problems);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(ContentProblem::isError);
    }
}
