package dev.imgdiff.source;

import dev.imgdiff.layer.BlobSource;
import dev.imgdiff.layer.EntryPaths;
import dev.imgdiff.layer.EntryKind;
import dev.imgdiff.layer.TarMembers;
import dev.imgdiff.model.ImageException;
import dev.imgdiff.model.ImageException.Kind;
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
            throw new ImageException(Kind.NOT_AN_IMAGE, "empty file: not an image archive");
        }
        TarMembers.Index index;
        try {
            index = TarMembers.index(new RegionChannel(file, 0, size));
        } catch (IOException e) {
            throw new ImageException(Kind.NOT_AN_IMAGE, "not a tar archive (" + e.getMessage() + ")", e);
        }
        truncatedMember = index.truncatedMember();
        if (index.members().isEmpty() && truncatedMember == null) {
            throw new ImageException(Kind.NOT_AN_IMAGE, "not an image archive: the tar is empty");
        }
        for (TarMembers.Member m : index.members()) {
            String name = m.name();
            if (m.kind() == EntryKind.SYMLINK) {
                String target = m.link().startsWith("/") ? m.link() : EntryPaths.parent("/" + name) + "/" + m.link();
                members.put(name, new Member(0, 0, EntryPaths.normalize(target).substring(1)));
            } else if (m.kind() == EntryKind.HARDLINK) {
                members.put(name, new Member(0, 0, EntryPaths.normalize(m.link()).substring(1)));
            } else if (m.kind() == EntryKind.FILE) {
                members.put(name, new Member(m.dataOffset(), m.size(), null));
            }
        }
        if (truncatedMember != null) {
            members.put(truncatedMember, new Member(0, -1, null));
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
