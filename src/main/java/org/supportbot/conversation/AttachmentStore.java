package org.supportbot.conversation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * The {@code attachments} collection (a reference per attachment, {@code _id} its id) and
 * {@code attachment_chunks} (the bytes of kept files in chunks of 255 KB, {@code _id}
 * {@code <id>:<n>}). Everything is read by {@code _id}, which the embedded store indexes too;
 * {@code conversation} is indexed on MongoDB for erasure, {@code at} and {@code attachment} for retention.
 */
@Component
class AttachmentStore {

    static final String COLLECTION = "attachments";
    static final String CHUNKS = "attachment_chunks";
    static final int CHUNK = 255 * 1024;
    private static final int REMOVE_BATCH = 500;

    private final MongoCollection<Document> attachments;
    private final MongoCollection<Document> chunks;

    AttachmentStore(Store store) {
        this.attachments = store.database().getCollection(COLLECTION);
        this.chunks = store.database().getCollection(CHUNKS);
        if (!store.embedded()) {
            attachments.createIndex(Indexes.ascending("conversation"));
            chunks.createIndex(Indexes.ascending("conversation"));
            attachments.createIndex(Indexes.ascending("at")); // retention: AttachmentExpiry
            chunks.createIndex(Indexes.ascending("attachment"));
        }
    }

    void remember(ConversationId conversation, Attachment attachment, Instant at) {
        var doc = MessageCodec.attachment(attachment);
        doc.remove("id");
        insertOnce(new Document("_id", attachment.id()).append("conversation", conversation.toString()).append("at", Date.from(at))
                .append("ref", doc));
    }

    /** Keeps the bytes first, then the reference: a reference never points at missing bytes. */
    void keep(ConversationId conversation, Attachment attachment, byte[] bytes, Instant at) {
        var parts = new ArrayList<Document>();
        for (int n = 0, offset = 0; offset < bytes.length; n++, offset += CHUNK) {
            var part = java.util.Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + CHUNK));
            parts.add(new Document("_id", attachment.id() + ":" + n).append("conversation", conversation.toString())
                    .append("attachment", attachment.id()).append("n", n).append("data", new Binary(part)));
        }
        chunks.insertMany(parts);
        remember(conversation, attachment, at);
    }

    Optional<Attachments.Stored> find(String id) {
        var doc = attachments.find(Filters.eq("_id", id)).first();
        if (doc == null || doc.getString("conversation") == null || doc.get("ref", Document.class) == null) {
            return Optional.empty();
        }
        var ref = new Document(doc.get("ref", Document.class)).append("id", id);
        return Optional.of(new Attachments.Stored(ConversationId.parse(doc.getString("conversation")), MessageCodec.attachment(ref)));
    }

    Optional<byte[]> bytes(String id) {
        var reference = find(id);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        long size = reference.get().attachment().size();
        int count = (int) ((size + CHUNK - 1) / CHUNK);
        var keys = new ArrayList<String>(count);
        for (int n = 0; n < count; n++) {
            keys.add(id + ":" + n);
        }
        var found = new java.util.TreeMap<Integer, byte[]>();
        for (var chunk : chunks.find(Filters.in("_id", keys))) {
            found.put(chunk.getInteger("n"), chunk.get("data", Binary.class).getData());
        }
        if (found.size() != count) {
            return Optional.empty();
        }
        var out = new ByteArrayOutputStream((int) size);
        found.values().forEach(out::writeBytes);
        return Optional.of(out.toByteArray());
    }

    /**
     * Removes the attachments noted before {@code before}, bytes first: a crash in between leaves a
     * reference without bytes (which reads as gone) for the next run, never bytes nobody can find.
     */
    long removeOlderThan(Instant before) {
        long removed = 0;
        while (true) {
            var ids = attachments.find(Filters.lt("at", Date.from(before))).projection(new Document("_id", 1)).limit(REMOVE_BATCH)
                    .map(doc -> doc.get("_id")).into(new ArrayList<>());
            if (ids.isEmpty()) {
                return removed;
            }
            removed += chunks.deleteMany(Filters.in("attachment", ids)).getDeletedCount();
            removed += attachments.deleteMany(Filters.in("_id", ids)).getDeletedCount();
        }
    }

    private void insertOnce(Document doc) {
        try {
            attachments.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
