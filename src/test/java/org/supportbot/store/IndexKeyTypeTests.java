package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTests {

    private final IndexKeyType type = IndexKeyType.INSTANCE;

    @Test
    void ordersStringsNumbersAndDatesByValueNotBySerializedBytes() {
        assertThat(type.compare(new KeyValue("telegram:10"), new KeyValue("telegram:9"))).isNegative();
        assertThat(type.compare(new KeyValue(10L), new KeyValue(9L))).isPositive();
        assertThat(type.compare(new KeyValue(-1.5), new KeyValue(2.0))).isNegative();
        assertThat(type.compare(new KeyValue(new Date(1000)), new KeyValue(new Date(2000)))).isNegative();
        assertThat(type.compare(new KeyValue("Ёлка"), new KeyValue("Ёлка"))).isZero();
    }

    @Test
    void comparesCompoundKeysValueByValueAndAShorterKeyFirst() {
        assertThat(type.compare(new KeyValue("a", 2L), new KeyValue("a", 10L))).isNegative();
        assertThat(type.compare(new KeyValue("b", 1L), new KeyValue("a", 10L))).isPositive();
        assertThat(type.compare(new KeyValue("a"), new KeyValue("a", 1L))).isNegative();
    }

    @Test
    void isEqualOnlyForEqualKeysEvenForTypesH2DoesNotKnow() {
        var id = new ObjectId();
        assertThat(type.compare(new KeyValue(id), new KeyValue(new ObjectId(id.getHexData())))).isZero();
        assertThat(type.compare(new KeyValue(id), new KeyValue(new ObjectId()))).isNotZero();
        assertThat(type.compare(new KeyValue(new Document("a", 1)), new KeyValue(new Document("a", 2)))).isNotZero();
        // different types never compare equal, whatever their values
        assertThat(type.compare(new KeyValue("1"), new KeyValue(1L))).isNotZero();
        assertThat(type.compare(new KeyValue(1L), new KeyValue(1.0))).isNotZero();
    }

    @Test
    void isATotalOrderOverMixedKeys() {
        var keys = new ArrayList<KeyValue>(List.of(new KeyValue("b"), new KeyValue(3L), new KeyValue("a", 1L), new KeyValue(new Date(5)),
                new KeyValue("a"), new KeyValue(-2L), new KeyValue(new ObjectId()), new KeyValue(true), new KeyValue(2.5)));
        for (var a : keys) {
            for (var b : keys) {
                assertThat(Integer.signum(type.compare(a, b))).as("%s vs %s", a, b).isEqualTo(-Integer.signum(type.compare(b, a)));
                for (var c : keys) {
                    if (type.compare(a, b) < 0 && type.compare(b, c) < 0) {
                        assertThat(type.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
                    }
                }
            }
        }
        var shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(type::compare);
        keys.sort(type::compare);
        assertThat(shuffled).isEqualTo(keys);
    }

    @Test
    void readsBackWhatItWrote() {
        var keys = List.of(new KeyValue("telegram:8812345"), new KeyValue("Анна", 42L, new Date(1_700_000_000_000L)),
                new KeyValue(new ObjectId()), new KeyValue(new Document("nested", List.of(1, 2))), new KeyValue(2.5, true));
        var buffer = new WriteBuffer();
        for (var key : keys) {
            buffer.put((byte) 0x5A); // a neighbour in the page: read must consume exactly its own bytes
            type.write(buffer, key);
        }
        ByteBuffer read = buffer.getBuffer().flip();
        for (var key : keys) {
            assertThat(read.get()).isEqualTo((byte) 0x5A);
            var back = type.read(read);
            assertThat(back).isEqualTo(key);
            assertThat(type.compare(back, key)).isZero();
        }
        assertThat(read.hasRemaining()).isFalse();
    }
}
