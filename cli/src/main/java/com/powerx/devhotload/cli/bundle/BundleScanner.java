package com.powerx.devhotload.cli.bundle;

import com.powerx.devhotload.cli.watch.IgnoreRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks the plugin folder into a {@link Bundle}: every file not ignored, hashed; symlinks followed only while they
 * stay inside the folder; paths the server would refuse reported instead of listed.
 */
public final class BundleScanner {

    private final BlobHasher hasher;
    private final long maxFileBytes;

    public BundleScanner(BlobHasher hasher, long maxFileBytes) {
        this.hasher = hasher;
        this.maxFileBytes = maxFileBytes;
    }

    public Bundle scan(Path folder, IgnoreRules ignore) {
        Path root = folder.toAbsolutePath().normalize();
        Path realRoot = realPath(root);
        List<BundleFile> files = new ArrayList<>();
        List<LintProblem> problems = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root) || !ignore.ignored(relative(root, dir), true) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String path = relative(root, file);
                    if (!ignore.ignored(path, false)) {
                        add(realRoot, file, path, attrs, files, problems);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(new LintProblem(relative(root, file), "unreadable (" + e.getMessage() + ")"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparing(BundleFile::path));
        return new Bundle(List.copyOf(files), List.copyOf(problems));
    }

    private void add(Path realRoot, Path file, String path, BasicFileAttributes attrs, List<BundleFile> files,
                     List<LintProblem> problems) throws IOException {
        String invalid = PathRules.problem(path);
        if (invalid != null) {
            problems.add(new LintProblem(path, invalid));
            return;
        }
        Path content = file;
        BasicFileAttributes contentAttrs = attrs;
        if (attrs.isSymbolicLink()) {
            Path target = realPathOrNull(file);
            if (target == null) {
                problems.add(new LintProblem(path, "broken symlink"));
                return;
            }
            if (!target.startsWith(realRoot)) {
                problems.add(new LintProblem(path, "symlink points outside the plugin folder (" + target + ")"));
                return;
            }
            if (Files.isDirectory(target)) {
                return; // a folder linked from inside the folder is already walked where it really is
            }
            content = target;
            contentAttrs = Files.readAttributes(target, BasicFileAttributes.class);
        }
        if (!contentAttrs.isRegularFile()) {
            return;
        }
        if (contentAttrs.size() > maxFileBytes) {
            problems.add(new LintProblem(path, "file is " + contentAttrs.size() + " bytes, over the limit of " + maxFileBytes + " bytes"));
            return;
        }
        files.add(new BundleFile(path, hasher.sha256(content, contentAttrs), contentAttrs.size(), content));
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path realPathOrNull(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
