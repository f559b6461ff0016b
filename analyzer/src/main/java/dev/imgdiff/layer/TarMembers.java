package dev.imgdiff.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of an outer archive (a {@code docker save} or an oci-archive), read with the same tar
 * reader as layers: from a file by seeking over content, or from a stream member by member.
 */
public final class TarMembers {
    private TarMembers() {
    }

    /**
     * One member.
     *
     * @param name       normalised, without leading slash
     * @param kind       FILE, DIR, SYMLINK, HARDLINK or OTHER
     * @param link       the link target as stored (symlinks and hard links), else null
     * @param dataOffset where its content starts in the archive
     * @param size       its stored size
     */
    public record Member(String name, EntryKind kind, String link, long dataOffset, long size) {
    }

    /**
     * The members of a tar file, in order.
     *
     * @param truncatedMember the member the file ends inside (its content runs past the end), or null
     */
    public record Index(List<Member> members, String truncatedMember) {
    }

    /** Lists a tar file's members; stops at a member whose content runs past the end of the file. */
    public static Index index(SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        TarWalker w = new TarWalker(TarInput.of(ch));
        List<Member> out = new ArrayList<>();
        try {
            while (w.next()) {
                long dataOffset = w.position();
                Member m = member(w, dataOffset);
                if (dataOffset + w.storedSize() > size) {
                    return new Index(out, m.name());
                }
                out.add(m);
            }
        } catch (EOFException e) {
            return new Index(out, out.isEmpty() ? "the first header" : "the header after " + out.get(out.size() - 1).name());
        }
        return new Index(out, null);
    }

    private static Member member(TarWalker w, long dataOffset) {
        String name = EntryPaths.normalize(w.name()).substring(1);
        EntryKind kind = switch (w.type()) {
            case TarWalker.DIRECTORY -> EntryKind.DIR;
            case TarWalker.SYMLINK -> EntryKind.SYMLINK;
            case TarWalker.HARDLINK -> EntryKind.HARDLINK;
            default -> w.isRegularFile() ? EntryKind.FILE : EntryKind.OTHER;
        };
        String link = kind == EntryKind.SYMLINK || kind == EntryKind.HARDLINK ? w.linkName() : null;
        return new Member(name, kind, link, dataOffset, w.storedSize());
    }

    /** Visits the members of a tar stream in order, with their content as a stream. */
    public interface Visitor {
        void member(Member m, InputStream content) throws IOException, dev.imgdiff.model.ImageException;
    }

    /**
     * Reads a tar stream once, member by member.
     *
     * @throws EOFException when the stream ends inside a member (its message names it)
     */
    public static int stream(InputStream in, Visitor v) throws IOException, dev.imgdiff.model.ImageException {
        TarWalker w = new TarWalker(TarInput.of(in));
        int count = 0;
        String current = null;
        try {
            while (w.next()) {
                Member m = member(w, w.position());
                current = m.name();
                count++;
                v.member(m, w.contentStream());
            }
        } catch (EOFException e) {
            throw new EOFException(current == null ? "the stream ends inside the first header"
                    : "the stream ends inside " + current);
        }
        return count;
    }

    /** Whether the bytes form a tar header (or an empty tar). */
    public static boolean looksLikeTar(byte[] head, int len) {
        return Compression.looksLikeTar(head, len);
    }
}
