package org.supportbot.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.supportbot.actions.StoreActions;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.nlu.SynonymsCheck;

/** {@code validate}: lists every content problem as {@code file:line: message}; exit 1 on any error. */
final class ValidateCommand {

    private final Path contentDir;
    private final PrintStream out;

    ValidateCommand(Path contentDir, PrintStream out) {
        this.contentDir = contentDir;
        this.out = out;
    }

    int run() {
        var load = KnowledgeBase.load(contentDir);
        load.problems().forEach(out::println);
        var content = load.content();
        var actions = StoreActions.load(contentDir, content.intents().keySet());
        actions.problems().forEach(out::println);
        var synonyms = SynonymsCheck.problems(contentDir);
        synonyms.forEach(out::println);
        long errors = load.errors().size() + actions.problems().stream().filter(p -> p.isError()).count()
                + synonyms.stream().filter(p -> p.isError()).count();
        long warnings = load.problems().size() + actions.problems().size() + synonyms.size() - errors;
        long examples = content.intents().values().stream()
                .mapToLong(i -> i.examples().values().stream().mapToLong(java.util.List::size).sum()).sum();
        int actionCount = actions.actions().size();
        out.printf("%s: %d intents, %d examples, %d answers%s; %d error%s, %d warning%s%n",
                errors == 0 ? "OK" : "FAILED", content.intents().size(), examples, content.answers().size(),
                actionCount == 0 ? "" : ", " + actionCount + (actionCount == 1 ? " action" : " actions"),
                errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        return errors == 0 ? 0 : 1;
    }
}
