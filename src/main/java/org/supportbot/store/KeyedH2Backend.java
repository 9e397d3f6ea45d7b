package org.supportbot.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with unique indexes keyed by {@link IndexKeyType} and
 * collections that hand out copies of their documents ({@link CopyOnReadCollection}). Index maps
 * get a name of their own ({@code …~keyed}): a file written by the plain backend is migrated on
 * open, by copying each old index map into its new one (the data maps are unchanged).
 */
final class KeyedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(KeyedH2Backend.class);
    static final String KEYED_SUFFIX = "~keyed";
    /** How H2Database names a collection's maps: documents by id, and its size. */
    static final String DATA_PREFIX = "databases.";
    static final String META_PREFIX = "meta.";

    /**
     * The store a {@link KeyedDatabase} is being opened on: H2Database opens the indexes already
     * in the file from its own constructor, before a subclass can keep anything in a field.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    KeyedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        var previous = OPENING.get();
        OPENING.set(getMvStore());
        try {
            return new KeyedDatabase(databaseName, getMvStore(), getCursorRegistry());
        } finally {
            if (previous == null) {
                OPENING.remove();
            } else {
                OPENING.set(previous);
            }
        }
    }

    private static final class KeyedDatabase extends H2Database {

        private @Nullable MVStore store; // no initializer: it would overwrite what the super constructor saw

        KeyedDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
            this.store = store;
        }

        private MVStore store() {
            return store != null ? store : OPENING.get();
        }

        private String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            var store = store();
            var legacyName = indexMapName(collectionName, indexName);
            MVMap<KeyValue, Object> map = store.openMap(legacyName + KEYED_SUFFIX,
                    new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
            if (map.isEmpty() && store.hasMap(legacyName)) {
                MVMap<KeyValue, Object> legacy = store.openMap(legacyName);
                for (var entry : legacy.entrySet()) {
                    map.put(entry.getKey(), entry.getValue());
                }
                log.info("Migrated index {} of {} ({} keys)", indexName, getFullCollectionNamespace(collectionName), map.sizeAsLong());
                store.removeMap(legacy);
            }
            return new KeyedIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            var store = store();
            var namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store.openMap(DATA_PREFIX + namespace);
            MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
            return new CopyOnReadCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            store().removeMap(indexMapName(collection.getCollectionName(), indexName) + KEYED_SUFFIX);
        }
    }

    /** A unique index on an {@link MVMap} keyed by {@link IndexKeyType}. */
    private static final class KeyedIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        KeyedIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
