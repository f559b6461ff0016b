package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.layer.EntryPaths;
import dev.imgdiff.layer.EscapingUtf8;
import dev.imgdiff.model.ImageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The members of a tar file (a {@code docker save} or an oci-archive), found by reading only the
 * headers and seeking over content. Each member is then a window of the file that can be read from any
 * thread.
 */
final class TarBlobStore implements BlobStore {
    private final FileChannel file;
    private final Map<String, Member> members = new HashMap<>();
    private String truncatedMember;

    private record Member(long offset, long size, String symlinkTarget) {
    }

    private TarBlobStore(FileChannel file) {
        this.file = file;
    }

    static TarBlobStore open(Path path) throws IOException, ImageException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        TarBlobStore store = new TarBlobStore(ch);
        try {
            store.index();
        } catch (IOException | ImageException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return store;
    }

    private void index() throws IOException, ImageException {
        long size = file.size();
        if (size == 0) {
            throw new ImageException("empty file: not an image archive");
        }
        TarFile tar;
        try {
            tar = new TarFile(new RegionChannel(file, 0, size), 10240, 512, EscapingUtf8.NAME, false);
        } catch (IOException e) {
            throw new ImageException("not a tar archive (" + e.getMessage() + ")", e);
        }
        try (tar) {
            if (tar.getEntries().isEmpty()) {
                throw new ImageException("not an image archive: the file is not a tar archive or is empty");
            }
            for (TarArchiveEntry e : tar.getEntries()) {
                String name = EntryPaths.normalize(e.getName()).substring(1);
                if (e.isSymbolicLink()) {
                    String target = e.getLinkName().startsWith("/") ? e.getLinkName()
                            : EntryPaths.parent("/" + name) + "/" + e.getLinkName();
                    members.put(name, new Member(0, 0, EntryPaths.normalize(target).substring(1)));
                } else if (e.isLink()) {
                    members.put(name, new Member(0, 0, EntryPaths.normalize(e.getLinkName()).substring(1)));
                } else if (!e.isDirectory()) {
                    long end = e.getDataOffset() + e.getSize();
                    if (end > size) {
                        truncatedMember = name;
                        members.put(name, new Member(e.getDataOffset(), -1, null));
                    } else {
                        members.put(name, new Member(e.getDataOffset(), e.getSize(), null));
                    }
                }
            }
        }
    }

    @Override
    public Optional<BlobSource> find(String name) throws IOException {
        Member m = members.get(name);
        for (int hops = 0; m != null && m.symlinkTarget() != null && hops < 16; hops++) {
            m = members.get(m.symlinkTarget());
        }
        if (m == null || m.symlinkTarget() != null) {
            return Optional.empty();
        }
        if (m.size() < 0) {
            throw new TruncatedMemberException(name);
        }
        Member member = m;
        return Optional.of(new BlobSource() {
            @Override
            public long size() {
                return member.size();
            }

            @Override
            public SeekableByteChannel openChannel() {
                return new RegionChannel(file, member.offset(), member.size());
            }

            @Override
            public InputStream openStream() {
                return new BufferedInputStream(Channels.newInputStream(openChannel()), 1 << 16);
            }
        });
    }

    /** The member that runs past the end of the file, or null when the archive is whole. */
    String truncatedMember() {
        return truncatedMember;
    }

    @Override
    public boolean seekable() {
        return true;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** A member whose content runs past the end of the archive. */
    static final class TruncatedMemberException extends IOException {
        TruncatedMemberException(String name) {
            super("truncated archive: " + name + " ends past the end of the file");
        }
    }
}
