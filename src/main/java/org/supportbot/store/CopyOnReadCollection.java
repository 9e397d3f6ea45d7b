package org.supportbot.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server's H2 collection, handing out copies of its stored documents instead of the
 * stored objects themselves.
 *
 * <p>The plain collection answers a query with the very objects its data map holds, and an update
 * changes such an object in place (removing and putting its fields one by one) before storing it
 * again. Whoever else holds that object meanwhile sees it half-updated: a reply being encoded on
 * another server thread (a torn reply, or a {@code ConcurrentModificationException}), a commit
 * serializing the map's pages on another thread (a torn document in the file), an aggregation
 * stage that sets nested fields in place. With copies handed out, a stored document never changes
 * once stored: an update changes its own copy and stores that.
 *
 * <p>Copies are deep for documents, lists and sets (values of other types are immutable here).
 * Only matching documents are copied, so a scan copies what it returns, not what it reads; a
 * projected result is a new document already and is not copied again.
 *
 * <p>It also reads fewer documents: upstream uses a unique index only for a query that names
 * exactly the index's fields, so {@code {_id: {$in: ids}, status: "sending"}} or an {@code $and}
 * holding {@code {_id: …}} read the whole collection. Here a query with such a part takes the
 * index's documents for that part and checks the whole query on them alone.
 */
final class CopyOnReadCollection extends H2Collection {

    /** Documents read to answer queries, updates and deletes (matching or not): what a scan costs. */
    private final LongAdder documentsRead = new LongAdder();

    CopyOnReadCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
    }

    /**
     * Upstream keeps a running total of its documents' BSON sizes, for {@code collStats}: it encodes
     * every document inserted, and the old and new one of every update, just to measure it, and
     * rewrites the total at each commit. Nothing here asks for it; {@code collStats} reports the
     * total as it was when this was turned off.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    long documentsRead() {
        return documentsRead.sum();
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
            @Nullable Document fieldSelector) {
        var positions = positionsOfPinnedPart(query);
        if (positions != null) {
            return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
        }
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * Where a unique index answers one part of {@code query} (its top-level fields, or one clause
     * of a top-level {@code $and}), the documents that part allows: every document the whole query
     * matches is among them. Null when an index answers the whole query (upstream does that) or
     * none answers a part.
     */
    private @Nullable Iterable<Object> positionsOfPinnedPart(Document query) {
        var indexes = getIndexes();
        for (var index : indexes) {
            if (index.canHandle(query)) {
                return null;
            }
        }
        var parts = new ArrayList<Document>();
        parts.add(query);
        if (query.get("$and") instanceof List<?> clauses) {
            for (var clause : clauses) {
                if (clause instanceof Document part) {
                    parts.add(part);
                }
            }
        }
        for (var index : indexes) {
            for (var part : parts) {
                var pinned = pinnedBy(index, part);
                if (pinned != null && index.canHandle(pinned)) {
                    return index.getPositions(pinned);
                }
            }
        }
        return null;
    }

    /** The conditions {@code part} sets on each of the index's fields; null unless it sets one on all. */
    private static @Nullable Document pinnedBy(Index<Object> index, Document part) {
        var pinned = new Document();
        for (var key : index.getKeys()) {
            if (!part.containsKey(key.getKey())) {
                return null;
            }
            pinned.put(key.getKey(), part.get(key.getKey()));
        }
        return pinned;
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip, int limit, int batchSize,
            @Nullable Comparator<Document> order, @Nullable Document fieldSelector) {
        documents = documents.peek(read -> documentsRead.increment());
        if (fieldSelector == null || fieldSelector.isEmpty()) {
            // Matched twice (here and by super, on the copy): cheaper than copying every document scanned.
            documents = documents.filter(document -> documentMatchesQuery(document, query)).map(Document::cloneDeeply);
        }
        return super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, fieldSelector);
    }
}
