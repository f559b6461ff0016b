package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a streamed archive left behind: its small JSON documents, kept in memory, and the names and sizes
 * of the layers that were scanned as they passed (their bytes are gone).
 */
final class MemoryBlobStore implements BlobStore {
    private final Map<String, byte[]> documents = new HashMap<>();
    private final Map<String, Long> passed = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    void putDocument(String name, byte[] data) {
        documents.put(name, data);
    }

    void putPassed(String name, long size) {
        passed.put(name, size);
    }

    void putLink(String name, String target) {
        links.put(name, target);
    }

    /** The name a link resolves to (the name itself when it is no link). */
    String resolve(String name) {
        String n = name;
        for (int i = 0; i < 16 && links.containsKey(n); i++) {
            n = links.get(n);
        }
        return n;
    }

    @Override
    public Optional<BlobSource> find(String name) {
        String n = resolve(name);
        byte[] doc = documents.get(n);
        if (doc != null) {
            return Optional.of(BlobSource.streamed(doc.length, () -> new ByteArrayInputStream(doc)));
        }
        Long size = passed.get(n);
        if (size == null) {
            return Optional.empty();
        }
        return Optional.of(BlobSource.streamed(size, () -> {
            throw new IOException(n + " was read from a stream and cannot be read again");
        }));
    }

    @Override
    public boolean seekable() {
        return false;
    }
}
