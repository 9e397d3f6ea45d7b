package org.supportbot.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
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
 */
final class CopyOnReadCollection extends H2Collection {

    CopyOnReadCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int skip, int limit, int batchSize,
            @Nullable Comparator<Document> order, @Nullable Document fieldSelector) {
        if (fieldSelector == null || fieldSelector.isEmpty()) {
            // Matched twice (here and by super, on the copy): cheaper than copying every document scanned.
            documents = documents.filter(document -> documentMatchesQuery(document, query)).map(Document::cloneDeeply);
        }
        return super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, fieldSelector);
    }
}
