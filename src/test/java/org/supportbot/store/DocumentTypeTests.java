package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class DocumentTypeTests {

    private final DocumentType type = DocumentType.INSTANCE;

    private static Document everyValueTheAppStores() {
        var nested = new Document("text", "Здравствуйте! 👋 ¿Qué tal?").append("buttons", List.of("Да", "Нет"));
        var withNull = new ArrayList<Object>(Arrays.asList(1, null, "x"));
        return new Document("_id", "telegram:8812345")
                .append("oid", new ObjectId())
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", -2.5)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("at", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("binary", new BinData(new byte[] {0, 1, 2, (byte) 0xFF}))
                .append("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .append("decimal", Decimal128.fromNumber(new BigDecimal("12345.6789")))
                .append("long text", "слово ".repeat(20_000))
                .append("empty", "")
                .append("message", nested)
                .append("history", List.of(new Document("n", 1), new Document("n", 2L).append("deep", new Document("deeper", List.of(List.of(1), List.of())))))
                .append("mixed", withNull)
                .append("empty doc", new Document())
                .append("empty list", List.of());
    }

    @Test
    void readsBackEveryValueTypeAsItWasWithItsJavaType() {
        var document = everyValueTheAppStores();
        var back = roundTrip(document);
        assertThat(back).isEqualTo(document);
        for (var key : document.keySet()) {
            var value = document.get(key);
            assertThat(back.get(key)).as(key).isEqualTo(value);
            if (value != null) {
                assertThat(back.get(key)).as(key).isInstanceOf(value instanceof List ? List.class : value.getClass());
            }
        }
        assertThat(back.keySet()).containsExactlyElementsOf(document.keySet()); // field order kept
    }

    @Test
    void readsExactlyItsOwnBytesAmongNeighbours() {
        var documents = List.of(everyValueTheAppStores(), new Document("_id", 1), new Document("_id", new ObjectId()).append("a", "b"));
        var buffer = new WriteBuffer();
        for (var document : documents) {
            buffer.put((byte) 0x5A); // a neighbour in the page: read must consume exactly its own bytes
            type.write(buffer, document);
        }
        ByteBuffer read = buffer.getBuffer().flip();
        for (var document : documents) {
            assertThat(read.get()).isEqualTo((byte) 0x5A);
            assertThat(type.read(read)).isEqualTo(document);
        }
        assertThat(read.hasRemaining()).isFalse();
    }

    @Test
    void isSmallerThanJavaSerialization() {
        var document = new Document("_id", "telegram:1:42").append("conversation", "telegram:1").append("text", "Где мой заказ?")
                .append("at", Instant.now()).append("n", 3L);
        var compact = new WriteBuffer();
        type.write(compact, document);
        var serialized = new WriteBuffer();
        new org.h2.mvstore.type.ObjectDataType().write(serialized, document);
        assertThat(compact.position()).isLessThan(serialized.position() / 2);
    }

    @Test
    void comparesEqualDocumentsAsEqualOnly() {
        assertThat(type.compare(everyValueTheAppStores().append("oid", null), everyValueTheAppStores().append("oid", null))).isZero();
        var a = new Document("_id", 1).append("n", 1);
        var b = new Document("_id", 1).append("n", 2);
        assertThat(type.compare(a, b)).isNotZero().isEqualTo(-type.compare(b, a));
    }

    @Test
    void estimatesMemoryByContent() {
        assertThat(type.getMemory(new Document("text", "x".repeat(10_000)))).isGreaterThan(20_000);
        assertThat(type.getMemory(new Document())).isPositive();
    }

    private Document roundTrip(Document document) {
        var buffer = new WriteBuffer();
        type.write(buffer, document);
        return type.read(buffer.getBuffer().flip());
    }
}
