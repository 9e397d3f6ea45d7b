package org.supportbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.supportbot.MemoryStore;

/** Operator accounts at start-up: what reaches the store, what the admin password must be, what a first run is told. */
@ExtendWith(OutputCaptureExtension.class)
class OperatorsTests {

    private static final String ANNA_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("anna-password-1");

    private final MemoryStore store = new MemoryStore();

    @AfterEach
    void close() {
        store.close();
    }

    private static OperatorProperties properties(Map<String, OperatorProperties.Account> accounts, String adminPassword) {
        return new OperatorProperties(accounts, List.of(42L), adminPassword, 5);
    }

    private static OperatorProperties.Account anna() {
        return new OperatorProperties.Account("Anna", ANNA_HASH, List.of("payments"), null, null, false, false);
    }

    @Test
    void keepsPasswordHashesInMemoryAndOutOfTheStore() {
        var collection = store.database().getCollection(Operators.COLLECTION);
        collection.insertOne(new Document("_id", "anna").append("passwordHash", "{noop}left-by-an-older-version").append("active", 1));

        var operators = new Operators(properties(Map.of("anna", anna()), "a-long-admin-password"), store);

        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoder.matches("anna-password-1", operators.find("anna").orElseThrow().passwordHash())).isTrue();
        assertThat(encoder.matches("a-long-admin-password", operators.find("admin").orElseThrow().passwordHash())).isTrue();
        var stored = collection.find().into(new java.util.ArrayList<>());
        assertThat(stored).extracting(doc -> doc.getString("_id")).containsExactlyInAnyOrder("anna", "admin", "tg42");
        assertThat(stored).allSatisfy(doc -> assertThat(doc.keySet()).doesNotContain("passwordHash", "password"));
        assertThat(stored).allSatisfy(doc -> assertThat(doc.toJson()).doesNotContain("{bcrypt}", "{noop}"));
        assertThat(collection.find(Filters.eq("_id", "anna")).first().getInteger("active")).as("the held count stays").isEqualTo(1);
    }

    @Test
    void refusesAShortAdminPasswordNamingTheVariableNeverTheValue() {
        assertThatThrownBy(() -> new Operators(properties(Map.of(), "short-pw-11"), store))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SUPPORTBOT_ADMIN_PASSWORD")
                .hasMessageContaining("at least 12 characters")
                .hasMessageNotContaining("short-pw-11");
        assertThat(new Operators(properties(Map.of(), "exactly-12ch"), store).find("admin")).isPresent();
    }

    @Test
    void tellsAFirstRunHowToCreateAnAccount(CapturedOutput output) {
        new Operators(properties(Map.of(), null), store);

        assertThat(output.getOut()).contains("No operator can sign in to the console yet")
                .contains("SUPPORTBOT_ADMIN_PASSWORD=").contains("java -jar support-bot.jar hash-password");
    }

    @Test
    void saysNothingOfAFirstRunWhenSomeoneCanSignIn(CapturedOutput output) {
        new Operators(properties(Map.of("anna", anna()), null), store);

        assertThat(output.getOut()).doesNotContain("No operator can sign in");
    }
}
