package com.powerx.devhotload.cli.watch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Real file system events: new folders are watched, atomic saves show up under the real name, ignored paths do not. */
class RecursiveWatcherTest {

    @TempDir
    Path dir;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private RecursiveWatcher watcher;

    @AfterEach
    void close() {
        watcher.close();
    }

    @Test
    void reportsSavesInNewFoldersAndAtomicRenames() throws Exception {
        Files.writeString(dir.resolve("index.mjs"), "v1");
        watcher = new RecursiveWatcher(dir, IgnoreRules.of(List.of()), seen::add);
        watcher.start();

        Files.createDirectories(dir.resolve("lib/deep"));
        Files.writeString(dir.resolve("lib/deep/x.mjs"), "x");
        await("lib/deep/x.mjs");
        Files.writeString(dir.resolve("lib/deep/y.mjs"), "y");
        await("lib/deep/y.mjs");

        // what vim and VS Code do: write a temp file, then rename it over the original
        Path temp = dir.resolve(".index.mjs.swp");
        Files.writeString(temp, "v2");
        seen.clear();
        Files.move(temp, dir.resolve("index.mjs"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await("index.mjs");

        Files.createDirectories(dir.resolve("node_modules/pkg"));
        Files.writeString(dir.resolve("node_modules/pkg/a.js"), "a");
        Thread.sleep(300);
        assertThat(seen).noneMatch(p -> p.startsWith("node_modules") || p.endsWith(".swp"));
    }

    private void await(String path) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!seen.contains(path) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(seen).contains(path);
    }
}
