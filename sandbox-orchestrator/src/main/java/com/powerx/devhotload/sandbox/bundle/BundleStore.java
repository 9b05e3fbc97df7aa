package com.powerx.devhotload.sandbox.bundle;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.sandbox.driver.HarnessInstallation;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bundles on local disk: blobs cached once by hash ({@code blobs/<sha256>}), and each version materialised into a
 * directory of its own ({@code sessions/<sessionId>/v<sequence>/<path>}, hard links into the cache, copies where
 * links are impossible), so the harness can reload from a fresh directory and roll back to the old one.
 */
@ApplicationScoped
public class BundleStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final BlobFetcher fetcher;
    private final Path blobs;
    private final Path sessions;

    public BundleStore(BlobFetcher fetcher, HarnessInstallation installation) {
        this.fetcher = fetcher;
        this.blobs = installation.workDir().resolve("blobs");
        this.sessions = installation.workDir().resolve("sessions");
    }

    /** The directory of one version, with every file in place. */
    public Path materialise(String tenantId, String sessionId, long sequence, List<FileRef> files) throws IOException {
        Path dir = versionDir(sessionId, sequence);
        if (Files.exists(dir)) {
            deleteTree(dir); // a half-written directory of an earlier attempt
        }
        Files.createDirectories(dir);
        for (FileRef file : files == null ? List.<FileRef>of() : files) {
            Path target = safeResolve(dir, file.path());
            Files.createDirectories(target.getParent());
            Path blob = cached(tenantId, sessionId, file.sha256());
            try {
                Files.createLink(target, blob);
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    public Path versionDir(String sessionId, long sequence) {
        return sessions.resolve(sessionId).resolve("v" + sequence);
    }

    /** Deletes the versions of a session except {@code keep}. */
    public void prune(String sessionId, Set<Long> keep) {
        Path dir = sessions.resolve(sessionId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> versions = Files.list(dir)) {
            versions.filter(v -> v.getFileName().toString().startsWith("v"))
                    .filter(v -> !keep.contains(parseSequence(v)))
                    .forEach(BundleStore::deleteQuietly);
        } catch (IOException ignored) {
            // pruning is best effort
        }
    }

    public void deleteSession(String sessionId) {
        deleteQuietly(sessions.resolve(sessionId));
    }

    private Path cached(String tenantId, String sessionId, String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IOException("invalid blob hash " + sha256);
        }
        Path blob = blobs.resolve(sha256);
        if (Files.exists(blob)) {
            return blob;
        }
        Files.createDirectories(blobs);
        Path partial = Files.createTempFile(blobs, sha256, ".part");
        try {
            fetcher.fetch(tenantId, sessionId, sha256, partial);
            String actual = sha256(partial);
            if (!actual.equals(sha256)) {
                throw new IOException("blob " + sha256 + " arrived with content hash " + actual);
            }
            Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return blob;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static Path safeResolve(Path dir, String relative) throws IOException {
        Path target = dir.resolve(relative).normalize();
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || !target.startsWith(dir) || target.equals(dir)) {
            throw new IOException("invalid bundle path " + relative);
        }
        return target;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parseSequence(Path version) {
        try {
            return Long.parseLong(version.getFileName().toString().substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
