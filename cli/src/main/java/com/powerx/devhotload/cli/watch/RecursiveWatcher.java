package com.powerx.devhotload.cli.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches the plugin folder and every folder below it (registering new ones as they appear) and reports each changed
 * path, relative and {@code /}-separated, that the ignore rules let through. An editor's atomic save (write a temp
 * file, rename it over the original) shows up as a create of the real name, which is what is reported; the temp
 * names are ignored. {@link #RESCAN} is reported when the OS dropped events.
 */
public final class RecursiveWatcher implements AutoCloseable {

    /** Reported instead of a path when events were lost: the receiver must compare the whole folder. */
    public static final String RESCAN = "*";

    private final Path root;
    private final IgnoreRules ignore;
    private final Consumer<String> onChange;
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private Thread thread;

    public RecursiveWatcher(Path root, IgnoreRules ignore, Consumer<String> onChange) {
        this.root = root.toAbsolutePath().normalize();
        this.ignore = ignore;
        this.onChange = onChange;
        try {
            this.service = this.root.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void start() {
        registerTree(root, false);
        thread = Thread.ofPlatform().daemon().name("px-watch").start(this::loop);
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = service.take();
                Path folder = folders.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    handle(folder, event);
                }
                if (!key.reset()) {
                    folders.remove(key);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the watch is over
        }
    }

    private void handle(Path folder, WatchEvent<?> event) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            onChange.accept(RESCAN);
            return;
        }
        if (folder == null) {
            return;
        }
        Path child = folder.resolve((Path) event.context());
        String path = relative(child);
        boolean directory = Files.isDirectory(child);
        if (ignore.ignored(path, directory)) {
            return;
        }
        if (directory) {
            // A folder's own modify events only mean its entries changed; those are reported by themselves.
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                registerTree(child, true);
            }
            return;
        }
        onChange.accept(path);
    }

    // Files created in a new folder before it was registered would be missed: they are reported while walking it.
    private void registerTree(Path start, boolean reportFiles) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && ignore.ignored(relative(dir), true)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    folders.put(key, dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = relative(file);
                    if (reportFiles && !ignore.ignored(path, false)) {
                        onChange.accept(path);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the folder vanished while being registered: its delete event follows
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // closing a watch service only fails if it is already closed
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
