package com.powerx.devhotload.cli.bundle;

import com.powerx.devhotload.cli.watch.IgnoreRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BundleTest {

    @TempDir
    Path dir;

    @Test
    void filesAreHashedWithSha256AndIgnoredFoldersLeftOut() throws Exception {
        Files.writeString(dir.resolve("index.mjs"), "hello");
        Files.createDirectories(dir.resolve("node_modules/x"));
        Files.writeString(dir.resolve("node_modules/x/a.js"), "dep");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/counter.mjs"), "hello");
        Files.writeString(dir.resolve(".pxignore"), "# comment\n*.log\n");
        Files.writeString(dir.resolve("debug.log"), "noise");

        Bundle bundle = scan();

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(bundle.hashes()).containsOnlyKeys(".pxignore", "index.mjs", "lib/counter.mjs").containsEntry("index.mjs", expected);
        assertThat(bundle.blobs()).hasSize(2); // the two "hello" files share one blob
        assertThat(bundle.totalBytes()).isEqualTo(5 + 5 + Files.size(dir.resolve(".pxignore")));
        assertThat(bundle.fileRefs().get(1).path("sha256").asText()).isEqualTo(expected);
    }

    @Test
    void theDiffListsAddedChangedAndRemovedFiles() throws IOException {
        Files.writeString(dir.resolve("a.mjs"), "1");
        Files.writeString(dir.resolve("b.mjs"), "1");
        Map<String, String> before = scan().hashes();
        String buildHash = scan().buildHash();
        assertThat(scan().changedSince(before)).isEmpty();
        assertThat(scan().buildHash()).isEqualTo(buildHash);

        Files.writeString(dir.resolve("a.mjs"), "2");
        Files.delete(dir.resolve("b.mjs"));
        Files.writeString(dir.resolve("c.mjs"), "3");

        assertThat(scan().changedSince(before)).containsExactly("a.mjs", "b.mjs", "c.mjs");
        assertThat(scan().buildHash()).isNotEqualTo(buildHash);
    }

    @Test
    void largeFilesAreHashedAsAStream() throws IOException {
        Path big = dir.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        MessageDigest digest = sha();
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 20; i++) {
                chunk[0] = (byte) i;
                out.write(chunk);
                digest.update(chunk);
            }
        }
        assertThat(BlobHasher.hash(big)).isEqualTo(HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle scan() {
        return new BundleScanner(new BlobHasher(), Limits.DEFAULT.maxFileBytes()).scan(dir, IgnoreRules.forFolder(dir, null));
    }
}
