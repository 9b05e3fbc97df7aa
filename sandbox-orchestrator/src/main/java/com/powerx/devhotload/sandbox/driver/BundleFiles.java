package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.bundle.BundleStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of a materialised version directory, as the kubernetes driver sends or names them. */
final class BundleFiles {

    private BundleFiles() {
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** {@code {path, sha256}} of each file: the init step fetches them by hash from session-service. */
    static List<SandboxPods.BundleFile> refs(Path dir) throws IOException {
        List<SandboxPods.BundleFile> refs = new ArrayList<>();
        for (Path file : list(dir)) {
            refs.add(new SandboxPods.BundleFile(dir.relativize(file).toString().replace('\\', '/'), BundleStore.sha256(file)));
        }
        return refs;
    }
}
