package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A version's files sent to a pod's harness over its control connection ({@code writeFiles}, docs/sandbox-protocol.md
 * §4). Sandbox pods may reach nothing, so this is how every version gets into one, the first included. A request
 * carries at most {@link #CHUNK_BYTES} of file data (base64 makes that 4/3 on the wire, far below the protocol's 64 MiB
 * line), a larger file goes in pieces ({@code append}), and each request is read from disk only once the previous one
 * was answered: a 100 MB bundle is never held in memory at once.
 */
final class VersionUpload {

    static final int CHUNK_BYTES = 2 * 1024 * 1024;

    private final HarnessConnection connection;
    private final Path dir;
    private final String wireDir;
    private final List<List<Piece>> requests;

    /** A byte range of one file; {@code offset > 0} appends to what the earlier pieces wrote. */
    private record Piece(Path file, String path, long offset, int length) {
    }

    private VersionUpload(HarnessConnection connection, Path dir, long sequence) throws IOException {
        this.connection = connection;
        this.dir = dir;
        this.wireDir = "v" + sequence;
        this.requests = batches(pieces(dir), CHUNK_BYTES);
    }

    /** Writes the local copy {@code dir} of version {@code sequence} to the pod's {@code v<sequence>}, request by request. */
    static CompletableFuture<JsonNode> send(HarnessConnection connection, Path dir, long sequence) {
        try {
            return new VersionUpload(connection, dir, sequence).sendFrom(0);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(HarnessError.gone("cannot read version " + sequence + ": " + e.getMessage()));
        }
    }

    private CompletableFuture<JsonNode> sendFrom(int index) {
        if (index == requests.size()) {
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode fields;
        try {
            fields = request(requests.get(index));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(HarnessError.gone("cannot read " + dir + ": " + e.getMessage()));
        }
        // Async: the next piece is read from disk off the connection's reader thread, which must keep reading replies.
        return connection.request("writeFiles", fields).thenComposeAsync(written -> sendFrom(index + 1));
    }

    private ObjectNode request(List<Piece> pieces) throws IOException {
        ObjectNode fields = ProcessSandboxDriver.fields().put("dir", wireDir);
        ArrayNode files = fields.putArray("files");
        for (Piece piece : pieces) {
            ObjectNode file = files.addObject().put("path", piece.path()).put("data", Base64.getEncoder().encodeToString(read(piece)));
            if (piece.offset() > 0) {
                file.put("append", true);
            }
        }
        return fields;
    }

    private static byte[] read(Piece piece) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(piece.length());
        try (FileChannel channel = FileChannel.open(piece.file(), StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, piece.offset() + buffer.position()) >= 0) {
                // read until the piece is complete
            }
        }
        if (buffer.hasRemaining()) {
            throw new IOException(piece.file() + " shrank while it was being sent");
        }
        return buffer.array();
    }

    /** Every file in pieces of at most {@code CHUNK_BYTES}; an empty file is one empty piece. */
    private static List<Piece> pieces(Path dir) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        for (Path file : BundleFiles.list(dir)) {
            String path = dir.relativize(file).toString().replace('\\', '/');
            long size = Files.size(file);
            long offset = 0;
            do {
                int length = (int) Math.min(CHUNK_BYTES, size - offset);
                pieces.add(new Piece(file, path, offset, length));
                offset += length;
            } while (offset < size);
        }
        return pieces;
    }

    /** Consecutive pieces grouped into requests of at most {@code limit} bytes of data (many small files share one). */
    private static List<List<Piece>> batches(List<Piece> pieces, long limit) {
        List<List<Piece>> batches = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        long bytes = 0;
        for (Piece piece : pieces) {
            if (!current.isEmpty() && bytes + piece.length() > limit) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(piece);
            bytes += piece.length();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
