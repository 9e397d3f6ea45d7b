package org.supportbot.store;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the embedded store keeps documents on disk: as BSON, written and read by mongo-java-server's
 * own wire codec, so a stored document comes back with exactly the value types the server decoded
 * it with (32- and 64-bit integers, doubles, decimal128, instants, ObjectIds, binary data, UUIDs,
 * nested documents and arrays, nulls and the rest).
 *
 * <p>mongo-java-server's H2 backend leaves its documents to H2's default type, which knows no
 * {@link Document} and so Java-serializes each one, class descriptors and all: several times the
 * bytes of BSON for a small document, written at every commit of its page and read back at every
 * page load. Documents are never keys, so this type does not order them.
 *
 * <p>Thread-safe: each thread encodes into a buffer of its own.
 */
final class DocumentType extends BasicDataType<Document> {

    static final DocumentType INSTANCE = new DocumentType();

    /** A document's encoding, reused by the thread; grows as needed, and is kept up to {@link #KEPT_CAPACITY}. */
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(1024));
    private static final int KEPT_CAPACITY = 1 << 20;

    private DocumentType() {
    }

    /**
     * Equal documents compare as 0, others by their encodings: documents are never keys, and H2
     * compares values only to see whether they are equal (a replace that must match the old value).
     */
    @Override
    public int compare(Document a, Document b) {
        if (a.equals(b)) {
            return 0;
        }
        int order = Arrays.compare(encode(a), encode(b));
        return order != 0 ? order : Integer.compare(System.identityHashCode(a), System.identityHashCode(b));
    }

    private static byte[] encode(Document document) {
        var encoding = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, encoding);
        var bytes = new byte[encoding.readableBytes()];
        encoding.readBytes(bytes);
        return bytes;
    }

    /**
     * An estimate for H2's page cache, cheap to take: H2 asks it for every document it stores and
     * loads, so encoding each time just to measure would cost what this type saves.
     */
    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int memory = 64;
            for (var entry : map.entrySet()) {
                memory += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return memory;
        }
        if (value instanceof Collection<?> values) {
            int memory = 40;
            for (var element : values) {
                memory += 8 + estimate(element);
            }
            return memory;
        }
        if (value instanceof String string) {
            return 48 + 2 * string.length();
        }
        if (value instanceof BinData data) {
            return 32 + data.getData().length;
        }
        return 24;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        var encoding = ENCODING.get().clear();
        BsonEncoder.encodeDocument(document, encoding);
        buffer.put(encoding.array(), encoding.arrayOffset() + encoding.readerIndex(), encoding.readableBytes());
        if (encoding.capacity() > KEPT_CAPACITY) {
            ENCODING.remove(); // a rare large document: its buffer is not kept for the small ones
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int start = buffer.position();
        // BSON begins with its own length, little-endian, that length included
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start);
        var document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start, length)));
        buffer.position(start + length);
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
