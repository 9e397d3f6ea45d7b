package org.supportbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module graph of {@code org.supportbot} acyclic and its internals hidden. */
class ModularityTests {

    private static final String DOCS = "target/spring-modulith-docs";

    private static final ApplicationModules MODULES = ApplicationModules.of(SupportBotApplication.class);

    @Test
    void verifiesModularStructure() {
        MODULES.verify();
    }

    @Test
    void createsModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();

        var names = MODULES.stream().map(module -> module.getIdentifier().toString()).toList();
        assertThat(names).contains("knowledge", "nlu", "conversation", "delivery", "channel", "cli");
        assertThat(Path.of(DOCS, "components.puml")).isRegularFile();
        for (var name : names) {
            assertThat(Path.of(DOCS, "module-" + name + ".puml")).isRegularFile();
            assertThat(Path.of(DOCS, "module-" + name + ".adoc")).isRegularFile();
        }
    }
}
