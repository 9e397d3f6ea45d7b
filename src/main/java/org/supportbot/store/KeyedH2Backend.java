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
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with unique indexes keyed by {@link IndexKeyType}, documents kept
 * as BSON ({@link DocumentType}) and collections that hand out copies of their documents
 * ({@link CopyOnReadCollection}).
 *
 * <p>Index and data maps get names of their own ({@code …~keyed}, {@code …~bson}): a file written
 * by the plain backend, or by an earlier version of this one, is migrated on open by copying each
 * old map into its new one. A migration cut short (a crash, a kill) is done again on the next open:
 * the old map is removed only after the copy, so while it is in the file, the copy is not finished.
 */
final class KeyedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(KeyedH2Backend.class);
    static final String KEYED_SUFFIX = "~keyed";
    static final String BSON_SUFFIX = "~bson";
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

    /** The store underneath, for compaction and its size. */
    MVStore mvStore() {
        return getMvStore();
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
            migrate(store, legacyName, map, "index " + indexName + " of " + getFullCollectionNamespace(collectionName));
            return new KeyedIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            var store = store();
            var namespace = getFullCollectionNamespace(collectionName);
            var data = openDataMap(store, namespace);
            migrate(store, DATA_PREFIX + namespace, data, "documents of " + namespace);
            MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
            return new CopyOnReadCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        private static MVMap<Object, Document> openDataMap(MVStore store, String namespace) {
            return store.openMap(DATA_PREFIX + namespace + BSON_SUFFIX, new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE));
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            removeIfPresent(store(), DATA_PREFIX + getFullCollectionNamespace(collectionName) + BSON_SUFFIX);
        }

        /**
         * H2Database renames a collection's maps only after the collection has its new name, so it
         * renames nothing and leaves empty maps under the new name (upstream, the documents stay
         * under the old name and are gone from the collection after a restart). Here the maps move:
         * documents, size, and unique indexes.
         */
        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            var store = store();
            var from = collection.getFullName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            var to = collection.getFullName();
            removeIfPresent(store, DATA_PREFIX + to);
            removeIfPresent(store, META_PREFIX + to);
            store.renameMap(openDataMap(store, from), DATA_PREFIX + to + BSON_SUFFIX);
            store.renameMap(store.openMap(META_PREFIX + from), META_PREFIX + to);
            var indexPrefix = from + "._index_";
            for (var name : List.copyOf(store.getMapNames())) {
                if (name.startsWith(indexPrefix) && name.endsWith(KEYED_SUFFIX)) {
                    store.renameMap(store.openMap(name), to + name.substring(from.length()));
                }
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            store().removeMap(indexMapName(collection.getCollectionName(), indexName) + KEYED_SUFFIX);
        }
    }

    /**
     * Copies a map of an older layout into its new one, then removes the old map. Crash-safe: while
     * the old map is in the file, the copy is unfinished, and is done again from the start. An empty
     * old map holds nothing to copy: H2Database creates one when it drops or renames a collection.
     */
    private static <K, V> void migrate(MVStore store, String oldName, MVMap<K, V> map, String what) {
        if (!store.hasMap(oldName)) {
            return;
        }
        MVMap<K, V> old = store.openMap(oldName);
        if (!old.isEmpty()) {
            map.clear(); // what an interrupted copy left
            for (var entry : old.entrySet()) {
                map.put(entry.getKey(), entry.getValue());
            }
            log.info("Migrated {} ({} entries)", what, map.sizeAsLong());
        }
        store.removeMap(old);
    }

    private static void removeIfPresent(MVStore store, String name) {
        if (store.hasMap(name)) {
            store.removeMap(name);
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
